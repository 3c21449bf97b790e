'use client';
export { OkayLiveCapture } from './OkayLiveCapture.tsx';
export type { CameraChange, Layout, OkayLiveCaptureProps } from './props.ts';
export { OkayLiveProvider, type OkayLiveProviderProps } from './Provider.tsx';
export { useOkayLiveClient, useCreateJourney, useLivenessCheck, type CheckVariables } from './hooks.ts';
export { useCaptureSession, useSession, useSessionContext, useTranslate, type SessionContextValue } from './context.ts';
export { useCameraChoice, type CameraChoice } from './camera/useCameraChoice.ts';
export { CameraPicker } from './camera/CameraPicker.tsx';
export type { ColorScheme, OkayLiveTheme, ThemeColors } from './theme/theme.ts';
export { useGuidance } from './guidance/useGuidance.ts';
/** For hosts that show the captured Blob (onCapture) themselves, as the console does. */
export { useObjectUrl } from './useObjectUrl.ts';
export type { AnalysisStatus, GuidanceSnapshot, Hint, RuleState, WindowPoint } from '../core/guidance/types.ts';
// Overlay geometry for `previewOverlay`: crop pixels to shares of the mirrored preview.
export { previewBox, previewPoint, type Box, type CropSize, type Point } from '../core/guidance/preview.ts';
export type { CameraInfo } from '../core/camera/devices.ts';
// The types a host's callbacks and hooks receive, and locale registration, without a second import path.
export { registerLocale, type Messages, type MessageKey } from '../core/i18n/translate.ts';
export type { Verdict } from '../core/api/verdict.ts';
export type {
  AnalysisUnavailable,
  CaptureMeta,
  RequirementsInvalid,
  SessionState,
  WidgetError,
  WidgetErrorCode,
} from '../core/session/types.ts';
export type { RequirementOverrides, RequirementProblem } from '../core/rules/requirements.ts';
export type { CaptureSession } from '../core/session/session.ts';
export type { SessionSnapshot } from '../core/session/snapshot.ts';
export type { SessionOptions } from '../core/session/options.ts';
