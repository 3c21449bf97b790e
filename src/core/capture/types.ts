import type { AnalysisStatus } from '../analysis/client/client.ts';
import type { AnalysisFailure } from '../analysis/protocol.ts';
import type { RuleCode } from '../rules/codes.ts';
import type { Readings } from '../rules/table.ts';

/**
 * FILE_UNREADABLE: the chosen photo could not be decoded; FILE_REJECTED: it fails a requirement
 * rule (`WidgetError.reason` says which); CAPTURE_BLANK: the encoded still read back blank (or
 * not the analysed picture) on every attempt, so nothing was sent.
 */
export type CaptureErrorCode = 'CAPTURE_FAILED' | 'CAPTURE_BLANK' | 'FILE_UNREADABLE' | 'FILE_REJECTED';

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
