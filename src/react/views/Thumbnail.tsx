import { useObjectUrl } from '../useObjectUrl.ts';
import { useSession, useTranslate } from '../context.ts';

/** The image that was (or is being) sent, exactly as sent: not mirrored. */
export function Thumbnail() {
  const t = useTranslate();
  const blob = useSession((s) => s.capture?.blob);
  const url = useObjectUrl(blob);
  return url ? <img className="okl-thumbnail" src={url} alt={t('verdict.thumbnailAlt')} /> : null;
}
