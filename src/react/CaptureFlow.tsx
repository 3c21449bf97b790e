import { lazy, Suspense, useRef, type ReactNode } from 'react';
import type { MessageKey } from '../core/i18n/translate.ts';
import type { SessionState } from '../core/session/types.ts';
import { useFocusOnChange } from './a11y/useFocusOnChange.ts';
import { WidgetCameraPicker } from './camera/WidgetCameraPicker.tsx';
import { CancelAction } from './CancelAction.tsx';
import { useCaptureSession, useSession, useSessionContext, useTranslate } from './context.ts';
import type { Layout } from './props.ts';
import { rootAttributes } from './theme/rootAttributes.ts';
import type { OkayLiveTheme } from './theme/theme.ts';
import { useFullscreen } from './theme/useFullscreen.ts';
import { CameraView } from './views/CameraView.tsx';
import { ErrorView } from './views/ErrorView.tsx';
import { IdleView } from './views/IdleView.tsx';
import { ProgressView } from './views/ProgressView.tsx';
import { ResultView } from './views/ResultView.tsx';

// The handoff's screens (and the QR encoder) download only when a handoff is under way.
const HandoffView = lazy(() => import('./views/HandoffView.tsx').then((m) => ({ default: m.HandoffView })));
const PhoneView = lazy(() => import('./views/PhoneView.tsx').then((m) => ({ default: m.PhoneView })));

/** In `ready` the guidance hint is the one live region that speaks, so this line stays quiet. */
const LIVE_TEXT: Partial<Record<SessionState, MessageKey>> = {
  camera_starting: 'state.camera_starting',
  capturing: 'state.capturing',
  captured: 'state.captured',
  submitting: 'state.submitting',
};

export interface CaptureFlowProps {
  photoFallback: boolean;
  showFigures: boolean;
  theme: OkayLiveTheme | undefined;
  layout: Layout | undefined;
  showCancel: boolean;
  className: string | undefined;
  previewOverlay: ReactNode;
}

/** The widget's root: one element carrying the machine-readable state, one view per state. */
export function CaptureFlow(props: CaptureFlowProps) {
  const { locale } = useSessionContext();
  const session = useCaptureSession();
  const t = useTranslate();
  const status = useSession((s) => s.status);
  const hint = useSession((s) => s.hint);
  const hintMove = useSession((s) => s.hintMove);
  const outcome = useSession((s) => s.verdict?.outcome);
  const cancelable = useSession((s) => s.cancelable);
  const permissionWaitOver = useSession((s) => s.permissionWaitOver);
  const cameraOn = useSession((s) => s.cameraOn);
  const photoBusy = useSession((s) => s.photoBusy);
  const analysis = useSession((s) => s.guidance.analysis);
  const handoffOffered = useSession((s) => s.handoffOffered);
  const phone = useSession((s) => s.phone?.state);
  // Whole milliseconds: the root re-renders when the figure changes, not on every frame.
  const analysisMs = useSession((s) => Math.round(s.guidance.analysisMsMedian));
  // The desktop's handoff, or the phone's: what the host's tests and styles can key on.
  const handoffState = useSession((s) => s.handoff?.state ?? s.phone?.state);
  const root = useRef<HTMLElement | null>(null);
  useFocusOnChange(root, status);
  const fullscreen = useFullscreen(props.layout, cameraOn);
  // Past the time a permission prompt takes, the line says what the browser is waiting for.
  const liveKey = permissionWaitOver ? 'state.camera_waiting' : LIVE_TEXT[status];
  const Title = phone === undefined ? 'h2' : 'h1';
  const showCancel = props.showCancel && cancelable;
  return (
    <section
      ref={root}
      {...rootAttributes(locale, props.theme, props.layout)}
      data-fullscreen={fullscreen ? '' : undefined}
      className={['okl-root', props.className].filter(Boolean).join(' ')}
      data-state={status}
      data-hint={hint ?? ''}
      data-hint-move={hintMove ?? undefined}
      data-verdict={status === 'result' ? outcome : undefined}
      data-handoff={handoffState}
      data-guidance={analysis}
      data-analysis-ms={analysisMs > 0 ? analysisMs : undefined}
      aria-label={t('widget.title')}
    >
      <div className="okl-header">
        {/* On the phone page the widget is the whole page: its title is the page's heading. */}
        <Title className="okl-title" tabIndex={-1} part="title">
          {t('widget.title')}
        </Title>
        {showCancel && <CancelAction onCancel={session.cancel} />}
      </div>
      <p className="okl-status" aria-live="polite">
        {liveKey ? t(liveKey) : ''}
      </p>
      {phone !== undefined && phone !== 'connected' && phone !== 'done' && (
        <Suspense fallback={<p role="status">{t('handoff.phone.connecting')}</p>}>
          <PhoneView />
        </Suspense>
      )}
      {status === 'idle' && (phone === undefined || phone === 'connected') && <IdleView onStart={session.start} />}
      {cameraOn && <CameraView overlay={props.previewOverlay} />}
      {cameraOn && <WidgetCameraPicker />}
      {photoBusy && <ProgressView label="file.checking" />}
      {(status === 'captured' || status === 'submitting') && (
        <ProgressView label={status === 'captured' ? 'state.captured' : 'state.submitting'} />
      )}
      {status === 'result' && <ResultView showFigures={props.showFigures} />}
      {status === 'error' && <ErrorView photoFallback={props.photoFallback} />}
      {status === 'handoff' && (
        <Suspense fallback={<p role="status">{t('handoff.creating')}</p>}>
          <HandoffView photoFallback={props.photoFallback} />
        </Suspense>
      )}
      {handoffOffered && (
        <button
          type="button"
          className="okl-button okl-handoff-offer"
          onClick={session.continueOnPhone}
          data-handoff-offer=""
        >
          {t('handoff.offer')}
        </button>
      )}
      {phone === 'done' && (
        <p className="okl-handoff-done" role="status">
          {t('handoff.phone.done')}
        </p>
      )}
    </section>
  );
}
