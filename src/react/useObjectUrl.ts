import { useEffect, useState } from 'react';

/** An object URL for a Blob, revoked when the Blob changes or the view goes away. */
export function useObjectUrl(blob: Blob | null | undefined): string | null {
  const [entry, setEntry] = useState<{ blob: Blob; url: string } | null>(null);
  useEffect(() => {
    if (!blob) return undefined;
    const url = URL.createObjectURL(blob);
    // An object URL must be made and revoked in step with the view's life (an effect), and
    // the view needs it to render: so the effect hands it over as state, once per Blob.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setEntry({ blob, url });
    return () => URL.revokeObjectURL(url);
  }, [blob]);
  return blob && entry?.blob === blob ? entry.url : null;
}
