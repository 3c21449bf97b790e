import type { GeneralCode } from './contract.ts';

/**
 * Transport-level failures the client itself detects, next to the codes the service
 * sends. The UI maps every code to a catalogue message; nothing shows raw server text.
 */
export type TransportCode =
  | 'NETWORK_ERROR'
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
  'NETWORK_ERROR',
  'TIMEOUT',
  'RATE_LIMITED',
  'SERVICE_UNAVAILABLE',
  'UNEXPECTED_ERROR',
  'INVALID_RESPONSE',
]);

export function isRetryableCode(code: ApiErrorCode, status?: number): boolean {
  if (RETRYABLE.has(code)) return true;
  return code === 'HTTP_ERROR' && status !== undefined && status >= 500;
}

export function isApiError(value: unknown): value is OkayLiveApiError {
  return value instanceof OkayLiveApiError;
}
