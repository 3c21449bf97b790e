import { useEffect, useRef, type ReactNode } from 'react';
import Webcam from 'react-webcam';
import { videoFeed } from '../../core/guidance/sampler.ts';
import { useCaptureSession, useSession, useTranslate } from '../context.ts';
import { GuidanceHint } from '../guidance/GuidanceHint.tsx';
import { Oval } from './Oval.tsx';

/**
 * The camera preview. react-webcam asks for the camera with the session's constraints and
 * hands the stream (or the failure) to the session; the session decides everything else.
 */
export function CameraView({ overlay }: { overlay?: ReactNode }) {
  const t = useTranslate();
  const session = useCaptureSession();
  const webcam = useRef<Webcam | null>(null);
  const constraints = useSession((s) => s.camera.constraints);
  const ready = useSession((s) => s.status === 'ready');
  const manual = useSession((s) => s.manualAvailable);
  const tone = useSession((s) => s.tone);
  useEffect(() => {
    const video = webcam.current?.video;
    // react-webcam stops the tracks but leaves the stream on the element: a preview that
    // outlives the widget (held by the host, or by the engine) would keep its player and the
    // last camera frames, several MB each.
    return () => {
      if (video) video.srcObject = null;
    };
  }, []);
  const onStream = (stream: MediaStream) => {
    const video = webcam.current?.video;
    if (video) session.cameraStarted(stream, videoFeed(video));
  };
  return (
    <div className="okl-camera">
      <div className="okl-preview" role="img" aria-label={t('widget.previewLabel')}>
        <Webcam
          ref={webcam}
          className="okl-video"
          audio={false}
          mirrored
          videoConstraints={constraints}
          onUserMedia={onStream}
          onUserMediaError={session.cameraFailed}
        />
        <Oval tone={tone} />
        {overlay !== undefined && overlay !== null && <div className="okl-overlay">{overlay}</div>}
      </div>
      {ready && <GuidanceHint />}
      {manual && (
        <button
          type="button"
          className="okl-button okl-button-primary okl-capture"
          onClick={() => void session.captureNow()}
          disabled={!ready}
        >
          {t('action.capture')}
        </button>
      )}
    </div>
  );
}
