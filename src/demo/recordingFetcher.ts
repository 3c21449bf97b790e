import type { FetchLike } from '../core/index.ts';

/** One multipart part as it left the browser. */
export interface SentPart {
  name: string;
  kind: 'file' | 'text';
  /** Bytes of a file, characters of a text value. */
  size: number;
  filename?: string;
  contentType?: string;
  /** Text parts only (the journeyId). */
  value?: string;
  /** Decoded from the file itself, once known. */
  image?: { width: number; height: number } | { error: string };
}

export interface ExchangeEntry {
  id: number;
  method: string;
  /** The path called: apiBaseUrl plus the route. */
  url: string;
  /** `Date.now()` when sent. */
  sentAt: number;
  parts: SentPart[];
  /** HTTP status; 0 while waiting or when the request failed. */
  status: number;
  /** From sending to the whole body received, ms. */
  latencyMs: number | null;
  /** The response body exactly as received. */
  body: string | null;
  /** Why no response came (network error, abort, timeout). */
  failure: string | null;
}

export type Decode = (blob: Blob) => Promise<{ width: number; height: number; close?: () => void }>;

const browserDecode: Decode = (blob) => createImageBitmap(blob);

/**
 * A `fetcher` for the widget that records each exchange and hands it on unchanged: the
 * console's request log comes from the same `fetcher` prop any host can pass. Image sizes are
 * decoded from the file part itself, after the request has left, so the request is never delayed;
 * the answer is read once and handed on as an identical Response.
 */
export function recordingFetcher(
  onEntry: (entry: ExchangeEntry) => void,
  inner: FetchLike = (input, init) => fetch(input, init),
  decode: Decode = browserDecode,
): FetchLike {
  let next = 1;
  return async (input, init) => {
    const entry: ExchangeEntry = {
      id: next++,
      method: init.method ?? 'GET',
      url: input,
      sentAt: Date.now(),
      parts: describeBody(init.body),
      status: 0,
      latencyMs: null,
      body: null,
      failure: null,
    };
    const publish = (patch: Partial<ExchangeEntry>) => {
      Object.assign(entry, patch);
      onEntry({ ...entry, parts: entry.parts.map((p) => ({ ...p })) });
    };
    publish({});
    void decodeImages(init.body, entry.parts, decode).then(() => publish({}));
    const started = performance.now();
    let response: Response;
    let body: string;
    try {
      response = await inner(input, init);
      // Read here, then hand the widget an identical copy: a clone's body would be cut off by
      // the widget aborting its request signal once it has read its own.
      body = await response.text();
    } catch (error) {
      publish({
        failure: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
        latencyMs: Math.round(performance.now() - started),
      });
      throw error;
    }
    publish({ status: response.status, body, latencyMs: Math.round(performance.now() - started) });
    return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
  };
}

function describeBody(body: RequestInit['body']): SentPart[] {
  if (!(body instanceof FormData)) return [];
  return [...body.entries()].map(([name, value]) =>
    typeof value === 'string'
      ? { name, kind: 'text', size: value.length, value }
      : { name, kind: 'file', size: value.size, filename: value.name, contentType: value.type },
  );
}

async function decodeImages(body: RequestInit['body'], parts: SentPart[], decode: Decode): Promise<void> {
  if (!(body instanceof FormData)) return;
  const files = [...body.entries()];
  await Promise.all(
    files.map(async ([, value], index) => {
      const part = parts[index];
      if (typeof value === 'string' || !part) return;
      try {
        const bitmap = await decode(value);
        part.image = { width: bitmap.width, height: bitmap.height };
        bitmap.close?.();
      } catch (error) {
        part.image = { error: error instanceof Error ? error.name : 'undecodable' };
      }
    }),
  );
}
