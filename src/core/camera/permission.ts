/**
 * Watches the camera permission where the Permissions API knows it, so a person who allows
 * the camera in the browser's settings is taken back to the camera without another click.
 * Browsers without `camera` in the Permissions API (Firefox, older Safari) simply never call back.
 */
interface PermissionStatusLike {
  readonly state: string;
  addEventListener(type: 'change', listener: () => void): void;
  removeEventListener(type: 'change', listener: () => void): void;
}

export interface PermissionsLike {
  query(descriptor: { name: string }): Promise<PermissionStatusLike>;
}

export function watchCameraPermission(permissions: PermissionsLike | undefined, onGranted: () => void): () => void {
  let status: PermissionStatusLike | null = null;
  let stopped = false;
  const listener = () => {
    if (!stopped && status?.state === 'granted') onGranted();
  };
  permissions
    ?.query({ name: 'camera' })
    .then((s) => {
      if (stopped) return;
      status = s;
      s.addEventListener('change', listener);
    })
    .catch(() => undefined);
  return () => {
    stopped = true;
    status?.removeEventListener('change', listener);
  };
}
