/**
 * What a journeyId may look like before we use it: OkayLive issues UUID-like ids. Anything
 * else (over-long, control characters, slashes or dots that could steer a path, spaces that
 * could split a log line) is refused as INVALID_JOURNEY_ID without a lookup or an upstream call.
 */
export const JOURNEY_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

export function isPlausibleJourneyId(value: string): boolean {
  return JOURNEY_ID_PATTERN.test(value);
}
