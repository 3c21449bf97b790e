import { describe, expect, it } from 'vitest';
import { recordingFetcher, type Decode, type ExchangeEntry } from './recordingFetcher.ts';

const decode: Decode = async (blob) => {
  if (blob.type !== 'image/jpeg') throw new DOMException('not an image', 'InvalidStateError');
  return { width: 810, height: 1080 };
};

function settle(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 10));
}

describe('recordingFetcher: the console’s request log from the public fetcher prop', () => {
  it('records the multipart parts, the image size, the status, the latency and the raw body; the caller gets the body untouched', async () => {
    const entries: ExchangeEntry[] = [];
    const body = '{"status":"success","messageCode":"api.success","probability":0.99,"score":4.6,"quality":0.8}';
    const fetcher = recordingFetcher(
      (e) => entries.push(e),
      async () => new Response(body, { status: 200 }),
      decode,
    );
    const form = new FormData();
    form.append('imageBest', new Blob([new Uint8Array(5000)], { type: 'image/jpeg' }), 'selfie.jpg');
    form.append('journeyId', 'j-123');
    const response = await fetcher('/api/ekyc/okaylive', { method: 'POST', body: form });
    expect(await response.text()).toBe(body);
    await settle();
    const last = entries.at(-1);
    expect(last).toMatchObject({ id: 1, method: 'POST', url: '/api/ekyc/okaylive', status: 200, body, failure: null });
    expect(last?.latencyMs).toBeGreaterThanOrEqual(0);
    expect(last?.parts).toEqual([
      {
        name: 'imageBest',
        kind: 'file',
        size: 5000,
        filename: 'selfie.jpg',
        contentType: 'image/jpeg',
        image: { width: 810, height: 1080 },
      },
      { name: 'journeyId', kind: 'text', size: 5, value: 'j-123' },
    ]);
    // Published first while waiting, so the log shows a request in flight.
    expect(entries[0]).toMatchObject({ status: 0, body: null });
  });

  it('records an undecodable file and a request without a body', async () => {
    const entries: ExchangeEntry[] = [];
    const fetcher = recordingFetcher(
      (e) => entries.push(e),
      async () =>
        new Response('<html>502</html>', { status: 502, headers: { 'Content-Type': 'text/html', 'Retry-After': '7' } }),
      decode,
    );
    const form = new FormData();
    form.append('imageBest', new Blob(['text'], { type: 'text/plain' }), 'notes.txt');
    const answer = await fetcher('/api/ekyc/okaylive', { method: 'POST', body: form });
    // What the widget reads is the answer as it came: status, headers, body.
    expect([
      answer.status,
      answer.headers.get('Retry-After'),
      answer.headers.get('Content-Type'),
      await answer.text(),
    ]).toEqual([502, '7', 'text/html', '<html>502</html>']);
    await fetcher('/api/ekyc/journeyid', { method: 'POST' });
    await settle();
    const upload = entries.filter((e) => e.id === 1).at(-1);
    expect(upload?.parts[0]?.image).toEqual({ error: 'InvalidStateError' });
    expect(upload).toMatchObject({ status: 502, body: '<html>502</html>' });
    expect(entries.filter((e) => e.id === 2).at(-1)).toMatchObject({
      url: '/api/ekyc/journeyid',
      parts: [],
      status: 502,
    });
  });

  it('records a failed request and still throws it to the widget', async () => {
    const entries: ExchangeEntry[] = [];
    const fetcher = recordingFetcher(
      (e) => entries.push(e),
      async () => {
        throw new TypeError('Failed to fetch');
      },
      decode,
    );
    await expect(fetcher('/api/ekyc/journeyid', { method: 'POST' })).rejects.toThrow('Failed to fetch');
    expect(entries.at(-1)).toMatchObject({ status: 0, failure: 'TypeError: Failed to fetch' });
  });
});
