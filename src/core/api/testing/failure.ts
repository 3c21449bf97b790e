import { OkayLiveApiError } from '../errors.ts';

/** The API error a call rejects with; anything else (or no rejection) fails the test. */
export async function failure(promise: Promise<unknown>): Promise<OkayLiveApiError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof OkayLiveApiError) return error;
    throw error;
  }
  throw new Error('expected a rejection');
}
