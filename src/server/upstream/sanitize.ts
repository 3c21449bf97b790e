import { FACE_CODES, GENERAL_CODES } from '../../core/api/contract.ts';
import { isPlausibleJourneyId } from '../upload/journey-id.ts';

/**
 * Only these fields of an upstream answer reach the browser, and only in the shapes the
 * contract gives them. Codes are checked against the contract's own list, not a pattern: a
 * gateway's internal identifiers (a Java exception class, a pool name) look just like codes.
 * Anything else becomes UNEXPECTED_ERROR: the browser learns that something failed, never
 * what the gateway said about itself.
 */
const STATUSES = new Set(['success', 'error', 'Internal Server Error']);
/** The success marker the vendor puts in `messageCode` (okaylive) and `message` (journeyid). */
export const SUCCESS_CODE = 'api.success';
/** The two errors the vendor writes as sentences. */
const SENTENCES = ['Request size exceed 5MB', 'Failed to decode image'];
const KNOWN: ReadonlySet<string> = new Set<string>([SUCCESS_CODE, ...FACE_CODES, ...GENERAL_CODES, ...SENTENCES]);

function isKnownCode(value: unknown): value is string {
  return typeof value === 'string' && KNOWN.has(value);
}

function isNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/** An upstream answer cut down to the contract's fields. */
export interface UpstreamBody {
  status: string;
  messageCode?: string | null;
  message?: string | null;
  journeyId?: string;
  probability?: number;
  score?: number;
  quality?: number;
}

export function sanitizeUpstreamBody(body: unknown): UpstreamBody | null {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return null;
  const source = body as Record<string, unknown>;
  if (typeof source.status !== 'string' || !STATUSES.has(source.status)) return null;
  const out: UpstreamBody = { status: source.status };
  if ('messageCode' in source) out.messageCode = isKnownCode(source.messageCode) ? source.messageCode : null;
  if ('message' in source && source.message !== null)
    out.message = isKnownCode(source.message) ? source.message : 'UNEXPECTED_ERROR';
  else if ('message' in source) out.message = null;
  if (typeof source.journeyId === 'string' && isPlausibleJourneyId(source.journeyId)) out.journeyId = source.journeyId;
  for (const key of ['probability', 'score', 'quality'] as const) {
    const value = source[key];
    if (isNumber(value)) out[key] = value;
  }
  return out;
}
