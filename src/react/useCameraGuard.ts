import { useCallback, useEffect, useRef, useState } from 'react';
import { cameraConstraints, nextConstraintStep } from '../core/camera/constraints.ts';
import { cameraErrorCode, cameraPrecondition, currentCameraEnvironment, isCameraRetryable } from '../core/camera/errors.ts';
import { watchCameraPermission, type PermissionsLike } from '../core/camera/permission.ts';
import { stopStreams, watchTracks } from '../core/camera/tracks.ts';
import type { WidgetError } from '../core/session/types.ts';
import { useSessionContext } from './context.ts';

export interface CameraGuardOptions {
  deviceId: string | undefined;
  onError?: ((error: WidgetError) => void) | undefined;
}

export interface CameraGuard {
  /** The constraints to ask for now: lower after an OverconstrainedError. */
  constraints: MediaTrackConstraints;
  /** Checks what can be known before asking (secure context, a real getUserMedia), then starts the camera. */
  start(): void;
  /** Hand every stream the camera view gets: it is watched for an unplug and stopped on unmount. */
  onStream(stream: MediaStream): void;
  /** getUserMedia failed: a lower rung of the constraint ladder, or the fault with its own message. */
  onStreamError(error: unknown): void;
}

const LIVE_CAMERA = new Set(['camera_starting', 'ready', 'capturing']);

/** Every camera fault of the capture flow, from asking to unplugging, in one place. */
export function useCameraGuard({ deviceId, onError }: CameraGuardOptions): CameraGuard {
  const { store } = useSessionContext();
  const [step, setStep] = useState(0);
  const stepRef = useRef(step);
  stepRef.current = step;
  const streams = useRef(new Set<MediaStream>());
  const unwatch = useRef<(() => void) | null>(null);
  const report = useRef(onError);
  report.current = onError;

  const fail = useCallback(
    (error: WidgetError) => {
      if (store.getState().fail(error)) report.current?.(error);
    },
    [store],
  );

  // The host's or the person's camera choice starts again from the top of the ladder.
  useEffect(() => setStep(0), [deviceId]);

  const start = useCallback(() => {
    const blocked = cameraPrecondition(currentCameraEnvironment());
    if (blocked) {
      if (blocked === 'CAMERA_INSECURE_CONTEXT') {
        // For the developer who opened the page over http: the person sees the catalogue text.
        console.warn('[okaylive] the camera needs a secure context: serve this page over https (or localhost)');
      }
      fail({ code: blocked, source: 'camera', retryable: false });
      return;
    }
    store.getState().startCamera();
  }, [fail, store]);

  const onStream = useCallback(
    (stream: MediaStream) => {
      streams.current.add(stream);
      unwatch.current?.();
      unwatch.current = watchTracks(stream, () => {
        // Unplugged, revoked or taken by the system: pause with a reconnect, unless the camera was already put away.
        if (LIVE_CAMERA.has(store.getState().status)) fail({ code: 'CAMERA_ENDED', source: 'camera', retryable: true });
        stopStreams([stream]);
      });
    },
    [fail, store],
  );

  const onStreamError = useCallback(
    (error: unknown) => {
      const next = nextConstraintStep(stepRef.current, error);
      if (next !== null && store.getState().status === 'camera_starting') {
        setStep(next);
        return;
      }
      const code = cameraErrorCode(error);
      // The next attempt (after "Try again") starts from the top again: the fault may have been passing.
      setStep(0);
      fail({ code, source: 'camera', retryable: isCameraRetryable(code) });
    },
    [fail, store],
  );

  // Allowed in the browser's settings after a refusal: back to the camera without another click.
  useEffect(() => {
    const permissions = typeof navigator === 'undefined' ? undefined : (navigator.permissions as PermissionsLike | undefined);
    return watchCameraPermission(permissions, () => {
      const { status, error } = store.getState();
      if (status === 'error' && error?.code === 'CAMERA_DENIED') store.getState().startCamera();
    });
  }, [store]);

  // Unmount: every track this widget ever got is stopped, whatever the camera view did.
  useEffect(() => {
    const owned = streams.current;
    return () => {
      unwatch.current?.();
      stopStreams(owned);
      owned.clear();
    };
  }, []);

  return { constraints: cameraConstraints(deviceId, step), start, onStream, onStreamError };
}
