import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import type { FetchLike } from '../core/api/client.ts';
import { createTranslator, localeInfo, type Messages } from '../core/i18n/translate.ts';
import { createSessionStore } from '../core/session/store.ts';
import { SessionContext, type SessionContextValue } from './context.ts';
import { useOkayLiveClient } from './hooks.ts';

export interface OkayLiveProviderProps {
  /** A journeyId the host's backend already created; without it the widget asks `{apiBaseUrl}/journeyid`. */
  journeyId?: string;
  /** Base of the host's proxy routes; defaults to the same-origin `/api/ekyc`. */
  apiBaseUrl?: string;
  headers?: Record<string, string>;
  credentials?: RequestCredentials;
  fetcher?: FetchLike;
  /** BCP 47 tag; its catalogue must be registered (see i18n/locales.ts), English otherwise. */
  locale?: string;
  /** Overrides any message of the chosen catalogue. */
  messages?: Partial<Messages>;
  queryClient?: QueryClient;
  children?: ReactNode;
}

/**
 * One capture session (store, API client, translations) for the components and hooks inside
 * it. `<OkayLiveCapture>` wraps one; hosts building their own UI from the hooks use it directly.
 */
export function OkayLiveProvider(props: OkayLiveProviderProps) {
  const [store] = useState(() => createSessionStore(props.journeyId ? { journeyId: props.journeyId } : {}));
  const [ownQueryClient] = useState(() => new QueryClient());
  const queryClient = props.queryClient ?? ownQueryClient;
  const client = useOkayLiveClient({
    apiBaseUrl: props.apiBaseUrl,
    headers: props.headers,
    credentials: props.credentials,
    fetch: props.fetcher,
  });
  const messagesKey = JSON.stringify(props.messages ?? {});
  // The messages object is compared by value: hosts often pass a fresh literal each render.
  const t = useMemo(() => createTranslator(props.locale, props.messages), [props.locale, messagesKey]);
  const locale = useMemo(() => localeInfo(props.locale, props.messages), [props.locale, messagesKey]);
  const context = useMemo<SessionContextValue>(() => ({ store, client, t, locale }), [store, client, t, locale]);

  // A journeyId the host obtains after mounting is taken up, unless one is already in use.
  useEffect(() => {
    if (props.journeyId && props.journeyId !== store.getState().journeyId && store.getState().status !== 'submitting') {
      store.getState().setJourneyId(props.journeyId);
    }
  }, [props.journeyId, store]);

  return (
    <QueryClientProvider client={queryClient}>
      <SessionContext.Provider value={context}>{props.children}</SessionContext.Provider>
    </QueryClientProvider>
  );
}
