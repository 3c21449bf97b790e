import type { AnalysisStatus } from '../analysis/client.ts';
import type { AnalysisFailure } from '../analysis/protocol.ts';
import type { ApiErrorCode } from '../api/errors.ts';
import type { RuleCode } from '../rules/codes.ts';
import type { RequirementProblem } from '../rules/requirements.ts';
import type { Readings } from '../rules/table.ts';

export type SessionState = 'idle' | 'camera_starting' | 'ready' | 'capturing' | 'captured' | 'submitting' | 'result' | 'error';

export type CameraErrorCode =
  | 'CAMERA_DENIED'
  | 'CAMERA_NOT_FOUND'
  | 'CAMERA_IN_USE'
  | 'CAMERA_CONSTRAINTS'
  | 'CAMERA_ENDED'
  | 'CAMERA_INSECURE_CONTEXT'
  | 'CAMERA_BLOCKED_BY_PAGE'
  | 'CAMERA_UNSUPPORTED'
  | 'CAMERA_ERROR';

/**
 * FILE_UNREADABLE: the chosen photo could not be decoded; FILE_REJECTED: it fails a requirement
 * rule (`WidgetError.reason` says which); CAPTURE_BLANK: the encoded still read back blank (or
 * not the analysed picture) on every attempt, so nothing was sent.
 */
export type CaptureErrorCode = 'CAPTURE_FAILED' | 'CAPTURE_BLANK' | 'FILE_UNREADABLE' | 'FILE_REJECTED';

export type WidgetErrorCode = ApiErrorCode | CameraErrorCode | CaptureErrorCode | 'ANALYSIS_UNAVAILABLE' | 'REQUIREMENTS_INVALID';

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
export type AnalysisUnavailable = ErrorFields & { code: 'ANALYSIS_UNAVAILABLE'; source: 'analysis'; retryable: false; reason: AnalysisFailure; detail: string };

/** What goes to the host with the Blob. */
export interface CaptureMeta {
  width: number;
  height: number;
  bytes: number;
  jpegQuality: number;
  mode: 'auto' | 'manual' | 'file';
  /**
   * `virtual`: the label looks like a software camera (OBS, ManyCam, "virtual", ...). A signal
   * for the host's server to weigh, never a verdict: the widget captures regardless.
   */
  camera: { width: number; height: number; label: string; deviceId?: string; virtual: boolean } | null;
  /** Crop height below the contract's 800 px minimum: captured anyway, flagged here. */
  lowResolution: boolean;
  /** Rule readings of the chosen frame, when guidance ran. */
  readings?: Readings;
  /** Failed rule codes of the chosen frame at the limit (empty when compliant). */
  failures?: RuleCode[];
  /** Frame score of the chosen frame (0..1: sharpness, frontality, centring, exposure), when auto-captured. */
  score?: number;
  /**
   * Face analysis when the still was taken: `unavailable` means no guidance ran (the capture
   * was manual or a photo unchecked by the widget), `analysisFailure` says why.
   */
  guidance?: AnalysisStatus;
  analysisFailure?: AnalysisFailure;
  /** Stills read back blank (or not the analysed picture) and never sent before this one. */
  stillRejected?: number;
  capturedAt: string;
}

export interface Capture {
  blob: Blob;
  meta: CaptureMeta;
}
