import { useCallback, type RefObject } from 'react';
import type Webcam from 'react-webcam';
import { isVirtualCameraLabel } from '../core/camera/devices.ts';
import { encodeCrop } from '../core/capture/encode.ts';
import { portraitCrop } from '../core/capture/crop.ts';
import { CROP_MIN_HEIGHT } from '../core/capture/limits.ts';
import type { Capture, CaptureMeta } from '../core/session/types.ts';
import { useSessionContext } from './context.ts';

/** Grabs the current camera frame at the camera's own resolution and encodes the portrait crop. */
export function useFrameCapture(webcam: RefObject<Webcam | null>): (mode: CaptureMeta['mode']) => Promise<Capture | null> {
  const { store } = useSessionContext();
  return useCallback(
    async (mode) => {
      if (!store.getState().beginCapture()) return null;
      const video = webcam.current?.video;
      if (!video || video.videoWidth === 0) {
        store.getState().cancelCapture();
        return null;
      }
      try {
        const plan = portraitCrop(video.videoWidth, video.videoHeight);
        const encoded = await encodeCrop(video, plan);
        const track = webcam.current?.stream?.getVideoTracks()[0];
        const meta: CaptureMeta = {
          width: encoded.width,
          height: encoded.height,
          bytes: encoded.blob.size,
          jpegQuality: encoded.jpegQuality,
          mode,
          camera: {
            width: video.videoWidth,
            height: video.videoHeight,
            label: track?.label ?? '',
            virtual: isVirtualCameraLabel(track?.label ?? ''),
            ...(track?.getSettings().deviceId ? { deviceId: track.getSettings().deviceId } : {}),
          },
          lowResolution: encoded.height < CROP_MIN_HEIGHT,
          capturedAt: new Date().toISOString(),
        };
        const capture: Capture = { blob: encoded.blob, meta };
        return store.getState().captured(capture) ? capture : null;
      } catch {
        store.getState().fail({ code: 'CAPTURE_FAILED', source: 'capture', retryable: true });
        return null;
      }
    },
    [store, webcam],
  );
}
