import type { IncomingMessage } from 'node:http';
import { readSmallBody } from '../http/small-body.ts';

/** The handoff routes take a key or two: anything near this size is not one of theirs. */
export const JSON_BODY_LIMIT = 1024;

export type JsonBody =
  { kind: 'json'; value: Record<string, unknown> } | { kind: 'invalid' } | { kind: 'too_large' } | { kind: 'aborted' };

/**
 * Reads a small JSON object body. The content type is not checked: `navigator.sendBeacon`
 * sends its JSON as text/plain, and the origin policy, not the type, keeps other sites out.
 */
export async function readJsonBody(req: IncomingMessage, limit = JSON_BODY_LIMIT): Promise<JsonBody> {
  const body = await readSmallBody(req, limit);
  return body.kind === 'read' ? parseObject(body.bytes.toString('utf8')) : body;
}

function parseObject(text: string): JsonBody {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value === 'object' && value !== null && !Array.isArray(value))
      return { kind: 'json', value: value as Record<string, unknown> };
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
