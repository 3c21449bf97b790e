import { useTranslate } from '../context.ts';

export function IdleView({ onStart }: { onStart: () => void }) {
  const t = useTranslate();
  return (
    <div className="okl-idle">
      <p>{t('widget.intro')}</p>
      <button type="button" className="okl-button okl-button-primary" onClick={onStart}>
        {t('action.start')}
      </button>
    </div>
  );
}
