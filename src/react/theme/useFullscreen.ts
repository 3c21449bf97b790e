import { useSyncExternalStore } from 'react';
import type { SessionState } from '../../core/session/types.ts';
import type { Layout } from '../props.ts';

/** Phone-sized screens, upright or on their side: the camera gets the whole screen there. */
export const HANDHELD_QUERY = '(max-width: 599px), (pointer: coarse) and (max-height: 599px)';

const CAMERA_STATES: ReadonlySet<SessionState> = new Set(['camera_starting', 'ready', 'capturing']);

function subscribe(onChange: () => void): () => void {
  if (typeof matchMedia !== 'function') return () => undefined;
  const query = matchMedia(HANDHELD_QUERY);
  query.addEventListener('change', onChange);
  return () => query.removeEventListener('change', onChange);
}

const smallScreen = () => typeof matchMedia === 'function' && matchMedia(HANDHELD_QUERY).matches;

/** Whether the root should cover the viewport now: only while the camera is on, never for `inline`. */
export function useFullscreen(layout: Layout | undefined, status: SessionState): boolean {
  const small = useSyncExternalStore(subscribe, smallScreen, () => false);
  if (!CAMERA_STATES.has(status)) return false;
  return layout === 'fullscreen' || ((layout ?? 'auto') === 'auto' && small);
}
