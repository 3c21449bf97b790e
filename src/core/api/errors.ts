import type { GeneralCode } from './contract.ts';

/**
 * Transport-level failures the client itself detects, next to the codes the service
 * sends. The UI maps every code to a catalogue message; nothing shows raw server text.
 */
export type TransportCode =
  | 'OFFLINE'
  | 'NETWORK_ERROR'
  | 'CROSS_ORIGIN_REFUSED'
  | 'TIMEOUT'
  | 'ABORTED'
  | 'HTTP_ERROR'
  | 'INVALID_RESPONSE'
  | 'RATE_LIMITED'
  | 'SERVICE_UNAVAILABLE';

/** Face codes never appear here: the client turns them into a retake verdict. */
export type ApiErrorCode = TransportCode | GeneralCode;

export interface ApiErrorInit {
  code: ApiErrorCode;
  /** HTTP status when a response arrived. */
  status?: number;
  /** How long the server asked us to wait (Retry-After), in milliseconds. */
  retryAfterMs?: number;
  /** Developer-facing detail; never rendered as HTML, never shown instead of the catalogue text. */
  detail?: string;
  cause?: unknown;
}

/** The single error type the API client rejects with. */
export class OkayLiveApiError extends Error {
  readonly code: ApiErrorCode;
  readonly status: number | undefined;
  readonly retryAfterMs: number | undefined;

  constructor(init: ApiErrorInit) {
    super(init.detail ?? init.code, { cause: init.cause });
    this.name = 'OkayLiveApiError';
    this.code = init.code;
    this.status = init.status;
    this.retryAfterMs = init.retryAfterMs;
  }

  /**
   * Whether sending the same image again can succeed. A retake is a verdict, not an
   * error, so face codes never reach here; these are failures of the path, not the image.
   */
  get retryable(): boolean {
    return isRetryableCode(this.code, this.status);
  }
}

const RETRYABLE: ReadonlySet<ApiErrorCode> = new Set<ApiErrorCode>([
  'OFFLINE',
  'NETWORK_ERROR',
  // Often a misconfiguration, but a gateway's error page without CORS headers reads the same.
  'CROSS_ORIGIN_REFUSED',
  'TIMEOUT',
  'RATE_LIMITED',
  'SERVICE_UNAVAILABLE',
  'UNEXPECTED_ERROR',
  'INVALID_RESPONSE',
  // The request lost a part on the way (a proxy rewriting multipart): the image itself is fine.
  'MISSING_ARGUMENTS',
  // Quota and key problems clear on the service's side; a new selfie would not help.
  'MAX_API_CALL_EXCEEDED',
  'MAX_JOURNEY_EXCEEDED',
  'API_KEY_EXPIRED',
  'INVALID_API_KEY',
]);

export function isRetryableCode(code: ApiErrorCode, status?: number): boolean {
  if (RETRYABLE.has(code)) return true;
  return code === 'HTTP_ERROR' && status !== undefined && (status >= 500 || status === 408 || status === 429);
}

/** Codes that say the image itself cannot be used: the only API failures that ask for a new capture. */
const IMAGE_CODES: ReadonlySet<ApiErrorCode> = new Set<ApiErrorCode>([
  'UNRECOGNIZED_IMAGE',
  'UNRESOLVED_PIC_CONTENT',
  'FAILED_TO_DECODE_IMAGE',
]);

export function isImageCode(code: string): boolean {
  return IMAGE_CODES.has(code as ApiErrorCode);
}

/** The image was refused for its size by the service or a proxy on the way. */
export function isTooLargeCode(code: string): boolean {
  return code === 'PAYLOAD_TOO_LARGE' || code === 'REQUEST_TOO_LARGE';
}

export function isApiError(value: unknown): value is OkayLiveApiError {
  return value instanceof OkayLiveApiError;
}
