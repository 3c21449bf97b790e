import type { AnalysisFailure } from '../analysis/protocol.ts';
import type { ApiErrorCode } from '../api/errors.ts';
import type { RuleCode } from '../rules/codes.ts';
import type { RequirementProblem } from '../rules/requirements.ts';
import type { CameraErrorCode } from '../camera/errors.ts';
import type { CaptureErrorCode } from '../capture/types.ts';

export type { CameraErrorCode } from '../camera/errors.ts';
export type { Capture, CaptureErrorCode, CaptureMeta } from '../capture/types.ts';

export type SessionState =
  'idle' | 'camera_starting' | 'ready' | 'capturing' | 'captured' | 'submitting' | 'result' | 'error' | 'handoff';

export type WidgetErrorCode =
  ApiErrorCode | CameraErrorCode | CaptureErrorCode | 'ANALYSIS_UNAVAILABLE' | 'REQUIREMENTS_INVALID';

interface ErrorFields {
  source: 'camera' | 'api' | 'capture' | 'analysis' | 'config';
  /** Resending the same capture (or restarting the camera) can succeed. */
  retryable: boolean;
  status?: number;
  retryAfterMs?: number;
  /** Epoch ms before which the widget refuses to resend (Retry-After); the view counts down to it. */
  retryAt?: number;
}

/** A plain, serialisable error value: the UI maps `code` to catalogue text. */
export type WidgetError =
  | (ErrorFields & {
      code: Exclude<WidgetErrorCode, 'ANALYSIS_UNAVAILABLE' | 'REQUIREMENTS_INVALID'>;
      /** FILE_REJECTED: the requirement the photo fails. */
      reason?: RuleCode;
    })
  | AnalysisUnavailable
  | RequirementsInvalid;

/**
 * The host's `requirements` cannot be applied (a row unknown, a number out of its range, two
 * rows that cannot both be met): nothing starts until they are fixed. `requirement` names the
 * row and the bound; `detail` says it in a sentence for the developer's console.
 */
export type RequirementsInvalid = ErrorFields & {
  code: 'REQUIREMENTS_INVALID';
  source: 'config';
  retryable: false;
  requirement: RequirementProblem;
  detail: string;
};

/**
 * Guidance cannot run (a notification: the flow goes on with manual capture). `reason` says
 * why; `detail` tells the developer what to fix. The person sees catalogue text only.
 */
export type AnalysisUnavailable = ErrorFields & {
  code: 'ANALYSIS_UNAVAILABLE';
  source: 'analysis';
  retryable: false;
  reason: AnalysisFailure;
  detail: string;
};
