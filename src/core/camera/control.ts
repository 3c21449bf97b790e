import { correctedCamera, sameCameras, type CameraState } from './choice.ts';
import { describeCameras, type DeviceInfoLike } from './devices.ts';
import { watchCameraPermission, type PermissionsLike } from './permission.ts';
import { stopStreams, watchTracks, type StreamLike } from './tracks.ts';
import type { FrameFeed } from '../guidance/sampler.ts';

/** The parts of `navigator.mediaDevices` the camera control reads; a plain object in tests. */
export interface MediaDevicesLike {
  enumerateDevices(): Promise<DeviceInfoLike[]>;
  addEventListener?(type: 'devicechange', listener: () => void): void;
  removeEventListener?(type: 'devicechange', listener: () => void): void;
}

/** What the camera's life depends on outside the widget. */
export interface CameraEnvironment {
  devices: MediaDevicesLike | undefined;
  permissions: PermissionsLike | undefined;
  /** Phones and tablets: the front camera is the selfie camera. */
  handheld: boolean;
}

/** A stream as the preview hands it over: its tracks, and the running video track's device. */
export interface CameraStream extends StreamLike {
  getVideoTracks(): Array<{ readonly label: string; getSettings(): { deviceId?: string } }>;
}

export interface CameraControlDeps {
  env: CameraEnvironment;
  read(): CameraState;
  write(state: CameraState): void;
  /** A track ended without us stopping it (unplugged, revoked, taken by the system). */
  onEnded(): void;
  /** The person allowed the camera in the browser's settings after refusing it. */
  onGranted(): void;
  /** A better camera than the browser's pick was found: ask again with the new state. */
  onCorrected(): void;
}

/**
 * The one owner of the widget's camera streams. react-webcam asks for a stream and hands it
 * over (onUserMedia); from then on this control holds it, with the frames the preview shows,
 * and is what stops it. react-webcam stopping its own copy on unmount is the same tracks
 * stopped twice, which is harmless.
 */
export interface CameraControl {
  /** A stream the preview got, with its frames: watched for an unplug, its device noted, the list re-read. */
  started(stream: CameraStream, feed: FrameFeed): void;
  /** The running stream, while there is one. */
  stream(): CameraStream | null;
  /** The running stream's frames, while there are any. */
  feed(): FrameFeed | null;
  /** Stops every stream this widget got and forgets the frames: the camera light goes off. */
  stop(): void;
  /** Watches for new cameras and for a permission granted later; returns the unwatch. */
  watch(): () => void;
}

/** The camera's life after it is asked for: streams, the device list, unplugs, permission. */
export function createCameraControl(deps: CameraControlDeps): CameraControl {
  const streams = new Set<StreamLike>();
  let current: { stream: CameraStream; feed: FrameFeed } | null = null;
  let unwatchTracks: (() => void) | null = null;

  const refresh = async (): Promise<void> => {
    const found = (await deps.env.devices?.enumerateDevices().catch(() => [])) ?? [];
    const cameras = describeCameras(found).filter((c) => c.label !== '');
    const current = deps.read();
    if (!sameCameras(current.cameras, cameras)) deps.write({ ...current, cameras });
  };

  return {
    started(stream, feed) {
      streams.add(stream);
      current = { stream, feed };
      unwatchTracks?.();
      unwatchTracks = watchTracks(stream, () => {
        stopStreams([stream]);
        deps.onEnded();
      });
      const activeId = stream.getVideoTracks()[0]?.getSettings().deviceId;
      deps.write({ ...deps.read(), activeId });
      void refresh().then(() => {
        const corrected = correctedCamera(deps.read(), deps.env.handheld);
        if (!corrected) return;
        deps.write(corrected);
        deps.onCorrected();
      });
    },
    stream: () => current?.stream ?? null,
    feed: () => current?.feed ?? null,
    stop() {
      current = null;
      unwatchTracks?.();
      unwatchTracks = null;
      stopStreams(streams);
      streams.clear();
    },
    watch() {
      const devices = deps.env.devices;
      const onChange = () => void refresh();
      devices?.addEventListener?.('devicechange', onChange);
      const unwatchPermission = watchCameraPermission(deps.env.permissions, deps.onGranted);
      return () => {
        devices?.removeEventListener?.('devicechange', onChange);
        unwatchPermission();
      };
    },
  };
}
