import type { ClientOptions, FetchLike } from '../api/client.ts';
import { browserOnline, DEFAULT_API_BASE_URL, parseRetryAfter } from '../api/client.ts';
import {
  HandoffError,
  type HandoffErrorCode,
  type HandoffEvent,
  type HandoffTicket,
  type PhoneProgress,
} from './types.ts';

/** What the desktop side does with a handoff. */
export interface DesktopHandoffApi {
  create(journeyId: string, signal?: AbortSignal): Promise<HandoffTicket>;
  status(handoff: string, signal?: AbortSignal): Promise<HandoffEvent>;
  /** Progress as it happens (Server-Sent Events, or polling where they cannot be used); returns the stop. */
  watch(handoff: string, listener: (event: HandoffEvent) => void, onError: (error: HandoffError) => void): () => void;
  /** Revokes the code, the link and the phone's key; best effort (the page may be closing). */
  cancel(handoff: string): Promise<void>;
}

/** What the phone side does with a handoff. */
export interface PhoneHandoffApi {
  claim(
    secret: { token: string } | { code: string },
    signal?: AbortSignal,
  ): Promise<{ phone: string; expiresAt: number }>;
  /** Heartbeat and progress; answers the state the phone should act on (cancelled, …). */
  beat(phone: string, state?: PhoneProgress): Promise<HandoffEvent['state']>;
  /** The page is going away: said with a beacon, which outlives the page. */
  leave(phone: string): void;
}

export interface HandoffClientOptions extends ClientOptions {
  /** The browser's EventSource; absent (Node, old engines), the desktop polls. */
  eventSource?: typeof EventSource | undefined;
  /** How often the desktop polls when it cannot stream. */
  pollMs?: number;
  sendBeacon?: ((url: string, data: Blob) => boolean) | undefined;
}

const POLL_MS = 1_000;
const ERROR_CODES: ReadonlySet<string> = new Set([
  'HANDOFF_NOT_FOUND',
  'HANDOFF_TAKEN',
  'HANDOFF_CLOSED',
  'RATE_LIMITED',
]);

export function createHandoffClient(options: HandoffClientOptions = {}): DesktopHandoffApi & PhoneHandoffApi {
  const base = (options.apiBaseUrl ?? DEFAULT_API_BASE_URL).replace(/\/+$/, '');
  const doFetch: FetchLike = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const pollMs = options.pollMs ?? POLL_MS;

  async function call(
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
    signal?: AbortSignal,
    keepalive = false,
  ): Promise<unknown> {
    const online = (options.isOnline ?? browserOnline)();
    if (!online) throw new HandoffError('OFFLINE');
    const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
    const init: RequestInit = { method, headers };
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    if (signal) init.signal = signal;
    if (keepalive) init.keepalive = true;
    if (options.credentials) init.credentials = options.credentials;
    let response: Response;
    try {
      response = await doFetch(`${base}${path}`, init);
    } catch (cause) {
      if (signal?.aborted) throw cause;
      throw new HandoffError('HANDOFF_UNAVAILABLE', { cause, detail: String(cause) });
    }
    const parsed: unknown = response.status === 204 ? null : await response.json().catch(() => undefined);
    if (response.ok && parsed !== undefined) return parsed;
    const message = isRecord(parsed) && typeof parsed.message === 'string' ? parsed.message : '';
    const code: HandoffErrorCode = ERROR_CODES.has(message)
      ? (message as HandoffErrorCode)
      : response.status === 429
        ? 'RATE_LIMITED'
        : 'HANDOFF_UNAVAILABLE';
    throw new HandoffError(code, {
      retryAfterMs: parseRetryAfter(response.headers.get('Retry-After')),
      detail: `HTTP ${response.status} ${message}`.trim(),
    });
  }

  function watchByPolling(
    handoff: string,
    listener: (event: HandoffEvent) => void,
    onError: (error: HandoffError) => void,
  ): () => void {
    const stop = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tick = async (): Promise<void> => {
      try {
        const event = await status(handoff, stop.signal);
        if (stop.signal.aborted) return;
        listener(event);
      } catch (error) {
        if (stop.signal.aborted) return;
        // A lost poll is tried again; an unknown handoff (gone from the store) is the end.
        if (error instanceof HandoffError && error.code === 'HANDOFF_NOT_FOUND') return onError(error);
      }
      // The listener may have stopped the watch (a final state): no tick after that.
      if (!stop.signal.aborted) timer = setTimeout(() => void tick(), pollMs);
    };
    void tick();
    return () => {
      stop.abort();
      clearTimeout(timer);
    };
  }

  async function status(handoff: string, signal?: AbortSignal): Promise<HandoffEvent> {
    const event = await call('GET', `/handoff/status?handoff=${encodeURIComponent(handoff)}`, undefined, signal);
    if (!isEvent(event))
      throw new HandoffError('HANDOFF_UNAVAILABLE', { detail: 'status body is not a handoff event' });
    return event;
  }

  return {
    async create(journeyId, signal) {
      const ticket = await call('POST', '/handoff', { journeyId }, signal);
      if (!isTicket(ticket))
        throw new HandoffError('HANDOFF_UNAVAILABLE', { detail: 'creation answer lacks its fields' });
      return {
        handoff: ticket.handoff,
        link: ticket.link,
        page: ticket.page,
        code: ticket.code,
        expiresAt: ticket.expiresAt,
        ttlMs: ticket.ttlMs,
      };
    },
    status,
    watch(handoff, listener, onError) {
      const Source = options.eventSource;
      // EventSource sends no custom headers: a backend that wants the host's headers is polled.
      if (!Source || (options.headers && Object.keys(options.headers).length > 0))
        return watchByPolling(handoff, listener, onError);
      const url = `${base}/handoff/events?handoff=${encodeURIComponent(handoff)}`;
      const source = new Source(url, { withCredentials: options.credentials === 'include' });
      let stopPolling: (() => void) | null = null;
      source.addEventListener('state', (message: MessageEvent<string>) => {
        const event: unknown = safeParse(message.data);
        if (isEvent(event)) listener(event);
      });
      // A proxy that buffers or cuts the stream: the same progress by polling, from now on.
      source.onerror = () => {
        source.close();
        stopPolling ??= watchByPolling(handoff, listener, onError);
      };
      return () => {
        source.close();
        stopPolling?.();
      };
    },
    async cancel(handoff) {
      // keepalive: a cancel sent as the page goes away still arrives.
      await call('POST', '/handoff/cancel', { handoff }, undefined, true).catch(() => undefined);
    },
    async claim(secret, signal) {
      const answer = await call('POST', '/handoff/claim', secret, signal);
      if (!isRecord(answer) || typeof answer.phone !== 'string' || typeof answer.expiresAt !== 'number') {
        throw new HandoffError('HANDOFF_UNAVAILABLE', { detail: 'claim answer lacks its fields' });
      }
      return { phone: answer.phone, expiresAt: answer.expiresAt };
    },
    async beat(phone, state) {
      const answer = await call('POST', '/handoff/phone', state ? { phone, state } : { phone });
      if (!isRecord(answer) || !isState(answer.state))
        throw new HandoffError('HANDOFF_UNAVAILABLE', { detail: 'heartbeat answer lacks its state' });
      return answer.state;
    },
    leave(phone) {
      const body = JSON.stringify({ phone, state: 'left' });
      const beacon =
        options.sendBeacon ??
        (typeof navigator !== 'undefined' && navigator.sendBeacon ? navigator.sendBeacon.bind(navigator) : undefined);
      // text/plain: a beacon of that type needs no preflight, and the server reads it as JSON.
      if (beacon?.(`${base}/handoff/phone`, new Blob([body], { type: 'text/plain;charset=UTF-8' }))) return;
      void doFetch(`${base}/handoff/phone`, {
        method: 'POST',
        body,
        keepalive: true,
        headers: { 'Content-Type': 'application/json' },
      }).catch(() => undefined);
    },
  };
}

const STATES: ReadonlySet<string> = new Set([
  'waiting',
  'connected',
  'capturing',
  'checking',
  'done',
  'phone_left',
  'cancelled',
  'expired',
]);

function isState(value: unknown): value is HandoffEvent['state'] {
  return typeof value === 'string' && STATES.has(value);
}

function isEvent(value: unknown): value is HandoffEvent {
  return (
    isRecord(value) && isState(value.state) && typeof value.expiresAt === 'number' && typeof value.attempts === 'number'
  );
}

function isTicket(value: unknown): value is HandoffTicket {
  return (
    isRecord(value) &&
    typeof value.handoff === 'string' &&
    typeof value.link === 'string' &&
    typeof value.page === 'string' &&
    typeof value.code === 'string' &&
    typeof value.expiresAt === 'number' &&
    typeof value.ttlMs === 'number'
  );
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
