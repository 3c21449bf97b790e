import type { IncomingMessage } from 'node:http';
import { socketOf } from './socket.ts';

/** The slowest body an upload may send, judged over a sliding window once a grace period is over. */
export interface BodyRate {
  bytesPerSecond: number;
  windowMs: number;
  graceMs: number;
}

/**
 * Resolves once the body's first bytes are buffered (or it ended: an empty body), without
 * consuming them: a connection that sent its headers and nothing more waits here, holding no
 * upload slot. 'closed' when the client went away first.
 */
export function bodyStarted(req: IncomingMessage): Promise<'started' | 'closed'> {
  if (req.readableLength > 0 || req.readableEnded) return Promise.resolve('started');
  if (req.destroyed) return Promise.resolve('closed');
  return new Promise((resolve) => {
    const settle = (how: 'started' | 'closed'): void => {
      req.removeListener('readable', onReadable);
      req.removeListener('close', onClose);
      resolve(how);
    };
    const onReadable = (): void => settle('started');
    const onClose = (): void => settle('closed');
    // Left paused with its bytes buffered: whoever reads the body next resumes it (pipe does).
    req.once('readable', onReadable);
    req.once('close', onClose);
  });
}

/**
 * Calls `onStall` once if, after the grace period, the body arrives slower than the rate over
 * the last window (or since it started, within the first window). Counted from the socket, so
 * the body's reader is not disturbed. Stops by itself when the body ends or the request closes;
 * the returned function stops it earlier. Without a socket (the Fetch face) it does nothing.
 */
export function watchBodyRate(req: IncomingMessage, rate: BodyRate, onStall: () => void): () => void {
  const socket = socketOf(req);
  // The Fetch face: the host's own server holds the connection and its deadlines.
  if (!socket) return () => undefined;
  const started = performance.now();
  const samples: { at: number; bytes: number }[] = [{ at: started, bytes: socket.bytesRead }];
  // Often enough that a stall is cut within a quarter window of when it could first be seen.
  const tickMs = Math.max(10, Math.min(250, rate.windowMs / 4));
  const stop = (): void => {
    clearInterval(timer);
    req.removeListener('end', stop);
    req.removeListener('close', stop);
  };
  const tick = (): void => {
    const now = performance.now();
    samples.push({ at: now, bytes: socket.bytesRead });
    while (samples.length > 2 && (samples[1]?.at ?? now) <= now - rate.windowMs) samples.shift();
    if (now - started < rate.graceMs) return;
    const from = samples[0];
    if (from === undefined) return;
    const spanMs = Math.max(1, now - from.at);
    if (((socket.bytesRead - from.bytes) * 1000) / spanMs < rate.bytesPerSecond) {
      stop();
      onStall();
    }
  };
  const timer = setInterval(tick, tickMs);
  timer.unref();
  req.once('end', stop);
  req.once('close', stop);
  return stop;
}
