import type { ReactNode } from 'react';
import type { OkayLiveProviderProps } from './Provider.tsx';
import type { OkayLiveTheme } from './theme/theme.ts';

export type { CameraChange } from '../core/session/notify.ts';

/**
 * `auto`: full screen on phone-sized portrait screens while the camera is on, inline otherwise;
 * `inline`: always inside the host's layout; `fullscreen`: full screen while the camera is on.
 */
export type Layout = 'auto' | 'inline' | 'fullscreen';

/** The session's options (journeyId, API, capture, camera, callbacks) and how the widget looks. */
export interface OkayLiveCaptureProps extends Omit<OkayLiveProviderProps, 'children'> {
  /**
   * Offer a photo (file picker / the phone's camera app) when there is no usable camera; on by
   * default. A chosen photo can be any picture of a face, not a live capture: hosts whose risk
   * policy forbids that turn it off. `CaptureMeta.mode` is 'file' for such captures.
   */
  photoFallback?: boolean;
  /**
   * Show the service's probability, quality and score on the result screen (off by default).
   * For integrators' test pages: the applicant should see the outcome only, never a gauge.
   */
  showFigures?: boolean;
  theme?: OkayLiveTheme;
  layout?: Layout;
  /** Show a Cancel action; defaults to on when `onCancel` is given. */
  showCancel?: boolean;
  className?: string;
  /**
   * Drawn over the camera preview, inside the widget (so it may call `useGuidance()`), in a box
   * that is exactly the portrait crop that would be uploaded, mirrored like the video:
   * `previewPoint` / `previewBox` turn the snapshot's crop pixels into shares of that box.
   * It takes no pointer events. For a debugging or teaching overlay; the person needs none.
   */
  previewOverlay?: ReactNode;
}
