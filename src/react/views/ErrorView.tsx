import { useSession, useTranslate } from '../context.ts';

export interface ErrorViewProps {
  onRetry: () => void;
  onRestartCamera: () => void;
}

/** Always a specific message and a way forward: resend the kept image, or start the camera again. */
export function ErrorView({ onRetry, onRestartCamera }: ErrorViewProps) {
  const t = useTranslate();
  const error = useSession((s) => s.error);
  const hasCapture = useSession((s) => s.capture !== null);
  if (!error) return null;
  const canResend = error.source === 'api' && error.retryable && hasCapture;
  return (
    <div className="okl-error" role="alert" data-error={error.code}>
      <h3 className="okl-error-title" tabIndex={-1}>
        <span aria-hidden="true">⚠ </span>
        {t('error.title')}
      </h3>
      <p className="okl-error-message">{t(`error.${error.code}`)}</p>
      <div className="okl-actions">
        {canResend ? (
          <button type="button" className="okl-button okl-button-primary" onClick={onRetry}>
            {t('action.retry')}
          </button>
        ) : (
          <button type="button" className="okl-button okl-button-primary" onClick={onRestartCamera}>
            {error.source === 'camera' ? t('action.retry') : t('action.retake')}
          </button>
        )}
      </div>
    </div>
  );
}
