import { HANDOFF_HEADER as CLIENT_HANDOFF_HEADER } from '../../core/handoff/types.ts';

/** The handoff's routes, methods, error codes and limits, as the browser side knows them too. */

/** No handoff has this token, code or key (or it expired before it was claimed). */
export const HANDOFF_NOT_FOUND = 'HANDOFF_NOT_FOUND';
/** The handoff was cancelled or is done: its token, code and phone key no longer work. */
export const HANDOFF_CLOSED = 'HANDOFF_CLOSED';
/** Another phone (or this link, used before) already holds the handoff. */
export const HANDOFF_TAKEN = 'HANDOFF_TAKEN';

/** The upload's header naming the phone's key (Node lower-cases header names): the upload then belongs to that handoff's journey. */
export const HANDOFF_HEADER = CLIENT_HANDOFF_HEADER.toLowerCase();

/** Handoffs one client may create per minute (token bucket, shared across instances with Redis). */
export const CREATE_PER_MINUTE = 10;
/** Claims one client may make per minute, each one a guess at a code: 40 bits stay out of reach. */
export const CLAIM_PER_MINUTE = 20;

/** Event streams one client may hold open at once, on one instance; one more is refused (429). */
export const EVENT_STREAMS_PER_CLIENT = 4;
/** The Retry-After of that refusal, in seconds: a slot frees as soon as one of its streams ends. */
export const EVENT_STREAMS_RETRY_AFTER_S = 5;

/** Route paths under the API prefix, with their method. */
export const HANDOFF_METHODS: Readonly<Record<string, 'GET' | 'POST'>> = {
  '/handoff': 'POST',
  '/handoff/claim': 'POST',
  '/handoff/phone': 'POST',
  '/handoff/status': 'GET',
  '/handoff/events': 'GET',
  '/handoff/cancel': 'POST',
};

/** The phone page's name in the routing table and the log line (no API path can be it). */
export const PAGE_ROUTE = 'page';
