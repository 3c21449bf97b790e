import type { QueryClient } from '@tanstack/react-query';
import type { FetchLike } from '../core/api/client.ts';
import type { Verdict } from '../core/api/verdict.ts';
import type { Messages } from '../core/i18n/translate.ts';
import type { CaptureMeta, SessionState, WidgetError } from '../core/session/types.ts';

export interface OkayLiveCaptureProps {
  /** A journeyId the host's backend already created; without it the widget asks `{apiBaseUrl}/journeyid`. */
  journeyId?: string;
  /** Base of the host's proxy routes; defaults to the same-origin `/api/ekyc`. */
  apiBaseUrl?: string;
  headers?: Record<string, string>;
  credentials?: RequestCredentials;
  fetcher?: FetchLike;
  /** Off: capture only, hand the Blob to `onCapture` and stop (for hosts that call OkayFace). */
  autoSubmit?: boolean;
  /** Skip the intro screen and ask for the camera at once. */
  autoStart?: boolean;
  locale?: string;
  messages?: Partial<Messages>;
  cameraDeviceId?: string;
  className?: string;
  queryClient?: QueryClient;
  onCapture?: (blob: Blob, meta: CaptureMeta) => void;
  onResult?: (verdict: Verdict) => void;
  onError?: (error: WidgetError) => void;
  onCancel?: () => void;
  onStateChange?: (state: SessionState) => void;
}
