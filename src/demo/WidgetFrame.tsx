import { memo, useMemo } from 'react';
import type { FetchLike } from '../core/index.ts';
import { OkayLiveCapture, type OkayLiveCaptureProps } from '../react/index.ts';
import { Overlay } from './Overlay.tsx';
import { overridesOf } from './requirementPresets.ts';
import type { ConsoleSettings } from './Settings.tsx';

export type WidgetCallbacks = Pick<
  OkayLiveCaptureProps,
  'onGuidance' | 'onCapture' | 'onResult' | 'onError' | 'onStateChange' | 'onCameraChange'
>;

interface Props {
  apiBaseUrl: string;
  settings: ConsoleSettings;
  fetcher: FetchLike;
  callbacks: WidgetCallbacks;
}

/**
 * The widget in a phone-sized frame, with exactly the props a host passes. Memoised: the
 * console re-renders on every guidance snapshot, the widget only when a prop changes.
 */
export const WidgetFrame = memo(function WidgetFrame({ apiBaseUrl, settings, fetcher, callbacks }: Props) {
  const theme = useMemo(() => ({ scheme: settings.scheme }), [settings.scheme]);
  const overlay = useMemo(() => (settings.overlay ? <Overlay /> : undefined), [settings.overlay]);
  const requirements = useMemo(() => overridesOf(settings.requirements), [settings.requirements]);
  return (
    <div className="console-phone" data-scheme={settings.scheme}>
      <OkayLiveCapture
        apiBaseUrl={apiBaseUrl}
        fetcher={fetcher}
        locale={settings.locale}
        theme={theme}
        cameraDeviceId={settings.cameraDeviceId}
        autoSubmit={settings.autoSubmit}
        autoCapture={settings.autoCapture}
        requirements={requirements}
        handoff={settings.handoff ? 'offer' : undefined}
        // The console is for integrators: the figures the applicant never sees.
        showFigures
        previewOverlay={overlay}
        {...callbacks}
      />
    </div>
  );
});
