/**
 * Starts the detector's downloads (WASM, model JSON and weights) at once and in parallel,
 * instead of one after the other as Human and tfjs ask for them (WASM, compile, JSON, then
 * weights): on a phone's link that saves the round trips and the compile time between them.
 * Human and tfjs fetch through the worker's global fetch, so that is where the responses are
 * handed over: the first fetch of a prefetched URL gets the prefetched response, any other
 * fetch goes to the network as before. Only this worker's own global scope is touched.
 */
/** The global whose fetch is wrapped: the worker's own (a stand-in in tests). */
export interface FetchScope {
  fetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response>;
}

function urlOf(input: RequestInfo | URL): string {
  if (typeof input === 'string') return input;
  return input instanceof URL ? input.href : input.url;
}

export function prefetch(urls: readonly string[], scope: FetchScope = globalThis): void {
  const network = scope.fetch.bind(scope);
  const waiting = new Map<string, Promise<Response>>();
  for (const url of urls) {
    const response = network(url, { credentials: 'same-origin' });
    // A failure is the consumer's to see, when it asks; never an unhandled rejection before.
    response.catch(() => undefined);
    waiting.set(url, response);
  }
  scope.fetch = (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = urlOf(input);
    const early = waiting.get(url);
    if (!early) return network(input, init);
    waiting.delete(url);
    return early;
  };
}
