import type { CameraInfo } from '../../core/camera/devices.ts';
import { useCaptureSession, useSession } from '../context.ts';

export interface CameraChoice {
  /** Cameras with readable labels; empty until the person has allowed the camera. */
  cameras: CameraInfo[];
  /** The camera actually running. */
  active: CameraInfo | undefined;
  /** Switch to this camera (restarts the preview on it; remembered when the host allows). */
  select(deviceId: string): void;
}

/** The cameras this widget can use and the one running, from its session. */
export function useCameraChoice(): CameraChoice {
  const session = useCaptureSession();
  const cameras = useSession((s) => s.camera.cameras);
  const active = useSession((s) => s.camera.active);
  return { cameras, active, select: session.selectCamera };
}
