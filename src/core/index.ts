/**
 * The framework-free core (`okaylive-capture/core`): the capture session and what a host needs
 * around it, for pages that build their own UI or use another framework. A curated list: what
 * is not here is private and may change. Nothing under src/core imports React.
 */

// The session: one per widget; views read its snapshot and call its commands.
export { createCaptureSession, type CaptureSession } from './session/session.ts';
export { MANUAL_CAPTURE_AFTER_MS, type SessionOptions } from './session/options.ts';
export type { SessionEnvironment } from './session/environment.ts';
export type { CameraView, SessionSnapshot } from './session/snapshot.ts';
export { GUIDANCE_EVENT_INTERVAL_MS, type CameraChange, type SessionCallbacks } from './session/notify.ts';
export { offersPhoto, wayForward, type Way } from './session/way.ts';
export type { Phase } from './session/store.ts';
// Continue on your phone: what the snapshot's `handoff` and `phone` hold, and the protocol's states.
export type { DesktopHandoffView } from './handoff/desktop.ts';
export type { PhoneHandoffView } from './handoff/phone.ts';
export type { HandoffErrorCode, HandoffState, HandoffTicket } from './handoff/types.ts';
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
export { videoFeed, type FrameFeed, type Sample, type Still } from './guidance/sampler.ts';

// The API: the proxy-aware client, its requests as query-core mutations, and the resend policy.
export {
  createOkayLiveClient,
  DEFAULT_API_BASE_URL,
  DEFAULT_TIMEOUT_MS,
  parseRetryAfter,
  type ClientOptions,
  type FetchLike,
  type LivenessRequest,
  type OkayLiveClient,
} from './api/client.ts';
export { isApiError, OkayLiveApiError, type ApiErrorCode, type TransportCode } from './api/errors.ts';
export { outcomeOf, verdictFromFaceCode, verdictFromSuccess, type Outcome, type Verdict } from './api/verdict.ts';
export {
  FACE_CODES,
  GENERAL_CODES,
  IMAGE_FILENAME,
  isFaceCode,
  MAX_IMAGE_BYTES,
  MAX_REQUEST_BYTES,
  PART_IMAGE,
  PART_JOURNEY,
  PROBABILITY_THRESHOLD,
  QUALITY_THRESHOLD,
  SCORE_LIMIT,
  toContractCode,
  type ContractCode,
  type FaceCode,
  type GeneralCode,
  type OkayLiveSuccess,
} from './api/contract.ts';
export { CHECK_MUTATION_KEY, JOURNEY_MUTATION_KEY, journeyMutation, livenessMutation, type CheckVariables } from './api/mutations.ts';
export { canResend, DEFAULT_RATE_LIMIT_WAIT_MS, failureOf, shouldRenewJourney, type ApiFailure, type JourneyOwner } from './api/resend.ts';

// The requirement rules: one table, read by the browser guidance and the server alike.
export { HINT_PRIORITY, NON_BLOCKING, type RuleCode } from './rules/codes.ts';
export {
  CROP_ASPECT,
  CROP_MAX_HEIGHT,
  FACE_CONFIDENCE_FLOOR,
  MESH_CONFIDENCE_FLOOR,
  OVAL,
  RULES,
  type Bound,
  type ReadingKey,
  type Readings,
  type RuleRow,
} from './rules/table.ts';
export { evaluate, passingRowIds, primaryFailure, within, type Evaluation, type RowResult } from './rules/evaluate.ts';
export {
  ADJUSTABLE,
  resolveRequirements,
  STABLE_WINDOW_RANGE,
  type AdjustableRowId,
  type RequirementOverrides,
  type RequirementProblem,
  type Requirements,
  type RowOverride,
} from './rules/requirements.ts';

// What guidance publishes, and how to place it over the mirrored preview.
export type { AnalysisFailure, AnalysisStatus, GuidanceSnapshot, Hint, RuleState, WindowPoint } from './guidance/types.ts';
export { frameScore, type FrameScore } from './rules/score.ts';
export { previewBox, previewPoint, type Box, type CropSize, type Point } from './guidance/preview.ts';
export { portraitCrop, type CropPlan } from './capture/crop.ts';

// Face-analysis assets a host serves from its own origin.
export { ASSET_FILES, DEFAULT_ASSETS_BASE_URL, MODEL_FILES, WASM_FILES } from './analysis/assets.ts';
export { ANALYSIS_HEIGHT } from './analysis/measure/scale.ts';

// Cameras and messages.
export { describeCameras, isVirtualCameraLabel, type CameraInfo } from './camera/devices.ts';
export { createTranslator, localeInfo, registerLocale, type LocaleInfo, type MessageKey, type Messages, type Translate } from './i18n/translate.ts';
