import type { MessageKey } from '../../core/i18n/translate.ts';
import { useCaptureSession, useSession, useTranslate } from '../context.ts';
import { Thumbnail } from './Thumbnail.tsx';

function formatNumber(value: number | undefined, digits: number): string {
  return value === undefined ? '–' : value.toFixed(digits);
}

/**
 * The outcome in words. The figures (probability, quality, score) are for integrators only
 * (`showFigures`): shown to the applicant they would be a gauge to tune a spoof against.
 */
export function ResultView({ showFigures }: { showFigures: boolean }) {
  const t = useTranslate();
  const session = useCaptureSession();
  const verdict = useSession((s) => s.verdict);
  // The phone's part is over once its verdict ends the step: the desktop carries on.
  const phoneDone = useSession((s) => s.phone?.state === 'done');
  if (!verdict) return null;
  const { outcome } = verdict;
  const body: MessageKey =
    outcome === 'retake' ? `reason.${verdict.reason ?? 'LOW_QUALITY'}` : `verdict.${outcome}.body`;
  return (
    <div className="okl-result" data-outcome={outcome}>
      <Thumbnail />
      <div className="okl-result-text">
        <h3 className="okl-result-title" tabIndex={-1}>
          <span className="okl-result-icon" aria-hidden="true">
            {outcome === 'live' ? '✓' : outcome === 'not_live' ? '✕' : '↻'}
          </span>
          {t(`verdict.${outcome}.title`)}
        </h3>
        <p>{t(body)}</p>
        {showFigures && verdict.probability !== undefined && (
          <dl className="okl-figures">
            <div>
              <dt>{t('verdict.probability')}</dt>
              <dd data-field="probability">{formatNumber(verdict.probability, 3)}</dd>
            </div>
            <div>
              <dt>{t('verdict.quality')}</dt>
              <dd data-field="quality">{formatNumber(verdict.quality, 3)}</dd>
            </div>
            <div>
              <dt>{t('verdict.score')}</dt>
              <dd data-field="score">{formatNumber(verdict.score, 2)}</dd>
            </div>
          </dl>
        )}
        {outcome !== 'live' && !phoneDone && (
          <button type="button" className="okl-button okl-button-primary" onClick={session.retake}>
            {t('action.retake')}
          </button>
        )}
      </div>
    </div>
  );
}
