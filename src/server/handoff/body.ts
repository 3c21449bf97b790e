import type { IncomingMessage } from 'node:http';

/** The handoff routes take a key or two: anything near this size is not one of theirs. */
export const JSON_BODY_LIMIT = 1024;

export type JsonBody = { kind: 'json'; value: Record<string, unknown> } | { kind: 'invalid' } | { kind: 'too_large' } | { kind: 'aborted' };

/**
 * Reads a small JSON object body. The content type is not checked: `navigator.sendBeacon`
 * sends its JSON as text/plain, and the origin policy, not the type, keeps other sites out.
 * A body past `limit` is refused from its declared length or as soon as the count passes it.
 */
export function readJsonBody(req: IncomingMessage, limit = JSON_BODY_LIMIT): Promise<JsonBody> {
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (Number.isFinite(declared) && declared > limit) return Promise.resolve({ kind: 'too_large' });
  // Already read to its end by someone else: whatever it held is gone.
  if (req.readableEnded) return Promise.resolve({ kind: 'invalid' });
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let received = 0;
    const done = (result: JsonBody): void => {
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
    const onEnd = (): void => done(parseObject(Buffer.concat(chunks).toString('utf8')));
    const onClose = (): void => done(req.complete ? parseObject(Buffer.concat(chunks).toString('utf8')) : { kind: 'aborted' });
    req.on('data', onData);
    req.once('end', onEnd);
    req.once('close', onClose);
    req.resume();
  });
}

function parseObject(text: string): JsonBody {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return { kind: 'json', value: value as Record<string, unknown> };
  } catch {
    // Not JSON: answered as a request without the arguments it needs.
  }
  return { kind: 'invalid' };
}

/** A non-empty string field, or undefined. */
export function stringField(body: Record<string, unknown>, name: string, maxLength = 200): string | undefined {
  const value = body[name];
  return typeof value === 'string' && value.length > 0 && value.length <= maxLength ? value : undefined;
}
