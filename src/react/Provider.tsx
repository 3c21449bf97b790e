'use client';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { createTranslator, localeInfo, type Messages } from '../core/i18n/translate.ts';
import type { SessionOptions } from '../core/session/options.ts';
import { createCaptureSession } from '../core/session/session.ts';
import { SessionContext, type SessionContextValue } from './context.ts';

export interface OkayLiveProviderProps extends SessionOptions {
  /** BCP 47 tag; its catalogue must be registered (see i18n/locales.ts), English otherwise. */
  locale?: string | undefined;
  /** Overrides any message of the chosen catalogue. */
  messages?: Partial<Messages> | undefined;
  /** The QueryClient that owns the widget's requests (read once, at mount); its own otherwise. */
  queryClient?: QueryClient | undefined;
  children?: ReactNode;
}

/**
 * One capture session and its translations for the components and hooks inside it.
 * `<OkayLiveCapture>` wraps one; hosts building their own UI from the hooks use it directly.
 * The session owns the flow; this only hands it the props and ties it to React's lifecycle.
 */
export function OkayLiveProvider({
  locale: tag,
  messages,
  queryClient: hostClient,
  children,
  ...options
}: OkayLiveProviderProps) {
  const [queryClient] = useState(() => hostClient ?? new QueryClient());
  const [session] = useState(() => createCaptureSession(options, { queryClient }));
  useEffect(() => session.mount(), [session]);
  // Every render: the session compares what matters (journeyId, API options, camera choice).
  useEffect(() => session.update(options));

  const messagesKey = JSON.stringify(messages ?? {});
  // The messages object is compared by value: hosts often pass a fresh literal each render.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const t = useMemo(() => createTranslator(tag, messages), [tag, messagesKey]);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const locale = useMemo(() => localeInfo(tag, messages), [tag, messagesKey]);
  const context = useMemo<SessionContextValue>(() => ({ session, t, locale }), [session, t, locale]);

  return (
    <QueryClientProvider client={queryClient}>
      <SessionContext.Provider value={context}>{children}</SessionContext.Provider>
    </QueryClientProvider>
  );
}
