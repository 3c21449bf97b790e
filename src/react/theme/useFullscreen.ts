import { useSyncExternalStore } from 'react';
import type { Layout } from '../props.ts';

/** Phone-sized screens, upright or on their side: the camera gets the whole screen there. */
export const HANDHELD_QUERY = '(max-width: 599px), (pointer: coarse) and (max-height: 599px)';

function subscribe(onChange: () => void): () => void {
  if (typeof matchMedia !== 'function') return () => undefined;
  const query = matchMedia(HANDHELD_QUERY);
  query.addEventListener('change', onChange);
  return () => query.removeEventListener('change', onChange);
}

const smallScreen = () => typeof matchMedia === 'function' && matchMedia(HANDHELD_QUERY).matches;

/** Whether the root should cover the viewport now: only while the camera is on (the snapshot's `cameraOn`), never for `inline`. */
export function useFullscreen(layout: Layout | undefined, cameraOn: boolean): boolean {
  const small = useSyncExternalStore(subscribe, smallScreen, () => false);
  if (!cameraOn) return false;
  return layout === 'fullscreen' || ((layout ?? 'auto') === 'auto' && small);
}
