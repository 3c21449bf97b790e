import { useSecondsSince } from '../useClock.ts';
import { useTranslate } from '../context.ts';
import { Thumbnail } from './Thumbnail.tsx';

/** The check normally answers in 2-3 s; past this the person is told it is slow, and that nothing is lost. */
export const SLOW_AFTER_S = 8;
/** The bar approaches, never reaches, the end: an estimate against the usual 2-3 s, not a promise. */
const TYPICAL_S = 3;

export function estimatedProgress(seconds: number): number {
  return Math.round(100 * (1 - Math.exp(-seconds / TYPICAL_S)) * 0.95);
}

export function ProgressView({ label }: { label: 'state.captured' | 'state.submitting' | 'file.checking' }) {
  const t = useTranslate();
  const submitting = label === 'state.submitting';
  const seconds = useSecondsSince(label);
  const slow = submitting && seconds >= SLOW_AFTER_S;
  return (
    <div className="okl-progress" data-slow={slow ? 'true' : undefined}>
      <Thumbnail />
      <div className="okl-progress-body">
        <div className="okl-progress-row">
          {submitting && <span className="okl-spinner" aria-hidden="true" />}
          <p>{t(label)}</p>
        </div>
        {submitting && (
          <>
            <progress
              className="okl-progress-bar"
              max={100}
              value={estimatedProgress(seconds)}
              aria-label={t('progress.label')}
              aria-valuetext={t('progress.elapsed', { seconds })}
            />
            {/* Not live: a ticking number would be read out every second. */}
            <p className="okl-progress-elapsed" data-elapsed={seconds}>
              {t('progress.elapsed', { seconds })}
            </p>
          </>
        )}
        {slow && (
          <p className="okl-progress-slow" role="status">
            {t('progress.slow')}
          </p>
        )}
      </div>
    </div>
  );
}
