import { describe, expect, it } from 'vitest';
import { prefetch, type FetchScope } from './worker-prefetch.ts';

/** A scope whose network answers each URL with its own name, counting the requests. */
function scope(failing: readonly string[] = []) {
  const asked: string[] = [];
  const s: FetchScope = {
    fetch(input) {
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
      asked.push(url);
      return failing.includes(url)
        ? Promise.reject(new TypeError(`network error: ${url}`))
        : Promise.resolve(new Response(url));
    },
  };
  return { s, asked };
}

const A = 'http://x/a.wasm';
const B = 'http://x/b.json';

describe('prefetching the detector stage', () => {
  it.each<[string, string[], string[], string[]]>([
    // name, prefetched, then fetched in order, network requests in all
    ['each prefetched file is downloaded once, at once', [A, B], [B, A], [A, B]],
    ['a second fetch of the same file goes to the network', [A], [A, A], [A, A]],
    ['files not prefetched go to the network as before', [A], [B], [A, B]],
    ['nothing prefetched: nothing changes', [], [A], [A]],
  ])('%s', async (_name, early, later, requests) => {
    const { s, asked } = scope();
    prefetch(early, s);
    expect(asked).toEqual(early);
    for (const url of later) expect(await (await s.fetch(url)).text()).toBe(url);
    expect(asked).toEqual(requests);
  });

  it('a failed prefetch fails the fetch that asks for it, and no sooner', async () => {
    const { s } = scope([A]);
    prefetch([A], s);
    await new Promise((r) => setTimeout(r, 0));
    await expect(s.fetch(A)).rejects.toThrow(/network error/);
  });
});
