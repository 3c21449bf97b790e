import type { IncomingMessage, ServerResponse } from 'node:http';
import { errorKind, type Logger } from '../http/log.ts';
import { isStoreUnavailable } from '../store/store.ts';
import { TERMINAL_STATES, type HandoffEvent } from './state.ts';
import { LINGER_MS } from './store.ts';

export interface StreamOptions {
  /** The handoff's event now; null once it is gone from the store. */
  read: () => Promise<HandoffEvent | null>;
  log: Logger;
  requestId: string;
  /** Told of each event sent (the request's log line keeps the last state). */
  onEvent?: (event: HandoffEvent) => void;
  /** How often the store is looked at: polling, so it works across instances with no pub/sub. */
  pollMs?: number;
  /** A comment this often keeps proxies from closing a quiet stream. */
  pingMs?: number;
  /** The clock the handoff's expiry is read on. */
  now?: () => number;
  /** How long past its expiry the store keeps a handoff: the stream ends then, whatever the store says. */
  lingerMs?: number;
}

export const EVENT_POLL_MS = 500;
export const EVENT_PING_MS = 15_000;

const frame = (text: string): string => `event: state\ndata: ${text}\n\n`;

/**
 * Server-Sent Events of one handoff, the first at once (read by the caller, so an unknown
 * handoff is answered as JSON before any stream starts), then each change. Ends after a
 * terminal state went out or the handoff left the store; stops polling when the client goes.
 * A store outage skips a look and keeps the stream: the client would only reconnect into it.
 * But not past the handoff's expiry plus the store's linger: by then its record is gone even
 * where the store cannot say so, and the stream ends however the store is doing.
 * Resolves with the number of events sent, once the stream is over.
 */
export function streamEvents(
  req: IncomingMessage,
  res: ServerResponse,
  first: HandoffEvent,
  options: StreamOptions,
): Promise<number> {
  res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', 'X-Accel-Buffering': 'no' });
  if (req.method === 'HEAD') {
    res.end();
    return Promise.resolve(0);
  }
  let last = JSON.stringify(first);
  res.write(frame(last));
  let sent = 1;
  if (TERMINAL_STATES.has(first.state)) {
    res.end();
    return Promise.resolve(sent);
  }
  const now = options.now ?? Date.now;
  const endsAt = first.expiresAt + (options.lingerMs ?? LINGER_MS);
  return new Promise((resolve) => {
    let looking = false;
    let over = false;
    const stop = (): void => {
      if (over) return;
      over = true;
      clearInterval(poll);
      clearInterval(ping);
      res.removeListener('close', stop);
      if (!res.writableEnded) res.end();
      resolve(sent);
    };
    const look = async (): Promise<void> => {
      // Checked before anything else: a look still waiting on a stalled store does not hold it open.
      if (now() > endsAt) return stop();
      if (looking || over) return;
      looking = true;
      try {
        const event = await options.read();
        if (over) return;
        if (event === null) return stop();
        const text = JSON.stringify(event);
        if (text !== last) {
          last = text;
          res.write(frame(text));
          sent += 1;
          options.onEvent?.(event);
        }
        if (TERMINAL_STATES.has(event.state)) stop();
      } catch (error) {
        // The next look ends the stream if the outage outlasts the handoff's linger.
        if (isStoreUnavailable(error)) return;
        options.log.error('handoff_events_error', { requestId: options.requestId, ...errorKind(error) });
        stop();
      } finally {
        looking = false;
      }
    };
    const poll = setInterval(() => void look(), options.pollMs ?? EVENT_POLL_MS);
    const ping = setInterval(() => res.write(': ping\n\n'), options.pingMs ?? EVENT_PING_MS);
    res.once('close', stop);
    // The client went while the first event was read: its `close` is past, and no look may outlive it.
    if (res.destroyed) stop();
  });
}
