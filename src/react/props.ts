import type { Verdict } from '../core/api/verdict.ts';
import type { CaptureMeta, SessionState, WidgetError } from '../core/session/types.ts';
import type { GuidanceSnapshot } from '../core/guidance/types.ts';
import type { ReactNode } from 'react';
import type { CameraInfo } from '../core/camera/devices.ts';
import type { OkayLiveProviderProps } from './Provider.tsx';
import type { OkayLiveTheme } from './theme/theme.ts';

/**
 * `auto`: full screen on phone-sized portrait screens while the camera is on, inline otherwise;
 * `inline`: always inside the host's layout; `fullscreen`: full screen while the camera is on.
 */
export type Layout = 'auto' | 'inline' | 'fullscreen';

export interface OkayLiveCaptureProps extends Omit<OkayLiveProviderProps, 'children'> {
  /** Off: capture only, hand the Blob to `onCapture` and stop (for hosts that call OkayFace). */
  autoSubmit?: boolean;
  /**
   * Offer a photo (file picker / the phone's camera app) when there is no usable camera; on by
   * default. A chosen photo can be any picture of a face, not a live capture: hosts whose risk
   * policy forbids that turn it off. `CaptureMeta.mode` is 'file' for such captures.
   */
  photoFallback?: boolean;
  /** Skip the intro screen and ask for the camera at once. */
  autoStart?: boolean;
  /** A camera to use; otherwise the front colour camera (a remembered choice first, see rememberCamera). */
  cameraDeviceId?: string;
  /** Store the person's camera choice in localStorage for the next visit (off unless the host allows). */
  rememberCamera?: boolean;
  theme?: OkayLiveTheme;
  layout?: Layout;
  /** Show a Cancel action; defaults to on when `onCancel` is given. */
  showCancel?: boolean;
  className?: string;
  onCapture?: (blob: Blob, meta: CaptureMeta) => void;
  onResult?: (verdict: Verdict) => void;
  onError?: (error: WidgetError) => void;
  /** The person chose Cancel: the camera is off and nothing is sent any more. */
  onCancel?: () => void;
  onStateChange?: (state: SessionState) => void;
  /** Where the face-analysis models and WASM are served; default same-origin `/okaylive-assets/`. */
  assetsBaseUrl?: string;
  /** Off: guidance only, the person presses the capture button (shown at once). */
  autoCapture?: boolean;
  /** Show the manual capture button after this long without an automatic capture (default 10 s; 0 = always). */
  manualCaptureAfterMs?: number;
  /** Guidance after analysed frames: at most every 200 ms, and at once when the hint changes. */
  onGuidance?: (snapshot: GuidanceSnapshot) => void;
  /**
   * Drawn over the camera preview, inside the widget (so it may call `useGuidance()`), in a box
   * that is exactly the portrait crop that would be uploaded, mirrored like the video:
   * `previewPoint` / `previewBox` turn the snapshot's crop pixels into shares of that box.
   * It takes no pointer events. For a debugging or teaching overlay; the person needs none.
   */
  previewOverlay?: ReactNode;
  /** The cameras the widget can see (labels readable once allowed) and the one running; on each change. */
  onCameraChange?: (change: CameraChange) => void;
}

export interface CameraChange {
  cameras: CameraInfo[];
  active: CameraInfo | undefined;
}
