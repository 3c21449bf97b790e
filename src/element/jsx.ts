import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type { OkayLiveCaptureElement } from './element.ts';

/** The element's attributes, for JSX (`<okaylive-capture api-base-url="…" />` in a React or Preact page). */
export interface OkayLiveCaptureAttributes extends DetailedHTMLProps<
  HTMLAttributes<OkayLiveCaptureElement>,
  OkayLiveCaptureElement
> {
  'api-base-url'?: string;
  'journey-id'?: string;
  locale?: string;
  'camera-device-id'?: string;
  'assets-base-url'?: string;
  'worker-url'?: string;
  'auto-submit'?: 'true' | 'false';
  'auto-start'?: boolean | 'true' | 'false';
  'auto-capture'?: 'true' | 'false';
  'manual-capture-after-ms'?: number | string;
  'remember-camera'?: boolean | 'true' | 'false';
  'hide-cancel'?: boolean | 'true' | 'false';
  'show-figures'?: boolean | 'true' | 'false';
  theme?: 'light' | 'dark' | 'auto';
  layout?: 'auto' | 'inline' | 'fullscreen';
  /** `offer`: a desktop may continue on the person's phone; `phone`: the phone's side. */
  handoff?: 'offer' | 'phone';
  credentials?: RequestCredentials;
}

declare module 'react' {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace JSX {
    interface IntrinsicElements {
      'okaylive-capture': OkayLiveCaptureAttributes;
    }
  }
}
