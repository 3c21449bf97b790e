import { cutRequest } from './socket.ts';
import type { IncomingMessage, ServerResponse } from 'node:http';

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  if (res.headersSent || res.destroyed) return;
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    ...headers,
  });
  res.end(text);
}

/** The error shape OkayLive uses across its APIs. */
export function contractError(message: string): { status: 'error'; messageCode: null; message: string } {
  return { status: 'error', messageCode: null, message };
}

export function sendError(
  res: ServerResponse,
  status: number,
  message: string,
  headers: Record<string, string> = {},
): void {
  sendJson(res, status, contractError(message), headers);
}

/**
 * Answers before (all of) the body was read. Closing a socket with unread bytes resets it, and
 * clients then lose the answer (curl reports no status at all), so the rest of the body is
 * read and dropped, but only up to `drainBytes` or `drainMs`: an endless upload is cut off
 * there. Clients that see the early answer stop sending, as curl and undici do.
 */
export function refuseUnread(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  message: string,
  options: { drainBytes: number; drainMs: number; headers?: Record<string, string> },
): void {
  if (req.readableEnded || req.destroyed) return sendError(res, status, message, options.headers);
  // The connection will not carry another request: said so, a keep-alive client does not send
  // its next one on it (and lose it to the cut below).
  sendError(res, status, message, { ...options.headers, Connection: 'close' });
  let drained = 0;
  const cut = (): void => {
    clearTimeout(timer);
    req.removeListener('data', onData);
    cutRequest(req);
  };
  const onData = (chunk: Buffer): void => {
    drained += chunk.length;
    if (drained > options.drainBytes) cut();
  };
  const timer = setTimeout(cut, options.drainMs);
  timer.unref();
  req.on('data', onData);
  req.once('end', () => clearTimeout(timer));
  req.once('close', () => clearTimeout(timer));
  req.resume();
}
