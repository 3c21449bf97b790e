import { useMemo } from 'react';
import { isTooLargeCode } from '../../core/api/errors.ts';
import { browserFamily } from '../../core/camera/browser.ts';
import type { MessageKey } from '../../core/i18n/translate.ts';
import type { WidgetError } from '../../core/session/types.ts';
import { useSecondsUntil, useOnline } from '../useClock.ts';
import { useSession, useTranslate } from '../context.ts';
import { FileFallback } from './FileFallback.tsx';

export interface ErrorViewProps {
  /** Resend the kept capture. */
  onRetry: () => void;
  /** Ask for the camera again (after a camera fault) or take a new selfie (after an image fault). */
  onRestartCamera: () => void;
  /** A photo chosen in the image-file fallback; absent when the host turned the fallback off. */
  onFile?: ((file: File) => void) | undefined;
}

type Way = 'resend' | 'camera' | 'reconnect' | 'retake' | 'none';

/** What the person can do next: never a dead end, and never a recapture a resend would fix. */
export function wayForward(error: WidgetError, hasCapture: boolean): Way {
  if (error.source === 'api') {
    if (error.retryable && hasCapture) return 'resend';
    // The host's journey expired: only the host can bring a new one (it hears onError).
    if (error.code === 'INVALID_JOURNEY_ID') return 'none';
    return 'retake';
  }
  if (error.source === 'camera') {
    if (error.code === 'CAMERA_ENDED') return 'reconnect';
    return error.retryable ? 'camera' : 'none';
  }
  return 'retake';
}

/** Camera faults and refused photos offer a photo instead; so does a failed capture's retake. */
function offersFile(error: WidgetError): boolean {
  return error.source === 'camera' || error.code === 'FILE_REJECTED' || error.code === 'FILE_UNREADABLE';
}

/** Always a specific message and a way forward: resend the kept image, or start the camera again. */
export function ErrorView({ onRetry, onRestartCamera, onFile }: ErrorViewProps) {
  const t = useTranslate();
  const error = useSession((s) => s.error);
  const hint = useSession((s) => s.hint);
  const hasCapture = useSession((s) => s.capture !== null);
  const online = useOnline();
  const wait = useSecondsUntil(error?.retryAt);
  const family = useMemo(
    () => (typeof navigator === 'undefined' ? 'other' : browserFamily({ userAgent: navigator.userAgent, maxTouchPoints: navigator.maxTouchPoints })),
    [],
  );
  if (!error) return null;

  const way = wayForward(error, hasCapture);
  const waitingOnline = way === 'resend' && !online;
  const message =
    error.code === 'FILE_REJECTED'
      ? t('error.FILE_REJECTED', { reason: hint ? t(`hint.${hint}` as MessageKey) : '' })
      : t(`error.${error.code}`);
  return (
    <div className="okl-error" data-error={error.code} data-way={way} data-status={error.status}>
      {/* The alert holds the words only: a countdown on the button below must not be re-announced every second. */}
      <div className="okl-error-text" role="alert">
        <h3 className="okl-error-title" tabIndex={-1}>
          <span aria-hidden="true">⚠ </span>
          {t('error.title')}
        </h3>
        {/* Catalogue text only, rendered as text: nothing the server sent is ever shown. */}
        <p className="okl-error-message">{message}</p>
        {error.code === 'CAMERA_DENIED' && (
          <p className="okl-error-help" data-browser={family}>
            {t(`permission.${family}`)}
          </p>
        )}
        {way === 'resend' && isTooLargeCode(error.code) && <p className="okl-error-help">{t('error.smallerCopy')}</p>}
        {way === 'resend' && <p className="okl-error-kept">{t('error.kept')}</p>}
        {waitingOnline && <p className="okl-error-help" data-waiting="online">{t('error.waitOnline')}</p>}
      </div>
      <div className="okl-actions">
        {way === 'resend' && (
          <button
            type="button"
            className="okl-button okl-button-primary"
            onClick={onRetry}
            disabled={wait > 0 || waitingOnline}
            data-countdown={wait > 0 ? wait : undefined}
          >
            {wait > 0 ? t('action.retryIn', { seconds: wait }) : t('action.retry')}
          </button>
        )}
        {way === 'camera' && (
          <button type="button" className="okl-button okl-button-primary" onClick={onRestartCamera}>
            {t('action.retry')}
          </button>
        )}
        {way === 'reconnect' && (
          <button type="button" className="okl-button okl-button-primary" onClick={onRestartCamera}>
            {t('action.reconnect')}
          </button>
        )}
        {way === 'retake' && (
          <button type="button" className="okl-button okl-button-primary" onClick={onRestartCamera}>
            {t('action.retake')}
          </button>
        )}
      </div>
      {onFile && offersFile(error) && <FileFallback onFile={onFile} again={error.source === 'capture'} />}
    </div>
  );
}

