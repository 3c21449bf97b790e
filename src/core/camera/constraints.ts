/**
 * What we ask the camera for, best first. Every step keeps its sizes as `ideal` (never
 * `exact`/`min`), so a step only fails when the browser or the device refuses something it
 * cannot bend, e.g. a `deviceId` that is gone or a driver that rejects a size outright.
 * The last step asks for "any camera", which every camera satisfies.
 */
export interface ConstraintStep {
  /** 1920x1080: its portrait crop (810x1080) clears the contract's 800 px minimum height. */
  width?: number;
  height?: number;
  facingMode?: 'user';
  /** Keep the host's chosen camera, as a demand (`exact`) or a preference (`ideal`). */
  deviceId?: 'exact' | 'ideal';
}

export const CONSTRAINT_LADDER: readonly ConstraintStep[] = [
  { width: 1920, height: 1080, facingMode: 'user', deviceId: 'exact' },
  { width: 1280, height: 720, facingMode: 'user', deviceId: 'ideal' },
  { facingMode: 'user', deviceId: 'ideal' },
  {},
];

/** The video constraints of one step of the ladder (clamped to the last step). */
export function cameraConstraints(deviceId: string | undefined, step = 0): MediaTrackConstraints {
  const rung = CONSTRAINT_LADDER[Math.min(Math.max(0, step), CONSTRAINT_LADDER.length - 1)] ?? {};
  const constraints: MediaTrackConstraints = {};
  if (rung.width !== undefined) constraints.width = { ideal: rung.width };
  if (rung.height !== undefined) constraints.height = { ideal: rung.height };
  if (deviceId && rung.deviceId) {
    constraints.deviceId = rung.deviceId === 'exact' ? { exact: deviceId } : { ideal: deviceId };
  } else if (rung.facingMode) {
    // A preference, never `exact`: `exact` throws on desktop and virtual cameras.
    constraints.facingMode = rung.facingMode;
  }
  return constraints;
}

const CONSTRAINT_ERRORS: ReadonlySet<string> = new Set(['OverconstrainedError', 'ConstraintNotSatisfiedError']);

export function isConstraintError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'name' in error && CONSTRAINT_ERRORS.has(String(error.name));
}

/** The step to try after `error` at `step`, or null when the error is not about constraints or the ladder is spent. */
export function nextConstraintStep(step: number, error: unknown): number | null {
  if (!isConstraintError(error)) return null;
  return step + 1 < CONSTRAINT_LADDER.length ? step + 1 : null;
}
