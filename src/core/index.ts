/**
 * The framework-free core (`okaylive-capture/core`): the capture session and what a host needs
 * around it, for pages that build their own UI or use another framework. Nothing under src/core
 * imports React.
 *
 * The list is curated, not `export *`: every name here is a promise to integrators, recorded in
 * api/okaylive-capture-core.api.md and checked by `npm test`. The session's own machinery (its
 * requests as mutations, the resend policy, the rule table and its evaluation, the wire format's
 * part names and size caps) stays private so it can change without a breaking release. Code in
 * this repository imports modules by their path, not through this file.
 */

// The session: one per widget; a host's screens read its snapshot and call its commands.
export { createCaptureSession, type CaptureSession } from './session/session.ts';
export type { SessionOptions } from './session/options.ts';
export type { SessionEnvironment } from './session/environment.ts';
export type { CameraView, SessionSnapshot, Tone } from './session/snapshot.ts';
export type { CameraChange, SessionCallbacks } from './session/notify.ts';
export { offersPhoto, wayForward, type Way } from './session/way.ts';
export type { Phase } from './session/store.ts';
// Continue on your phone: what the snapshot's `handoff` and `phone` hold, and the protocol's states.
export type { DesktopHandoffView } from './handoff/desktop.ts';
export type { PhoneHandoffView } from './handoff/phone.ts';
export type { HandoffErrorCode, HandoffState, HandoffTicket } from './handoff/types.ts';
// The errors and values the session reports.
export type {
  AnalysisUnavailable,
  RequirementsInvalid,
  Capture,
  CaptureErrorCode,
  CaptureMeta,
  CameraErrorCode,
  SessionState,
  WidgetError,
  WidgetErrorCode,
} from './session/types.ts';
// What a host's own preview hands to `cameraStarted(stream, videoFeed(video))`.
export { videoFeed, type FrameFeed, type Sample, type Still } from './guidance/sampler.ts';

// The API client, for hosts that call the two routes themselves, and its typed errors.
export {
  createOkayLiveClient,
  type ClientOptions,
  type FetchLike,
  type LivenessRequest,
  type OkayLiveClient,
} from './api/client.ts';
export { isApiError, OkayLiveApiError, type ApiErrorCode, type TransportCode } from './api/errors.ts';
export { outcomeOf, verdictFromFaceCode, verdictFromSuccess, type Outcome, type Verdict } from './api/verdict.ts';
// The verdict's probability and quality are read against these (the console draws them).
export {
  PROBABILITY_THRESHOLD,
  QUALITY_THRESHOLD,
  type ContractCode,
  type FaceCode,
  type GeneralCode,
  type OkayLiveSuccess,
} from './api/contract.ts';

// Requirement overrides, checked before a session starts, and the types guidance reports rules in.
export type { RuleCode } from './rules/codes.ts';
export { OVAL, type Bound, type ReadingKey, type Readings } from './rules/table.ts';
export { within } from './rules/evaluate.ts';
export {
  resolveRequirements,
  type AdjustableRowId,
  type RequirementOverrides,
  type RequirementProblem,
  type Requirements,
  type RequirementsInput,
  type RequirementsResult,
  type RowOverride,
} from './rules/requirements.ts';

// What guidance publishes, and how to place it over the mirrored preview.
export type {
  AnalysisFailure,
  AnalysisStatus,
  GuidanceSnapshot,
  Hint,
  RuleState,
  WindowPoint,
} from './guidance/types.ts';
export type { FrameScore } from './rules/score.ts';
export { previewBox, previewPoint, type Box, type CropSize, type Point } from './guidance/preview.ts';
export { portraitCrop, type CropPlan } from './capture/crop.ts';

// Cameras and messages.
export { describeCameras, type CameraInfo } from './camera/devices.ts';
export {
  createTranslator,
  localeInfo,
  registerLocale,
  type LocaleInfo,
  type MessageKey,
  type Messages,
  type Translate,
} from './i18n/translate.ts';
