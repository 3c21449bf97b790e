import { cameraConstraints, nextConstraintStep } from './constraints.ts';
import { betterCamera, type CameraInfo } from './devices.ts';
import { cameraErrorCode, isCameraRetryable } from './errors.ts';
import type { CameraErrorCode } from './errors.ts';

/**
 * Which camera the session asks for and how: the chosen device and the rung of the
 * constraint ladder. Pure, so every camera decision is tested without a camera.
 */
export interface CameraState {
  /** Rung of the constraint ladder (constraints.ts) to ask with now. */
  step: number;
  /** The device to ask for; undefined lets the browser pick by `facingMode: 'user'`. */
  requestedId: string | undefined;
  /** The host or the person chose `requestedId`: never corrected automatically. */
  explicit: boolean;
  /** Cameras with readable labels; empty until the person has allowed the camera. */
  cameras: CameraInfo[];
  /** The device of the running track. */
  activeId: string | undefined;
}

export function initialCameraState(chosen: string | undefined): CameraState {
  return { step: 0, requestedId: chosen, explicit: chosen !== undefined, cameras: [], activeId: undefined };
}

/** The video constraints to ask with now. */
export function constraintsOf(state: CameraState): MediaTrackConstraints {
  return cameraConstraints(state.requestedId, state.step);
}

/** A camera chosen by the host or the person: asked for from the top of the ladder, never corrected. */
export function chooseCamera(state: CameraState, deviceId: string): CameraState {
  return { ...state, requestedId: deviceId, explicit: true, step: 0 };
}

/**
 * The browser picked a camera by itself and labels are now readable: a clearly better one to
 * switch to (the default can be an IR sensor or a virtual camera), or null to keep it.
 */
export function correctedCamera(state: CameraState, handheld: boolean): CameraState | null {
  if (state.explicit) return null;
  const better = betterCamera(state.cameras, state.activeId, handheld);
  return better ? { ...state, requestedId: better, step: 0 } : null;
}

export type StreamFailure =
  | { kind: 'lower'; state: CameraState }
  | { kind: 'fault'; state: CameraState; code: CameraErrorCode; retryable: boolean };

/**
 * getUserMedia failed: a lower rung of the ladder while the camera is still being started and
 * the error is about constraints, or the fault with its own code (the next attempt starts from
 * the top again: the fault may have been passing).
 */
export function afterStreamError(state: CameraState, error: unknown, starting: boolean): StreamFailure {
  const next = nextConstraintStep(state.step, error);
  if (next !== null && starting) return { kind: 'lower', state: { ...state, step: next } };
  const code = cameraErrorCode(error);
  return { kind: 'fault', state: { ...state, step: 0 }, code, retryable: isCameraRetryable(code) };
}

/** Two camera lists say the same (the list is re-read on every stream and devicechange, often unchanged). */
export function sameCameras(a: readonly CameraInfo[], b: readonly CameraInfo[]): boolean {
  return a.length === b.length && a.every((c, i) => c.deviceId === b[i]?.deviceId && c.label === b[i]?.label);
}
