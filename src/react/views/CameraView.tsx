import type { RefObject } from 'react';
import Webcam from 'react-webcam';
import { useSession, useTranslate } from '../context.ts';
import { Oval } from './Oval.tsx';

export interface CameraViewProps {
  webcam: RefObject<Webcam | null>;
  deviceId: string | undefined;
  onReady: (stream: MediaStream) => void;
  onError: (error: string | DOMException) => void;
  onCapture: () => void;
}

/** 1920x1080 ideal: the portrait crop of a 1080p frame is 810x1080, above the 800 px minimum. */
function constraints(deviceId: string | undefined): MediaTrackConstraints {
  const base: MediaTrackConstraints = { width: { ideal: 1920 }, height: { ideal: 1080 } };
  // facingMode stays a preference: `exact` throws on desktop and virtual cameras.
  return deviceId ? { ...base, deviceId: { exact: deviceId } } : { ...base, facingMode: 'user' };
}

export function CameraView({ webcam, deviceId, onReady, onError, onCapture }: CameraViewProps) {
  const t = useTranslate();
  const status = useSession((s) => s.status);
  const ready = status === 'ready';
  return (
    <div className="okl-camera">
      <div className="okl-preview" role="img" aria-label={t('widget.previewLabel')}>
        <Webcam
          ref={webcam}
          className="okl-video"
          audio={false}
          mirrored
          videoConstraints={constraints(deviceId)}
          onUserMedia={onReady}
          onUserMediaError={onError}
        />
        <Oval tone={ready ? 'neutral' : 'warn'} />
      </div>
      <button type="button" className="okl-button okl-button-primary okl-capture" onClick={onCapture} disabled={!ready}>
        {t('action.capture')}
      </button>
    </div>
  );
}
