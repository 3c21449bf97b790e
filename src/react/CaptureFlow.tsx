import { useCallback, useEffect, useRef } from 'react';
import type Webcam from 'react-webcam';
import type { MessageKey } from '../core/i18n/translate.ts';
import { useFocusOnChange } from './a11y/useFocusOnChange.ts';
import { CameraPicker } from './camera/CameraPicker.tsx';
import { useCameraEvents } from './camera/useCameraEvents.ts';
import { useCameraChoice } from './camera/useCameraChoice.ts';
import { CancelAction } from './CancelAction.tsx';
import { useSession, useSessionContext, useTranslate } from './context.ts';
import type { OkayLiveCaptureProps } from './props.ts';
import { useAfter } from './useAfter.ts';
import { useCameraGuard } from './useCameraGuard.ts';
import { useFileCapture } from './useFileCapture.ts';
import { useAnalysis } from './guidance/useAnalysis.ts';
import { useGuidanceEvents } from './guidance/useGuidance.ts';
import { MANUAL_CAPTURE_AFTER_MS, type CaptureProducer } from './guidance/useGuidedCapture.ts';
import { rootAttributes } from './theme/rootAttributes.ts';
import { useFullscreen } from './theme/useFullscreen.ts';
import { useSubmission } from './useSubmission.ts';
import { CameraView } from './views/CameraView.tsx';
import { ErrorView } from './views/ErrorView.tsx';
import { IdleView } from './views/IdleView.tsx';
import { ProgressView } from './views/ProgressView.tsx';
import { ResultView } from './views/ResultView.tsx';

/** In `ready` the guidance hint is the one live region that speaks, so this line stays quiet. */
const LIVE_TEXT: Partial<Record<string, MessageKey>> = {
  camera_starting: 'state.camera_starting',
  capturing: 'state.capturing',
  captured: 'state.captured',
  submitting: 'state.submitting',
};

/**
 * A permission prompt left unanswered keeps getUserMedia pending with no error: after this
 * long the status line tells the person what the browser is waiting for.
 */
const PERMISSION_PROMPT_HINT_MS = 6000;

type FlowProps = Pick<
  OkayLiveCaptureProps,
  | 'journeyId'
  | 'autoSubmit'
  | 'autoStart'
  | 'cameraDeviceId'
  | 'rememberCamera'
  | 'theme'
  | 'layout'
  | 'showCancel'
  | 'photoFallback'
  | 'className'
  | 'onCapture'
  | 'onResult'
  | 'onError'
  | 'onCancel'
  | 'onStateChange'
  | 'assetsBaseUrl'
  | 'autoCapture'
  | 'manualCaptureAfterMs'
  | 'onGuidance'
  | 'previewOverlay'
  | 'onCameraChange'
>;

/** The widget's root: one element carrying the machine-readable state, one view per state. */
export function CaptureFlow(props: FlowProps) {
  const { store, locale } = useSessionContext();
  const t = useTranslate();
  const status = useSession((s) => s.status);
  const hint = useSession((s) => s.hint);
  const outcome = useSession((s) => s.verdict?.outcome);
  const webcam = useRef<Webcam | null>(null);
  const root = useRef<HTMLElement | null>(null);
  useFocusOnChange(root, status);
  const fullscreen = useFullscreen(props.layout, status);
  const camera = useCameraChoice({ cameraDeviceId: props.cameraDeviceId, remember: props.rememberCamera === true });
  useCameraEvents(camera, props.onCameraChange);
  const latest = useRef(props);
  latest.current = props;
  const submit = useSubmission({ journeyId: props.journeyId, onResult: props.onResult, onError: props.onError });
  // Face analysis for guidance: loaded once the camera is asked for, kept across retakes.
  const analysis = useAnalysis(store, status !== 'idle', props.assetsBaseUrl);
  useGuidanceEvents(props.onGuidance);
  const guard = useCameraGuard({ deviceId: camera.requestedId, onError: (error) => latest.current.onError?.(error) });

  useEffect(() => {
    latest.current.onStateChange?.(status);
  }, [status]);

  const startCamera = guard.start;

  useEffect(() => {
    if (latest.current.autoStart && store.getState().status === 'idle') startCamera();
  }, [startCamera, store]);

  const onCapture = useCallback(async (produce: CaptureProducer) => {
    const capture = await produce();
    if (!capture) return;
    latest.current.onCapture?.(capture.blob, capture.meta);
    if (latest.current.autoSubmit !== false) await submit();
  }, [submit]);

  const photo = useFileCapture({
    // The image-file fallback runs the same rules, at their limits, through the same worker.
    analyse: analysis ? (image) => analysis.analyseStill(image) : undefined,
    onCaptured: (capture) => {
      latest.current.onCapture?.(capture.blob, capture.meta);
      if (latest.current.autoSubmit !== false) void submit();
    },
  });

  const retake = useCallback(() => {
    store.getState().retake();
  }, [store]);

  const cancel = useCallback(() => {
    // Back to idle: the camera view unmounts (its tracks stop) and a late answer is ignored.
    store.getState().reset();
    latest.current.onCancel?.();
  }, [store]);
  const showCancel = (props.showCancel ?? props.onCancel !== undefined) && !(status === 'result' && outcome === 'live');

  const showCamera = (status === 'camera_starting' || status === 'ready' || status === 'capturing') && !photo.busy;
  const waitingForCamera = useAfter(status === 'camera_starting', PERMISSION_PROMPT_HINT_MS);
  const liveKey = waitingForCamera ? 'state.camera_waiting' : LIVE_TEXT[status];
  return (
    <section
      ref={root}
      {...rootAttributes(locale, props.theme, props.layout)}
      data-fullscreen={fullscreen ? '' : undefined}
      className={['okl-root', props.className].filter(Boolean).join(' ')}
      data-state={status}
      data-hint={hint ?? ''}
      data-verdict={status === 'result' ? outcome : undefined}
      aria-label={t('widget.title')}
    >
      <div className="okl-header">
        <h2 className="okl-title" tabIndex={-1} part="title">
          {t('widget.title')}
        </h2>
        {showCancel && <CancelAction onCancel={cancel} />}
      </div>
      <p className="okl-status" aria-live="polite">
        {liveKey ? t(liveKey) : ''}
      </p>
      {status === 'idle' && <IdleView onStart={startCamera} />}
      {showCamera && (
        <CameraView
          webcam={webcam}
          deviceId={camera.requestedId}
          constraints={guard.constraints}
          onReady={(stream) => {
            camera.onStream(stream);
            guard.onStream(stream);
            store.getState().cameraReady();
          }}
          onError={guard.onStreamError}
          onCapture={(produce) => void onCapture(produce)}
          analysis={analysis}
          autoCapture={props.autoCapture !== false}
          manualAfterMs={props.manualCaptureAfterMs ?? MANUAL_CAPTURE_AFTER_MS}
          overlay={props.previewOverlay}
        />
      )}
      {showCamera && (
        <CameraPicker cameras={camera.cameras} value={camera.active?.deviceId} onChange={camera.select} disabled={status === 'capturing'} />
      )}
      {photo.busy && <ProgressView label="file.checking" />}
      {(status === 'captured' || status === 'submitting') && (
        <ProgressView label={status === 'captured' ? 'state.captured' : 'state.submitting'} />
      )}
      {status === 'result' && <ResultView onRetake={retake} />}
      {status === 'error' && <ErrorView onRetry={() => void submit()} onRestartCamera={retake} onFile={props.photoFallback === false ? undefined : (file) => void photo.choose(file)} />}
    </section>
  );
}
