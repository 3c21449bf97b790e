import { sanitizeUpstreamBody, type UpstreamBody } from './sanitize.ts';

/** An upstream answer larger than this is not an OkayLive answer. */
const MAX_UPSTREAM_BODY = 64 * 1024;

export type Failure = 'timeout' | 'network' | 'not_json' | 'too_large' | 'upstream_5xx' | 'upstream_auth' | 'bad_shape';

export type Call = { ok: true; status: number; body: UpstreamBody } | { ok: false; failure: Failure; error?: unknown };

async function readBounded(response: Response): Promise<string | null> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_UPSTREAM_BODY) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * One call to Innov8tif, abandoned after `timeoutMs` (or when `signal` aborts). Every way it
 * can fail becomes a Failure kind; nothing of the upstream's own words survives.
 */
export async function callUpstream(
  url: string,
  init: RequestInit,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<Call> {
  const timeout = AbortSignal.timeout(timeoutMs);
  let response: Response;
  let text: string | null;
  try {
    response = await fetch(url, {
      ...init,
      redirect: 'error',
      signal: signal ? AbortSignal.any([timeout, signal]) : timeout,
    });
    text = await readBounded(response);
  } catch (error) {
    return { ok: false, failure: timeout.aborted ? 'timeout' : 'network', error };
  }
  if (text === null) return { ok: false, failure: 'too_large' };
  if (response.status === 401 || response.status === 403 || response.status === 407)
    return { ok: false, failure: 'upstream_auth' };
  if (response.status >= 500) return { ok: false, failure: 'upstream_5xx' };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, failure: 'not_json' };
  }
  const body = sanitizeUpstreamBody(json);
  if (!body) return { ok: false, failure: 'bad_shape' };
  return { ok: true, status: response.status, body };
}
