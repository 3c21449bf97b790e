import type { IncomingMessage } from 'node:http';

/** A route that takes no body still tolerates a client that sends `{}`: this much is read and dropped. */
export const SMALL_BODY_LIMIT = 1024;

export type SmallBody = 'read' | 'too_large' | 'aborted';

/** A small body's bytes, or why there are none. */
export type SmallBytes = { kind: 'read'; bytes: Buffer } | { kind: 'too_large' } | { kind: 'aborted' };

/**
 * Reads a body that must stay small, refusing a large one from its declared length or as soon
 * as the count passes `limit`, so nothing beyond `limit` is read on its behalf (the caller
 * answers with refuseUnread, which bounds what is drained after the answer).
 */
export function readSmallBody(req: IncomingMessage, limit: number): Promise<SmallBytes> {
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (Number.isFinite(declared) && declared > limit) return Promise.resolve({ kind: 'too_large' });
  // Already read to its end by someone else: whatever it held is gone.
  if (req.readableEnded) return Promise.resolve({ kind: 'read', bytes: Buffer.alloc(0) });
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let received = 0;
    const done = (result: SmallBytes): void => {
      req.removeListener('data', onData);
      req.removeListener('end', onEnd);
      req.removeListener('close', onClose);
      resolve(result);
    };
    const onData = (chunk: Buffer): void => {
      received += chunk.length;
      if (received > limit) {
        req.pause();
        return done({ kind: 'too_large' });
      }
      chunks.push(chunk);
    };
    const onEnd = (): void => done({ kind: 'read', bytes: Buffer.concat(chunks) });
    const onClose = (): void =>
      done(req.complete ? { kind: 'read', bytes: Buffer.concat(chunks) } : { kind: 'aborted' });
    req.on('data', onData);
    req.once('end', onEnd);
    req.once('close', onClose);
    req.resume();
  });
}

/** Reads and drops a body that should be empty (see readSmallBody). */
export async function discardSmallBody(req: IncomingMessage, limit = SMALL_BODY_LIMIT): Promise<SmallBody> {
  return (await readSmallBody(req, limit)).kind;
}
