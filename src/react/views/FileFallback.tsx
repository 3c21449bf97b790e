import { useId, type ChangeEvent } from 'react';
import { useTranslate } from '../context.ts';

export interface FileFallbackProps {
  onFile: (file: File) => void;
  /** After a refused photo the same control offers another one. */
  again?: boolean;
}

/**
 * The way forward when there is no usable camera: the device's own camera app or photo
 * library (`capture="user"` opens the front camera on phones). The photo then goes through
 * the same requirement rules as a camera frame before anything is uploaded.
 */
export function FileFallback({ onFile, again = false }: FileFallbackProps) {
  const t = useTranslate();
  const id = useId();
  const onChange = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.currentTarget.files?.[0];
    // Cleared so choosing the same file again still fires a change.
    event.currentTarget.value = '';
    if (file) onFile(file);
  };
  return (
    <div className="okl-file" data-fallback="file">
      {!again && <p className="okl-file-intro">{t('file.intro')}</p>}
      <label className="okl-button okl-file-button" htmlFor={id}>
        {again ? t('action.choosePhoto') : t('action.usePhoto')}
      </label>
      <input
        id={id}
        className="okl-file-input"
        type="file"
        accept="image/*"
        capture="user"
        aria-label={t('file.label')}
        onChange={onChange}
      />
    </div>
  );
}
