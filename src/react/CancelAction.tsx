import { useTranslate } from './context.ts';

/** Leaves the step: the host decides what comes next (onCancel). A word, not a bare ×, so it is understood and announced. */
export function CancelAction({ onCancel }: { onCancel: () => void }) {
  const t = useTranslate();
  return (
    <button type="button" className="okl-button okl-button-quiet okl-cancel" part="button cancel" onClick={onCancel}>
      {t('action.cancel')}
    </button>
  );
}
