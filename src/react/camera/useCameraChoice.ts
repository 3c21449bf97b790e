import { useCallback, useEffect, useRef, useState } from 'react';
import { betterCamera, describeCameras, isHandheld, type CameraInfo } from '../../core/camera/devices.ts';
import { browserStorage, recallCamera, rememberCamera } from '../../core/camera/remember.ts';
import { useSessionContext } from '../context.ts';

export interface CameraChoice {
  /** Cameras with readable labels; empty until the person has allowed the camera. */
  cameras: CameraInfo[];
  /** The device to ask for; undefined lets the browser pick by `facingMode: 'user'`. */
  requestedId: string | undefined;
  /** The camera actually running. */
  active: CameraInfo | undefined;
  select(deviceId: string): void;
  /** Call with each stream the camera view opens. */
  onStream(stream: MediaStream): void;
}

export interface CameraChoiceOptions {
  cameraDeviceId: string | undefined;
  remember: boolean;
}

/**
 * The camera in use and the list to switch between. A choice by the host or the person is
 * kept; a choice left to the browser is corrected once labels are readable.
 */
export function useCameraChoice({ cameraDeviceId, remember }: CameraChoiceOptions): CameraChoice {
  const { store } = useSessionContext();
  const [requestedId, setRequestedId] = useState<string | undefined>(
    () => cameraDeviceId ?? (remember ? recallCamera(browserStorage()) : undefined),
  );
  const explicit = useRef(requestedId !== undefined);
  const [cameras, setCameras] = useState<CameraInfo[]>([]);
  const [activeId, setActiveId] = useState<string | undefined>(undefined);

  // Permission to remember can arrive after mount (an attribute set by the page's script).
  useEffect(() => {
    if (!remember || explicit.current) return;
    const recalled = recallCamera(browserStorage());
    if (recalled === undefined) return;
    explicit.current = true;
    setRequestedId(recalled);
  }, [remember]);

  useEffect(() => {
    if (cameraDeviceId === undefined) return;
    explicit.current = true;
    setRequestedId(cameraDeviceId);
  }, [cameraDeviceId]);

  const switchTo = useCallback(
    (deviceId: string) => {
      setRequestedId(deviceId);
      // The preview restarts on the new device: no capture until it is up.
      if (store.getState().status === 'ready') store.getState().startCamera();
    },
    [store],
  );

  const refresh = useCallback(async (): Promise<CameraInfo[]> => {
    const devices = await navigator.mediaDevices?.enumerateDevices?.().catch(() => []);
    const list = describeCameras(devices ?? []).filter((c) => c.label !== '');
    setCameras(list);
    return list;
  }, []);

  useEffect(() => {
    const media = navigator.mediaDevices;
    if (!media?.addEventListener) return undefined;
    const onChange = () => void refresh();
    media.addEventListener('devicechange', onChange);
    return () => media.removeEventListener('devicechange', onChange);
  }, [refresh]);

  const onStream = useCallback(
    (stream: MediaStream) => {
      const running = stream.getVideoTracks()[0]?.getSettings().deviceId;
      setActiveId(running);
      void refresh().then((list) => {
        if (explicit.current) return;
        const better = betterCamera(list, running, isHandheld({ maxTouchPoints: navigator.maxTouchPoints, userAgent: navigator.userAgent }));
        if (better) switchTo(better);
      });
    },
    [refresh, switchTo],
  );

  const select = useCallback(
    (deviceId: string) => {
      explicit.current = true;
      if (remember) rememberCamera(browserStorage(), deviceId);
      switchTo(deviceId);
    },
    [remember, switchTo],
  );

  return { cameras, requestedId, active: cameras.find((c) => c.deviceId === activeId), select, onStream };
}
