import { describe, expect, it } from 'vitest';
import { createOkayLiveClient, type FetchLike } from './client.ts';
import { answersOpaquely, isCrossOrigin } from './cross-origin.ts';
import { failure } from './testing/failure.ts';

const PAGE = 'https://bank.example';

describe('which API addresses are on another origin', () => {
  it.each<[string, string | undefined, boolean]>([
    ['/api/ekyc/journeyid', PAGE, false],
    ['https://bank.example/api/ekyc/journeyid', PAGE, false],
    ['https://api.bank.example/ekyc/journeyid', PAGE, true],
    ['http://bank.example/api/ekyc/journeyid', PAGE, true],
    ['https://bank.example:8443/api/ekyc/journeyid', PAGE, true],
    ['https://api.bank.example/ekyc/journeyid', undefined, false],
  ])('%s from %s → %s', (url, origin, expected) => {
    expect(isCrossOrigin(url, origin)).toBe(expected);
  });
});

/** A browser's fetch as the page sees it: the POST refused, the no-cors question answered as `probe` says. */
function browser(probe: 'opaque' | 'unreachable'): FetchLike & { asked: RequestInit[] } {
  const asked: RequestInit[] = [];
  const fetch = (async (_url: string, init: RequestInit) => {
    asked.push(init);
    if (init.mode === 'no-cors' && probe === 'opaque') return opaque();
    throw new TypeError('Failed to fetch');
  }) as FetchLike & { asked: RequestInit[] };
  fetch.asked = asked;
  return fetch;
}

/** What a browser hands back for a no-cors answer: type "opaque", status 0. */
function opaque(): Response {
  const response = new Response(null, { status: 200 });
  Object.defineProperty(response, 'type', { value: 'opaque' });
  Object.defineProperty(response, 'status', { value: 0 });
  return response;
}

describe('a request refused before any response', () => {
  it('to another origin that answers: CROSS_ORIGIN_REFUSED, retryable, the fix in the detail', async () => {
    const fetch = browser('opaque');
    const client = createOkayLiveClient({
      apiBaseUrl: 'https://api.bank.example/ekyc',
      fetch,
      pageOrigin: PAGE,
      isOnline: () => true,
    });
    const error = await failure(client.createJourney());
    expect(error.code).toBe('CROSS_ORIGIN_REFUSED');
    expect(error.retryable).toBe(true);
    expect(error.message).toContain('OKAYLIVE_ALLOWED_ORIGINS');
    expect(error.message).toContain(PAGE);
    // The question asked nothing of the route: a HEAD, no credentials.
    expect(fetch.asked[1]).toMatchObject({ method: 'HEAD', mode: 'no-cors', credentials: 'omit' });
  });

  it('to another origin where nothing answers: NETWORK_ERROR', async () => {
    const client = createOkayLiveClient({
      apiBaseUrl: 'https://api.bank.example/ekyc',
      fetch: browser('unreachable'),
      pageOrigin: PAGE,
      isOnline: () => true,
    });
    expect((await failure(client.createJourney())).code).toBe('NETWORK_ERROR');
  });

  it('to the page origin: NETWORK_ERROR, and no question asked', async () => {
    const fetch = browser('opaque');
    const client = createOkayLiveClient({ apiBaseUrl: '/api/ekyc', fetch, pageOrigin: PAGE, isOnline: () => true });
    expect((await failure(client.createJourney())).code).toBe('NETWORK_ERROR');
    expect(fetch.asked).toHaveLength(1);
  });

  it('while offline: OFFLINE, and no question asked', async () => {
    let online = true;
    const fetch = browser('opaque');
    const dropping: FetchLike = (url, init) => {
      online = false;
      return fetch(url, init);
    };
    const client = createOkayLiveClient({
      apiBaseUrl: 'https://api.bank.example/ekyc',
      fetch: dropping,
      pageOrigin: PAGE,
      isOnline: () => online,
    });
    expect((await failure(client.createJourney())).code).toBe('OFFLINE');
    expect(fetch.asked).toHaveLength(1);
  });
});

describe('the question itself', () => {
  it('gives up after its timeout: a hanging link is not an answer', async () => {
    const hanging: FetchLike = (_url, init) =>
      new Promise((_resolve, reject) =>
        init.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))),
      );
    expect(await answersOpaquely(hanging, 'https://api.bank.example/ekyc/journeyid', 20)).toBe(false);
  });
});
