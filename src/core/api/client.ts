import {
  IMAGE_FILENAME,
  PART_IMAGE,
  PART_JOURNEY,
  isFaceCode,
  isVerdictOnlySuccess,
  toContractCode,
  type FaceCode,
  type OkayLiveSuccess,
} from './contract.ts';
import { anySignal } from './abort.ts';
import { answersOpaquely, isCrossOrigin, pageOrigin } from './cross-origin.ts';
import { OkayLiveApiError } from './errors.ts';
import { verdictFromFaceCode, verdictFromOutcome, verdictFromSuccess, type Verdict } from './verdict.ts';

export const DEFAULT_API_BASE_URL = '/api/ekyc';
export const DEFAULT_TIMEOUT_MS = 30_000;

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

export interface ClientOptions {
  /** Where the host's backend (or our proxy) exposes `/journeyid` and `/okaylive`. */
  apiBaseUrl?: string;
  /** Extra headers for hosts whose backend wants its own session token or CSRF header. */
  headers?: Record<string, string>;
  credentials?: RequestCredentials;
  fetch?: FetchLike;
  timeoutMs?: number;
  /** Whether the device believes it is online; `navigator.onLine` by default. */
  isOnline?: () => boolean;
  /** The page's origin, to tell a refused cross-origin request (CROSS_ORIGIN_REFUSED); `location.origin` by default. */
  pageOrigin?: string;
}

export interface LivenessRequest {
  imageBest: Blob;
  journeyId: string;
}

export interface OkayLiveClient {
  readonly apiBaseUrl: string;
  createJourney(signal?: AbortSignal): Promise<string>;
  checkLiveness(request: LivenessRequest, signal?: AbortSignal): Promise<Verdict>;
}

export function createOkayLiveClient(options: ClientOptions = {}): OkayLiveClient {
  const apiBaseUrl = (options.apiBaseUrl ?? DEFAULT_API_BASE_URL).replace(/\/+$/, '');
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const isOnline = options.isOnline ?? browserOnline;
  const origin = options.pageOrigin ?? pageOrigin();

  /** The code for a request that failed before any response (see cross-origin.ts). */
  async function unanswered(
    url: string,
    doFetch: FetchLike,
  ): Promise<'OFFLINE' | 'NETWORK_ERROR' | 'CROSS_ORIGIN_REFUSED'> {
    if (!isOnline()) return 'OFFLINE';
    if (isCrossOrigin(url, origin) && (await answersOpaquely(doFetch, url))) return 'CROSS_ORIGIN_REFUSED';
    return 'NETWORK_ERROR';
  }

  async function post(path: string, body: BodyInit | undefined, signal?: AbortSignal): Promise<Reply> {
    const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
    // `onLine === false` is reliable (true is not): fail at once instead of waiting on a dead link.
    if (!isOnline()) throw new OkayLiveApiError({ code: 'OFFLINE' });
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(), timeoutMs);
    const combined = signal ? anySignal([signal, timeout.signal]) : timeout.signal;
    const init: RequestInit = {
      method: 'POST',
      headers: { Accept: 'application/json', ...options.headers },
      signal: combined,
    };
    if (body !== undefined) init.body = body;
    if (options.credentials) init.credentials = options.credentials;
    const url = `${apiBaseUrl}${path}`;
    let response: Response;
    try {
      response = await doFetch(url, init);
    } catch (cause) {
      clearTimeout(timer);
      throwIfAborted(cause, timeout.signal, signal);
      const code = await unanswered(url, doFetch);
      const detail =
        code === 'CROSS_ORIGIN_REFUSED'
          ? `${url} answered, but the browser kept the answer from this page (${origin ?? 'its origin'}): the backend's CORS headers must allow this origin (for the bundled server, OKAYLIVE_ALLOWED_ORIGINS), also on its error pages. ${String(cause)}`
          : String(cause);
      throw new OkayLiveApiError({ code, cause, detail });
    }
    try {
      return await readJson(response);
    } catch (cause) {
      if (cause instanceof OkayLiveApiError) throw cause;
      throwIfAborted(cause, timeout.signal, signal);
      throw new OkayLiveApiError({ code: isOnline() ? 'NETWORK_ERROR' : 'OFFLINE', cause, detail: String(cause) });
    } finally {
      clearTimeout(timer);
    }
  }

  return {
    apiBaseUrl,

    async createJourney(signal) {
      // No body: the server side holds the Innov8tif credentials, never the browser.
      const reply = await post('/journeyid', undefined, signal);
      const journeyId = reply.kind === 'success' ? reply.body.journeyId : undefined;
      if (typeof journeyId !== 'string' || journeyId.length === 0) {
        throw new OkayLiveApiError({ code: 'INVALID_RESPONSE', detail: 'journeyId missing' });
      }
      return journeyId;
    },

    async checkLiveness({ imageBest, journeyId }, signal) {
      const form = new FormData();
      form.append(PART_IMAGE, imageBest, IMAGE_FILENAME);
      form.append(PART_JOURNEY, journeyId);
      return verdictOf(await post('/okaylive', form, signal));
    },
  };
}

/**
 * The verdict (or the typed error) an upload's answer means, read the way the client reads
 * its own: for an answer relayed from elsewhere (the phone of a handoff).
 */
export async function readVerdict(response: Response): Promise<Verdict> {
  return verdictOf(await readJson(response));
}

function verdictOf(reply: Reply): Verdict {
  if (reply.kind === 'face') return verdictFromFaceCode(reply.code);
  // A backend that keeps the figures to itself (verdict-only) sends the outcome alone.
  if (isVerdictOnlySuccess(reply.body)) return verdictFromOutcome(reply.body.outcome);
  if (!isSuccess(reply.body)) {
    throw new OkayLiveApiError({ code: 'INVALID_RESPONSE', detail: 'success body lacks probability/quality/score' });
  }
  return verdictFromSuccess(reply.body);
}

/**
 * An abort surfaces as whatever the fetch or the body read was doing (a TypeError, a DOMException):
 * our deadline and the caller's own abort are told apart first, so neither reads as a network fault.
 */
function throwIfAborted(cause: unknown, deadline: AbortSignal, caller: AbortSignal | undefined): void {
  if (deadline.aborted) throw new OkayLiveApiError({ code: 'TIMEOUT', cause });
  if (caller?.aborted) throw new OkayLiveApiError({ code: 'ABORTED', cause });
}

type Reply = { kind: 'success'; body: Record<string, unknown> } | { kind: 'face'; code: FaceCode };

/**
 * Reads a response whatever its HTTP status: the service may put an error in a 200 and a
 * usable error code in a 400, so the body decides, the status only breaks ties.
 */
async function readJson(response: Response): Promise<Reply> {
  const text = await response.text();
  let body: unknown;
  try {
    body = text.length ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  if (response.ok && isRecord(body) && body.status === 'success') return { kind: 'success', body };

  const code = isRecord(body) ? (toContractCode(body.message) ?? toContractCode(body.messageCode)) : undefined;
  if (code !== undefined && isFaceCode(code)) return { kind: 'face', code };
  const retryAfterMs = parseRetryAfter(response.headers.get('Retry-After'));
  const status = response.status;
  // Said to developers only (error.message), never shown: the page of a proxy, a gateway or an SPA fallback.
  const detail = isRecord(body)
    ? undefined
    : looksLikeHtml(response, text)
      ? `HTML page instead of JSON (HTTP ${status}): a proxy or gateway answered, or apiBaseUrl is wrong`
      : `body is not JSON (HTTP ${status})`;
  if (code !== undefined) throw new OkayLiveApiError({ code, status, retryAfterMs });
  if (status === 429) throw new OkayLiveApiError({ code: 'RATE_LIMITED', status, retryAfterMs, detail });
  if (status === 413) throw new OkayLiveApiError({ code: 'PAYLOAD_TOO_LARGE', status, detail });
  if (status === 503) throw new OkayLiveApiError({ code: 'SERVICE_UNAVAILABLE', status, retryAfterMs, detail });
  if (!response.ok) throw new OkayLiveApiError({ code: 'HTTP_ERROR', status, retryAfterMs, detail });
  if (!isRecord(body)) throw new OkayLiveApiError({ code: 'INVALID_RESPONSE', status, detail });
  // A 200 whose status is not success and whose message we do not know.
  throw new OkayLiveApiError({ code: 'UNEXPECTED_ERROR', status, detail: safeDetail(body) });
}

function looksLikeHtml(response: Response, text: string): boolean {
  return /html/i.test(response.headers.get('Content-Type') ?? '') || /^\s*</.test(text);
}

/** `navigator.onLine`, where only `false` is believed; online wherever there is no navigator. */
export function browserOnline(): boolean {
  return typeof navigator === 'undefined' || navigator.onLine !== false;
}

function isSuccess(body: unknown): body is OkayLiveSuccess {
  return (
    isRecord(body) &&
    body.status === 'success' &&
    isUnit(body.probability) &&
    isUnit(body.quality) &&
    typeof body.score === 'number' &&
    Number.isFinite(body.score)
  );
}

function isUnit(value: unknown): value is number {
  return typeof value === 'number' && value >= 0 && value <= 1;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function safeDetail(body: Record<string, unknown>): string {
  return JSON.stringify({ status: body.status, message: body.message }).slice(0, 200);
}

/** Retry-After is either delta-seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
