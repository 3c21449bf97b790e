/**
 * Which camera to use. Labels are empty until the person has granted camera access, so the
 * choice is made twice: a first guess from what the browser reports (or the remembered id),
 * then a correction once labels are readable (e.g. leave an infrared camera for the colour one).
 */

export type Facing = 'front' | 'back' | 'unknown';

export interface CameraInfo {
  deviceId: string;
  label: string;
  facing: Facing;
  /** Windows Hello and similar sensors: greyscale infrared, useless for a colour selfie. */
  infrared: boolean;
  /** Software cameras (OBS, ManyCam, ...): allowed, but reported to the server as a signal. */
  virtual: boolean;
}

/** The parts of MediaDeviceInfo / InputDeviceInfo we read; a plain object in tests. */
export interface DeviceInfoLike {
  readonly kind: string;
  readonly deviceId: string;
  readonly label: string;
  getCapabilities?: () => { facingMode?: string[] };
}

const INFRARED = /\bIR\b|infra-?red|\bdepth\b/i;

/**
 * Product names of common virtual webcams, plus the generic words. Word boundaries keep
 * "OBS" from matching inside other names.
 */
const VIRTUAL =
  /virtual|\bobs\b|manycam|snap camera|xsplit|vcam|droidcam|iriun|epoccam|camtwist|splitcam|\bmmhmm\b|nvidia broadcast|chromacam|logi capture|\bvmix\b|avatarify|youcam|\bcamo\b|fake|dummy|screen ?capture/i;

const FRONT = /front|user|facetime|selfie/i;
const BACK = /back|rear|environment|world/i;

export function isInfraredLabel(label: string): boolean {
  return INFRARED.test(label);
}

export function isVirtualCameraLabel(label: string): boolean {
  return VIRTUAL.test(label);
}

function facingOf(device: DeviceInfoLike): Facing {
  const modes = device.getCapabilities?.().facingMode ?? [];
  if (modes.includes('user')) return 'front';
  if (modes.includes('environment')) return 'back';
  if (FRONT.test(device.label)) return 'front';
  if (BACK.test(device.label)) return 'back';
  return 'unknown';
}

export function describeCameras(devices: readonly DeviceInfoLike[]): CameraInfo[] {
  return devices
    .filter((d) => d.kind === 'videoinput')
    .map((d) => ({
      deviceId: d.deviceId,
      label: d.label,
      facing: facingOf(d),
      infrared: isInfraredLabel(d.label),
      virtual: isVirtualCameraLabel(d.label),
    }));
}

export interface ChoiceContext {
  /** The host's or the person's explicit choice: honoured whatever it is, if it still exists. */
  preferredId?: string | undefined;
  /** Phones and tablets: the front camera is the selfie camera. */
  handheld: boolean;
}

/**
 * Ranks what a person would pick by hand: a real colour camera, on phones the front one.
 * Returns undefined when nothing is known yet (labels hidden): the browser's `facingMode:
 * 'user'` default is then the best guess.
 */
export function chooseCamera(cameras: readonly CameraInfo[], context: ChoiceContext): string | undefined {
  const usable = cameras.filter((c) => c.deviceId !== '');
  if (context.preferredId && usable.some((c) => c.deviceId === context.preferredId)) return context.preferredId;
  if (usable.every((c) => c.label === '')) return undefined;
  let best: CameraInfo | undefined;
  for (const camera of usable)
    if (!best || cameraRank(camera, context.handheld) < cameraRank(best, context.handheld)) best = camera;
  return best?.deviceId;
}

/** Touch-first devices, where "the camera" means the one facing the person. */
export function isHandheld(env: { maxTouchPoints: number; userAgent: string }): boolean {
  return (
    /Android|iPhone|iPad|iPod|Mobile/i.test(env.userAgent) ||
    (/Macintosh/.test(env.userAgent) && env.maxTouchPoints > 1)
  );
}

/** A short name for the picker when the browser hides labels or two cameras share one. */
export function cameraName(camera: CameraInfo, index: number, fallback: (n: number) => string): string {
  return camera.label.trim() || fallback(index + 1);
}

/** Lower is better: colour before infrared, real before virtual, on phones front before back. */
export function cameraRank(camera: CameraInfo, handheld: boolean): number {
  const facing = handheld ? (camera.facing === 'front' ? 0 : camera.facing === 'unknown' ? 1 : 2) : 0;
  return (camera.infrared ? 100 : 0) + (camera.virtual ? 10 : 0) + facing;
}

/**
 * After the browser picked a camera by itself: a clearly better one to switch to (the
 * browser's default can be the IR sensor or a virtual camera), or undefined to keep it.
 */
export function betterCamera(
  cameras: readonly CameraInfo[],
  activeId: string | undefined,
  handheld: boolean,
): string | undefined {
  const active = cameras.find((c) => c.deviceId === activeId);
  const best = chooseCamera(cameras, { handheld });
  const candidate = cameras.find((c) => c.deviceId === best);
  if (!active || !candidate || candidate === active) return undefined;
  return cameraRank(candidate, handheld) < cameraRank(active, handheld) ? candidate.deviceId : undefined;
}
