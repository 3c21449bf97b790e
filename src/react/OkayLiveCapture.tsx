import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { createTranslator } from '../core/i18n/translate.ts';
import { createSessionStore } from '../core/session/store.ts';
import { CaptureFlow } from './CaptureFlow.tsx';
import { SessionContext, type SessionContextValue } from './context.ts';
import { useOkayLiveClient } from './hooks.ts';
import type { OkayLiveCaptureProps } from './props.ts';
import './styles.css';

/**
 * The selfie-liveness step. Each instance owns its store and query client, so two widgets
 * on one page never share a capture, a journey or a request.
 */
export function OkayLiveCapture(props: OkayLiveCaptureProps) {
  const [store] = useState(() => createSessionStore(props.journeyId ? { journeyId: props.journeyId } : {}));
  const [queryClient] = useState(() => props.queryClient ?? new QueryClient());
  const client = useOkayLiveClient({
    apiBaseUrl: props.apiBaseUrl,
    headers: props.headers,
    credentials: props.credentials,
    fetch: props.fetcher,
  });
  const messagesKey = JSON.stringify(props.messages ?? {});
  const t = useMemo(() => createTranslator(props.locale, props.messages), [props.locale, messagesKey]);
  const context = useMemo<SessionContextValue>(() => ({ store, client, t }), [store, client, t]);

  return (
    <QueryClientProvider client={queryClient}>
      <SessionContext.Provider value={context}>
        <CaptureFlow {...props} />
      </SessionContext.Provider>
    </QueryClientProvider>
  );
}
