import { isPlausibleJourneyId } from '../journey-id.ts';

/**
 * Only these fields of an upstream answer reach the browser, and only in the shapes the
 * contract gives them. A free-text message (a stack trace, an internal host name) becomes
 * UNEXPECTED_ERROR: the browser learns that something failed, never what the gateway said
 * about itself.
 */
const STATUSES = new Set(['success', 'error', 'Internal Server Error']);
const CODE = /^[A-Z][A-Z0-9_]{1,63}$/;
const MESSAGE_CODE = /^[a-z]+(\.[A-Za-z0-9_]+){1,4}$/;
/** The two errors the vendor writes as sentences. */
const SENTENCES = new Set(['Request size exceed 5MB', 'Failed to decode image']);

function isCode(value: unknown): value is string {
  return typeof value === 'string' && (CODE.test(value) || MESSAGE_CODE.test(value) || SENTENCES.has(value));
}

function isNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

export function sanitizeUpstreamBody(body: unknown): Record<string, unknown> | null {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return null;
  const source = body as Record<string, unknown>;
  if (typeof source.status !== 'string' || !STATUSES.has(source.status)) return null;
  const out: Record<string, unknown> = { status: source.status };
  if ('messageCode' in source) out.messageCode = isCode(source.messageCode) ? source.messageCode : null;
  if ('message' in source && source.message !== null) out.message = isCode(source.message) ? source.message : 'UNEXPECTED_ERROR';
  else if ('message' in source) out.message = null;
  if (typeof source.journeyId === 'string' && isPlausibleJourneyId(source.journeyId)) out.journeyId = source.journeyId;
  for (const key of ['probability', 'score', 'quality'] as const) if (isNumber(source[key])) out[key] = source[key];
  return out;
}
