import type { ClientOptions, FetchLike } from '../api/client.ts';
import type { RequirementsInput } from '../rules/requirements.ts';
import type { SessionCallbacks } from './notify.ts';

/**
 * Without an automatic capture by then, the person may take the selfie by hand: long enough
 * that a person being guided is not tempted to skip guidance, short enough not to strand
 * someone whose face the analysis cannot read.
 */
export const MANUAL_CAPTURE_AFTER_MS = 10_000;

/** What a host sets on one widget; every field may change while it is mounted. */
export interface SessionOptions extends SessionCallbacks {
  /** A journeyId the host's backend already created; without it the widget asks `{apiBaseUrl}/journeyid`. */
  journeyId?: string | undefined;
  /** Base of the host's proxy routes; defaults to the same-origin `/api/ekyc`. */
  apiBaseUrl?: string | undefined;
  headers?: Record<string, string> | undefined;
  credentials?: RequestCredentials | undefined;
  fetcher?: FetchLike | undefined;
  timeoutMs?: number | undefined;
  /** Off: capture only, hand the Blob to `onCapture` and stop (for hosts that call OkayFace). */
  autoSubmit?: boolean | undefined;
  /** Ask for the camera at once, without the intro screen. */
  autoStart?: boolean | undefined;
  /** Off: guidance only, the person presses the capture button (shown at once). */
  autoCapture?: boolean | undefined;
  /** The capture button appears after this long without an automatic capture (0: always). */
  manualCaptureAfterMs?: number | undefined;
  /** A camera to use; otherwise the front colour camera (a remembered one first, see rememberCamera). */
  cameraDeviceId?: string | undefined;
  /** Store the person's camera choice in localStorage for the next visit. */
  rememberCamera?: boolean | undefined;
  /** Where the face-analysis models and WASM are served; same-origin `/okaylive-assets/` by default. */
  assetsBaseUrl?: string | undefined;
  /**
   * Where the analysis worker file is served, for bundlers that rewrite its address into one no
   * page can start a worker from (Next.js). Default: the bundled address, else the copy
   * `npx okaylive-assets` puts under `assetsBaseUrl`.
   */
  workerUrl?: string | undefined;
  /**
   * Start loading face analysis when the widget mounts, while the person reads the intro and
   * answers the camera prompt (on by default). Off for hosts that mount the widget long
   * before the selfie step: loading then starts with the camera.
   */
  preloadAnalysis?: boolean | undefined;
  /**
   * Tighter or looser requirement rows and the stable window's length, within the ranges the
   * rules allow (docs/guidance.md); give the server the same. Checked at mount: out-of-range
   * values stop the widget with REQUIREMENTS_INVALID. JSON text of the same object is read too.
   */
  requirements?: RequirementsInput | undefined;
  /**
   * `offer`: a desktop without a usable camera (or a person who prefers it) may continue on their
   * phone by QR code; the backend needs the handoff routes (the bundled server and the server
   * package have them). `phone`: this widget is the phone's side, on the page the link opens.
   */
  handoff?: 'offer' | 'phone' | undefined;
}

/** The API client's options, from the host's. */
export function clientOptions(options: SessionOptions): ClientOptions {
  const out: ClientOptions = {};
  if (options.apiBaseUrl !== undefined) out.apiBaseUrl = options.apiBaseUrl;
  if (options.headers !== undefined) out.headers = options.headers;
  if (options.credentials !== undefined) out.credentials = options.credentials;
  if (options.fetcher !== undefined) out.fetch = options.fetcher;
  if (options.timeoutMs !== undefined) out.timeoutMs = options.timeoutMs;
  return out;
}

/** Client options compared by value: hosts often pass a fresh headers literal on every render. */
export function sameClientOptions(a: SessionOptions, b: SessionOptions): boolean {
  return (
    a.apiBaseUrl === b.apiBaseUrl &&
    JSON.stringify(a.headers ?? {}) === JSON.stringify(b.headers ?? {}) &&
    a.credentials === b.credentials &&
    a.fetcher === b.fetcher &&
    a.timeoutMs === b.timeoutMs
  );
}
