import { useTranslate } from '../context.ts';
import { Thumbnail } from './Thumbnail.tsx';

export function ProgressView({ label }: { label: 'state.captured' | 'state.submitting' }) {
  const t = useTranslate();
  return (
    <div className="okl-progress">
      <Thumbnail />
      <div className="okl-progress-row">
        {label === 'state.submitting' && <span className="okl-spinner" aria-hidden="true" />}
        <p>{t(label)}</p>
      </div>
    </div>
  );
}
