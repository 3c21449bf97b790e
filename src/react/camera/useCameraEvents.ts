import { useEffect, useRef } from 'react';
import type { CameraChange } from '../props.ts';
import type { CameraChoice } from './useCameraChoice.ts';

/** Tells the host which cameras the widget sees and which one runs, whenever either changes. */
export function useCameraEvents(choice: Pick<CameraChoice, 'cameras' | 'active'>, onChange: ((change: CameraChange) => void) | undefined): void {
  const callback = useRef(onChange);
  callback.current = onChange;
  const { cameras, active } = choice;
  // Keyed by value: the list is re-read on every stream and devicechange, often unchanged.
  const key = JSON.stringify([cameras.map((c) => [c.deviceId, c.label]), active?.deviceId ?? null]);
  const last = useRef<string | null>(null);
  useEffect(() => {
    if (last.current === key) return;
    last.current = key;
    callback.current?.({ cameras, active });
  }, [key, cameras, active]);
}
