'use client';
import { CaptureFlow } from './CaptureFlow.tsx';
import type { OkayLiveCaptureProps } from './props.ts';
import { OkayLiveProvider } from './Provider.tsx';
import './okaylive.css';

/**
 * The selfie-liveness step. Each instance owns its capture session and query client, so two
 * widgets on one page never share a capture, a journey or a request.
 */
export function OkayLiveCapture({
  photoFallback,
  showFigures,
  theme,
  layout,
  showCancel,
  className,
  previewOverlay,
  ...session
}: OkayLiveCaptureProps) {
  return (
    <OkayLiveProvider {...session}>
      <CaptureFlow
        photoFallback={photoFallback !== false}
        showFigures={showFigures === true}
        theme={theme}
        layout={layout}
        showCancel={showCancel ?? session.onCancel !== undefined}
        className={className}
        previewOverlay={previewOverlay}
      />
    </OkayLiveProvider>
  );
}
