/**
 * Remembering the person's camera across visits, only when the host allows it: a device id
 * is a stable per-origin identifier, and some hosts' privacy notices do not cover storing one.
 */
export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export const CAMERA_STORAGE_KEY = 'okaylive.cameraDeviceId';

/** Reads never throw: storage can be disabled, full, or forbidden in a sandboxed frame. */
export function recallCamera(storage: StorageLike | null): string | undefined {
  try {
    return storage?.getItem(CAMERA_STORAGE_KEY) || undefined;
  } catch {
    return undefined;
  }
}

export function rememberCamera(storage: StorageLike | null, deviceId: string): void {
  try {
    storage?.setItem(CAMERA_STORAGE_KEY, deviceId);
  } catch {
    // Not remembering is harmless: the person picks again next time.
  }
}

/** `localStorage` where the page may use it; accessing it can itself throw (sandbox, privacy modes). */
export function browserStorage(): StorageLike | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}
