import type { ReactNode, RefObject } from 'react';
import Webcam from 'react-webcam';
import type { AnalysisClient } from '../../core/analysis/client.ts';
import { useSession, useTranslate } from '../context.ts';
import { GuidanceHint } from '../guidance/GuidanceHint.tsx';
import { useGuidanceSelect } from '../guidance/useGuidance.ts';
import { useGuidedCapture, type CaptureProducer } from '../guidance/useGuidedCapture.ts';
import { Oval } from './Oval.tsx';

export interface CameraViewProps {
  webcam: RefObject<Webcam | null>;
  deviceId: string | undefined;
  /** The camera-fault guard's rung of the constraint ladder (src/core/camera/constraints.ts); overrides the default below. */
  constraints?: MediaTrackConstraints;
  onReady: (stream: MediaStream) => void;
  onError: (error: string | DOMException) => void;
  /** A capture to take (automatic or manual); the flow hands the result on. */
  onCapture: (produce: CaptureProducer) => void;
  analysis: AnalysisClient | null;
  autoCapture: boolean;
  manualAfterMs: number;
  /** The host's `previewOverlay`: a box exactly over the video, i.e. over the portrait crop. */
  overlay?: ReactNode;
}

/** 1920x1080 ideal: the portrait crop of a 1080p frame is 810x1080, above the 800 px minimum. */
function constraints(deviceId: string | undefined): MediaTrackConstraints {
  const base: MediaTrackConstraints = { width: { ideal: 1920 }, height: { ideal: 1080 } };
  // facingMode stays a preference: `exact` throws on desktop and virtual cameras.
  return deviceId ? { ...base, deviceId: { exact: deviceId } } : { ...base, facingMode: 'user' };
}

export function CameraView({ webcam, deviceId, constraints: ladder, onReady, onError, onCapture, analysis, autoCapture, manualAfterMs, overlay }: CameraViewProps) {
  const t = useTranslate();
  const status = useSession((s) => s.status);
  const ready = status === 'ready';
  const analysing = useGuidanceSelect((g) => g.analysis === 'ready' && g.frame > 0);
  const hinted = useGuidanceSelect((g) => g.hint !== null);
  const { manualAvailable, captureManually } = useGuidedCapture({ webcam, client: analysis, onCapture, autoCapture, manualAfterMs });
  const tone = !ready || !analysing ? 'neutral' : hinted ? 'warn' : 'good';
  return (
    <div className="okl-camera">
      <div className="okl-preview" role="img" aria-label={t('widget.previewLabel')}>
        <Webcam
          ref={webcam}
          className="okl-video"
          audio={false}
          mirrored
          videoConstraints={ladder ?? constraints(deviceId)}
          onUserMedia={onReady}
          onUserMediaError={onError}
        />
        <Oval tone={tone} />
        {overlay !== undefined && overlay !== null && <div className="okl-overlay">{overlay}</div>}
      </div>
      {ready && <GuidanceHint />}
      {manualAvailable && (
        <button type="button" className="okl-button okl-button-primary okl-capture" onClick={captureManually} disabled={!ready}>
          {t('action.capture')}
        </button>
      )}
    </div>
  );
}
