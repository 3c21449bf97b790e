import type { IncomingMessage } from 'node:http';

/** A route that takes no body still tolerates a client that sends `{}`: this much is read and dropped. */
export const SMALL_BODY_LIMIT = 1024;

export type SmallBody = 'read' | 'too_large' | 'aborted';

/**
 * Reads and drops a body that should be empty, refusing a large one from its declared length
 * or as soon as the count passes `limit`, so nothing beyond `limit` is read on its behalf (the
 * caller answers with refuseUnread, which bounds what is drained after the answer).
 */
export function discardSmallBody(req: IncomingMessage, limit = SMALL_BODY_LIMIT): Promise<SmallBody> {
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (Number.isFinite(declared) && declared > limit) return Promise.resolve('too_large');
  if (req.readableEnded) return Promise.resolve('read');
  return new Promise((resolve) => {
    let received = 0;
    const done = (result: SmallBody): void => {
      req.removeListener('data', onData);
      req.removeListener('end', onEnd);
      req.removeListener('close', onClose);
      resolve(result);
    };
    const onData = (chunk: Buffer): void => {
      received += chunk.length;
      if (received > limit) {
        req.pause();
        done('too_large');
      }
    };
    const onEnd = (): void => done('read');
    const onClose = (): void => done(req.complete ? 'read' : 'aborted');
    req.on('data', onData);
    req.once('end', onEnd);
    req.once('close', onClose);
    req.resume();
  });
}
