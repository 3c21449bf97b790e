import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { OkayLiveClient } from '../core/api/client.ts';
import type { LocaleInfo, Translate } from '../core/i18n/translate.ts';
import type { SessionActions, SessionData, SessionStore } from '../core/session/store.ts';

export interface SessionContextValue {
  store: SessionStore;
  client: OkayLiveClient;
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

/** Subscribes to one slice of this widget's own session store. */
export function useSession<T>(selector: (state: SessionData & SessionActions) => T): T {
  return useStore(useSessionContext().store, selector);
}

export function useTranslate(): Translate {
  return useSessionContext().t;
}
