/** Why the camera cannot be used; the views map each to catalogue text. */
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
 * getUserMedia rejects with DOMExceptions whose names differ a little between browsers
 * (Firefox and old Chrome used other names); map them all to our codes.
 */
const BY_NAME: Readonly<Record<string, CameraErrorCode>> = {
  NotAllowedError: 'CAMERA_DENIED',
  PermissionDeniedError: 'CAMERA_DENIED',
  SecurityError: 'CAMERA_DENIED',
  NotFoundError: 'CAMERA_NOT_FOUND',
  DevicesNotFoundError: 'CAMERA_NOT_FOUND',
  NotReadableError: 'CAMERA_IN_USE',
  TrackStartError: 'CAMERA_IN_USE',
  AbortError: 'CAMERA_IN_USE',
  OverconstrainedError: 'CAMERA_CONSTRAINTS',
  ConstraintNotSatisfiedError: 'CAMERA_CONSTRAINTS',
  TypeError: 'CAMERA_UNSUPPORTED',
};

/** react-webcam's own words when the browser has no getUserMedia (a string, or its polyfill's Error). */
const UNSUPPORTED_TEXT = /not (supported|implemented)/i;

export function cameraErrorCode(error: unknown): CameraErrorCode {
  if (typeof error === 'string') return UNSUPPORTED_TEXT.test(error) ? 'CAMERA_UNSUPPORTED' : 'CAMERA_ERROR';
  const name = typeof error === 'object' && error !== null && 'name' in error ? String(error.name) : '';
  const known = BY_NAME[name];
  if (known) return known;
  const message = typeof error === 'object' && error !== null && 'message' in error ? String(error.message) : '';
  return /getUserMedia/.test(message) && UNSUPPORTED_TEXT.test(message) ? 'CAMERA_UNSUPPORTED' : 'CAMERA_ERROR';
}

/** Camera faults where trying the camera again cannot help until something outside the page changes. */
const FINAL: ReadonlySet<CameraErrorCode> = new Set<CameraErrorCode>([
  'CAMERA_INSECURE_CONTEXT',
  'CAMERA_BLOCKED_BY_PAGE',
  'CAMERA_UNSUPPORTED',
]);

export function isCameraRetryable(code: CameraErrorCode): boolean {
  return !FINAL.has(code);
}

export interface CameraEnvironment {
  isSecureContext: boolean;
  mediaDevices: unknown;
  /** The legacy prefixed getUserMedia, which a polyfill can still wrap. */
  legacyGetUserMedia?: unknown;
  /**
   * Whether the page's Permissions Policy lets this document use the camera, where the browser
   * says (Chromium's `document.featurePolicy`): false in a frame embedded without `allow="camera"`.
   */
  cameraAllowedByPolicy?: boolean;
}

/**
 * Checked before asking, so the person gets the real reason rather than a generic failure.
 * A real MediaDevices always has `enumerateDevices`; an object holding only a `getUserMedia`
 * (react-webcam installs one when the browser has none) is a shim with nothing behind it.
 */
export function cameraPrecondition(env: CameraEnvironment): CameraErrorCode | null {
  if (!env.isSecureContext) return 'CAMERA_INSECURE_CONTEXT';
  // Only the site can fix this (allow="camera" on its iframe): browser settings cannot.
  if (env.cameraAllowedByPolicy === false) return 'CAMERA_BLOCKED_BY_PAGE';
  const devices = env.mediaDevices;
  if (typeof devices !== 'object' || devices === null) return 'CAMERA_UNSUPPORTED';
  const has = (key: string) => key in devices && typeof (devices as Record<string, unknown>)[key] === 'function';
  if (!has('getUserMedia')) return 'CAMERA_UNSUPPORTED';
  if (!has('enumerateDevices') && typeof env.legacyGetUserMedia !== 'function') return 'CAMERA_UNSUPPORTED';
  return null;
}

/** The environment of this page, read at the moment of asking. */
/** Chromium's policy API (`document.featurePolicy`); other engines do not expose one. */
interface PolicyDocument {
  featurePolicy?: { allowsFeature?: (feature: string) => boolean };
}

function cameraPolicy(): boolean | undefined {
  if (typeof document === 'undefined') return undefined;
  const policy = (document as Document & PolicyDocument).featurePolicy;
  return typeof policy?.allowsFeature === 'function' ? policy.allowsFeature('camera') : undefined;
}

export function currentCameraEnvironment(): CameraEnvironment {
  const nav =
    typeof navigator === 'undefined' ? undefined : (navigator as Navigator & { webkitGetUserMedia?: unknown });
  const env: CameraEnvironment = {
    isSecureContext: typeof window === 'undefined' ? true : window.isSecureContext,
    mediaDevices: nav?.mediaDevices,
    legacyGetUserMedia: nav?.webkitGetUserMedia,
  };
  const allowed = cameraPolicy();
  if (allowed !== undefined) env.cameraAllowedByPolicy = allowed;
  return env;
}
