import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

export const REQUEST_ID_HEADER = 'X-Request-Id';
/** An id a proxy in front of us assigned is kept when it is short and plain; else we make one. */
const PLAIN_ID = /^[A-Za-z0-9._:-]{8,64}$/;

/** The request's id, set on the response as X-Request-Id (once, whoever asks first). */
export function ensureRequestId(req: IncomingMessage, res: ServerResponse): string {
  const existing = res.getHeader(REQUEST_ID_HEADER);
  if (typeof existing === 'string') return existing;
  const incoming = req.headers['x-request-id'];
  const id = typeof incoming === 'string' && PLAIN_ID.test(incoming) ? incoming : randomUUID();
  res.setHeader(REQUEST_ID_HEADER, id);
  return id;
}
