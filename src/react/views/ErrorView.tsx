import { useMemo } from 'react';
import { isTooLargeCode } from '../../core/api/errors.ts';
import { browserFamily } from '../../core/camera/browser.ts';
import type { MessageKey } from '../../core/i18n/translate.ts';
import { offersPhoto } from '../../core/session/way.ts';
import { useCaptureSession, useSession, useTranslate } from '../context.ts';
import { FileFallback } from './FileFallback.tsx';

/** Always a specific message and a way forward: resend the kept image, or start the camera again. */
export function ErrorView({ photoFallback }: { photoFallback: boolean }) {
  const t = useTranslate();
  const session = useCaptureSession();
  const error = useSession((s) => s.error);
  const way = useSession((s) => s.way);
  const wait = useSession((s) => s.resendIn);
  const offline = useSession((s) => s.offline);
  const canResend = useSession((s) => s.canResend);
  const family = useMemo(
    () =>
      typeof navigator === 'undefined'
        ? 'other'
        : browserFamily({ userAgent: navigator.userAgent, maxTouchPoints: navigator.maxTouchPoints }),
    [],
  );
  if (!error || !way) return null;

  const onRetry = () => void session.retry();
  const waitingOnline = way === 'resend' && offline;
  const message =
    error.code === 'FILE_REJECTED'
      ? t('error.FILE_REJECTED', { reason: error.reason ? t(`hint.${error.reason}` as MessageKey) : '' })
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
        {waitingOnline && (
          <p className="okl-error-help" data-waiting="online">
            {t('error.waitOnline')}
          </p>
        )}
      </div>
      <div className="okl-actions">
        {way === 'resend' && (
          <button
            type="button"
            className="okl-button okl-button-primary"
            onClick={onRetry}
            disabled={!canResend}
            data-countdown={wait > 0 ? wait : undefined}
          >
            {wait > 0 ? t('action.retryIn', { seconds: wait }) : t('action.retry')}
          </button>
        )}
        {way === 'camera' && (
          <button type="button" className="okl-button okl-button-primary" onClick={session.retake}>
            {t('action.retry')}
          </button>
        )}
        {way === 'reconnect' && (
          <button type="button" className="okl-button okl-button-primary" onClick={session.retake}>
            {t('action.reconnect')}
          </button>
        )}
        {way === 'retake' && (
          <button type="button" className="okl-button okl-button-primary" onClick={session.retake}>
            {t('action.retake')}
          </button>
        )}
      </div>
      {photoFallback && offersPhoto(error) && (
        <FileFallback onFile={(file) => void session.choosePhoto(file)} again={error.source === 'capture'} />
      )}
    </div>
  );
}
