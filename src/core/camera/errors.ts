import type { CameraErrorCode } from '../session/types.ts';

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

export function cameraErrorCode(error: unknown): CameraErrorCode {
  // react-webcam reports a missing mediaDevices API as a plain string.
  if (typeof error === 'string') return /not supported/i.test(error) ? 'CAMERA_UNSUPPORTED' : 'CAMERA_ERROR';
  const name = typeof error === 'object' && error !== null && 'name' in error ? String(error.name) : '';
  return BY_NAME[name] ?? 'CAMERA_ERROR';
}

/** Checked before asking, so the person gets the real reason rather than a generic failure. */
export function cameraPrecondition(env: { isSecureContext: boolean; mediaDevices: unknown }): CameraErrorCode | null {
  if (!env.isSecureContext) return 'CAMERA_INSECURE_CONTEXT';
  if (!env.mediaDevices) return 'CAMERA_UNSUPPORTED';
  return null;
}
