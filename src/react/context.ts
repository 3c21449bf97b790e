import { createContext, useContext, useSyncExternalStore } from 'react';
import type { LocaleInfo, Translate } from '../core/i18n/translate.ts';
import type { CaptureSession } from '../core/session/session.ts';
import type { SessionSnapshot } from '../core/session/snapshot.ts';

export interface SessionContextValue {
  /** This widget's capture session: the views read its snapshot and call its commands. */
  session: CaptureSession;
  t: Translate;
  /** `lang` and `dir` of the text shown. */
  locale: LocaleInfo;
}

export const SessionContext = createContext<SessionContextValue | null>(null);

export function useSessionContext(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('OkayLive hooks must be used inside <OkayLiveCapture> or <OkayLiveProvider>');
  return value;
}

/**
 * One part of this widget's session snapshot; re-renders only when that part changes. The
 * selector must return a primitive or a part of the snapshot (not a new object).
 */
export function useSession<T>(selector: (snapshot: SessionSnapshot) => T): T {
  const { session } = useSessionContext();
  const read = () => selector(session.getSnapshot());
  return useSyncExternalStore(session.subscribe, read, read);
}

/** The capture session's commands (start, captureNow, retry, retake, cancel, …). */
export function useCaptureSession(): CaptureSession {
  return useSessionContext().session;
}

export function useTranslate(): Translate {
  return useSessionContext().t;
}
