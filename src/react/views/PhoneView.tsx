import { useId, useState, type FormEvent } from 'react';
import { useCaptureSession, useSession, useTranslate } from '../context.ts';

/**
 * The phone page before it holds the handoff: the code to type when the link carried none (or
 * failed), the wait while it is checked, and the end when the desktop closed it.
 */
export function PhoneView() {
  const t = useTranslate();
  const session = useCaptureSession();
  const phone = useSession((s) => s.phone);
  const [code, setCode] = useState('');
  const id = useId();
  if (!phone || phone.state === 'connected' || phone.state === 'done') return null;
  const message = phone.error ? t(`error.${phone.error}`) : null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (code.trim()) session.enterHandoffCode(code.trim());
  };
  return (
    <div className="okl-phone" data-phone={phone.state} data-error={phone.error ?? undefined}>
      {message && (
        <p className="okl-error-message" role="alert">
          {message}
        </p>
      )}
      {phone.state === 'claiming' && <p role="status">{t('handoff.phone.connecting')}</p>}
      {phone.state === 'code' && (
        <form className="okl-phone-form" onSubmit={submit}>
          <p>{t('handoff.phone.enterCode')}</p>
          <label htmlFor={id}>{t('handoff.codeLabel')}</label>
          <input
            id={id}
            className="okl-phone-code"
            value={code}
            onChange={(event) => setCode(event.currentTarget.value)}
            autoComplete="one-time-code"
            autoCapitalize="characters"
            spellCheck={false}
            inputMode="text"
            maxLength={12}
          />
          <button type="submit" className="okl-button okl-button-primary">
            {t('handoff.phone.continue')}
          </button>
        </form>
      )}
    </div>
  );
}
