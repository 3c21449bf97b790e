import { useState } from 'react';
import type { MessageKey } from '../../core/i18n/translate.ts';
import { useCaptureSession, useSession, useSessionContext, useTranslate } from '../context.ts';
import { FileFallback } from './FileFallback.tsx';
import { QrCode } from './QrCode.tsx';

const STATE_TEXT: Record<string, MessageKey> = {
  creating: 'handoff.creating',
  waiting: 'handoff.state.waiting',
  connected: 'handoff.state.connected',
  capturing: 'handoff.state.capturing',
  checking: 'handoff.state.checking',
  done: 'handoff.state.checking',
  phone_left: 'handoff.state.phone_left',
  expired: 'handoff.state.expired',
};

/**
 * The desktop while the phone takes the selfie: the code to scan or type, then where the phone
 * is. The person can get a new code, or go back to this device's camera or a photo.
 */
export function HandoffView({ photoFallback }: { photoFallback: boolean }) {
  const t = useTranslate();
  const session = useCaptureSession();
  const { locale } = useSessionContext();
  const handoff = useSession((s) => s.handoff);
  const [copied, setCopied] = useState<string | null>(null);
  if (!handoff) return null;
  const { state, ticket: given, error } = handoff;
  // The phone carries on in the language shown here (the fragment never reaches a server).
  const ticket = given && { ...given, link: `${given.link}&l=${encodeURIComponent(locale.lang)}` };
  const showCode = state === 'waiting' && ticket;
  const again = state === 'failed' || state === 'expired' || state === 'phone_left' || state === 'cancelled';
  const copy = (link: string) => {
    void navigator.clipboard?.writeText(link).then(
      () => setCopied(link),
      () => setCopied(null),
    );
  };
  const status = error ? t(`error.${error}`) : t(STATE_TEXT[state] ?? 'handoff.state.waiting');
  return (
    <div className="okl-handoff" data-handoff={state}>
      <h3 className="okl-handoff-title" tabIndex={-1}>
        {t('handoff.title')}
      </h3>
      {showCode && (
        <div className="okl-handoff-code">
          <p>{t('handoff.scan')}</p>
          {/* The label names the page, not the token: a screen reader never reads the secret out. */}
          <QrCode text={ticket.link} label={t('handoff.qrAlt', { link: ticket.page })} />
          <p className="okl-handoff-link">
            {/* The page without its token: opened here by a click, it must not use up the phone's code. */}
            <a href={ticket.page} target="_blank" rel="noreferrer noopener" data-handoff-link="">
              {ticket.page}
            </a>{' '}
            <button type="button" className="okl-button" onClick={() => copy(ticket.link)}>
              {copied === ticket.link ? t('handoff.copied') : t('handoff.copyLink')}
            </button>
          </p>
          <p>{t('handoff.orType', { page: ticket.page })}</p>
          <p className="okl-handoff-short" data-handoff-code={ticket.code}>
            <span aria-hidden="true">{ticket.code}</span>
            {/* Read one character at a time: a code is not a word. */}
            <span className="okl-visually-hidden">{`${t('handoff.codeLabel')}: ${ticket.code.split('').join(' ')}`}</span>
          </p>
          <p className="okl-handoff-expires">{t('handoff.expires', { minutes: Math.round(ticket.ttlMs / 60_000) })}</p>
        </div>
      )}
      {/* One live region that stays in place: a region swapped for another is often not announced. */}
      <p className="okl-handoff-status" role="status">
        {status}
      </p>
      {state === 'capturing' && handoff.attempts > 0 && (
        <p className="okl-handoff-help">{t('handoff.retakeOnPhone')}</p>
      )}
      <div className="okl-actions">
        {again && (
          <button type="button" className="okl-button okl-button-primary" onClick={session.continueOnPhone}>
            {t('handoff.newCode')}
          </button>
        )}
        <button type="button" className="okl-button" onClick={session.start} data-handoff-back="camera">
          {t('handoff.useCamera')}
        </button>
      </div>
      {photoFallback && <FileFallback onFile={(file) => void session.choosePhoto(file)} />}
    </div>
  );
}
