import { isApiError } from '../core/api/errors.ts';
import type { WidgetError } from '../core/session/types.ts';

/** Anything thrown on the API path, as the plain value the store and the host receive. */
export function apiFailure(error: unknown): WidgetError {
  if (isApiError(error)) {
    const value: WidgetError = { code: error.code, source: 'api', retryable: error.retryable };
    if (error.status !== undefined) value.status = error.status;
    if (error.retryAfterMs !== undefined) value.retryAfterMs = error.retryAfterMs;
    return value;
  }
  return { code: 'UNEXPECTED_ERROR', source: 'api', retryable: true };
}
