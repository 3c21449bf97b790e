import type { Page, Request } from '@playwright/test';
import { expect, test } from './support/fixtures.ts';
import { errorOf, imageOf, recordStates, takeSelfie } from './support/faults.ts';

/** Security of the capture flow: where the image may go, and what the widget may say. */

test.beforeEach(async ({ page }) => {
  test.setTimeout(150_000);
  await recordStates(page);
});

/**
 * Spies installed before any page script: every storage write, IndexedDB write and console
 * call is recorded with a description of its arguments (size, JPEG or not), never the data.
 */
async function spyOnSinks(page: Page): Promise<void> {
  await page.addInitScript(() => {
    type Seen = { sink: string; size: number; jpeg: boolean; text: string };
    const seen: Seen[] = [];
    (window as unknown as { __sinks: Seen[] }).__sinks = seen;
    const describe = (sink: string, value: unknown) => {
      let text = '';
      let jpeg = false;
      let size = 0;
      if (typeof value === 'string') {
        text = value;
        size = value.length;
        // Base64 of a JPEG starts "/9j/"; a data URL names its type.
        jpeg = /\/9j\/4|data:image\//.test(value);
      } else if (value instanceof Blob) {
        size = value.size;
        jpeg = value.type.startsWith('image/');
      } else if (value instanceof ArrayBuffer || ArrayBuffer.isView(value)) {
        const bytes =
          value instanceof ArrayBuffer
            ? new Uint8Array(value)
            : new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
        size = bytes.length;
        jpeg = bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
      } else {
        try {
          text = JSON.stringify(value) ?? '';
        } catch {
          text = String(value);
        }
        size = text.length;
        jpeg = /\/9j\/4|data:image\//.test(text);
      }
      seen.push({ sink, size, jpeg, text: text.slice(0, 120) });
    };
    for (const store of [localStorage, sessionStorage]) {
      const name = store === localStorage ? 'localStorage' : 'sessionStorage';
      const setItem = store.setItem.bind(store);
      store.setItem = (key: string, value: string) => {
        describe(name, value);
        setItem(key, value);
      };
    }
    for (const method of ['put', 'add'] as const) {
      const original = IDBObjectStore.prototype[method];
      IDBObjectStore.prototype[method] = function (this: IDBObjectStore, value: unknown, key?: IDBValidKey) {
        describe(`indexedDB.${method}`, value);
        return original.call(this, value, key);
      };
    }
    for (const level of ['log', 'info', 'warn', 'error', 'debug', 'dir', 'table'] as const) {
      const original = console[level].bind(console);
      console[level] = (...args: unknown[]) => {
        for (const arg of args) describe(`console.${level}`, arg);
        original(...args);
      };
    }
  });
}

test('the image goes to the configured API only: not to storage, IndexedDB, the console or any other URL', async ({
  page,
  uploads,
}) => {
  await spyOnSinks(page);
  const requests: Request[] = [];
  // Intercepted (and let through), every request's body is readable, file parts included.
  await page.route('**', (route) => {
    requests.push(route.request());
    return route.continue();
  });
  await page.goto('/');
  await takeSelfie(page);
  const widget = page.locator('.okl-root');
  await expect(widget).toHaveAttribute('data-state', 'result', { timeout: 60_000 });
  const [sent] = await uploads();
  const image = sent?.parts.imageBest?.bytes;
  expect(image?.length).toBeGreaterThan(10_000);
  if (!image) return;

  const sinks = await page.evaluate(
    () => (window as unknown as { __sinks: Array<{ sink: string; size: number; jpeg: boolean }> }).__sinks,
  );
  expect(sinks.filter((s) => s.jpeg)).toEqual([]);
  expect(sinks.filter((s) => !s.sink.startsWith('indexedDB') && s.size >= image.length / 2)).toEqual([]);

  const origin = new URL(page.url()).origin;
  const fingerprint = image.subarray(200, 264).toString('base64');
  const carriers: string[] = [];
  for (const request of requests) {
    const url = request.url();
    if (!url.startsWith('blob:') && !url.startsWith('data:'))
      expect(new URL(url).origin, `no request leaves the page's origin: ${url}`).toBe(origin);
    expect(url).not.toContain(fingerprint);
    expect(url).not.toMatch(/data:image|\/9j\/4/);
    const body = request.postDataBuffer();
    if (body && (body.includes(image.subarray(200, 264)) || body.includes(Buffer.from(fingerprint))))
      carriers.push(new URL(url).pathname);
  }
  expect(carriers).toEqual(['/api/ekyc/okaylive']);
  expect((await imageOf(requests.find((r) => r.url().endsWith('/api/ekyc/okaylive')) as Request)).equals(image)).toBe(
    true,
  );
});

test('server text is rendered as text, never as HTML, and never instead of the catalogue', async ({ page }) => {
  const payload = '<img src=x onerror="window.__pwned=1"><b id=injected>owned</b>';
  await page.route('**/api/ekyc/okaylive', (route) =>
    route.fulfill({
      status: 200,
      contentType: 'application/json',
      body: JSON.stringify({ status: 'error', messageCode: payload, message: payload }),
    }),
  );
  await page.goto('/');
  await takeSelfie(page);
  const widget = page.locator('.okl-root');
  await expect(errorOf(widget)).toHaveAttribute('data-error', 'UNEXPECTED_ERROR', { timeout: 60_000 });
  await expect(widget.getByRole('alert')).toContainText('The service had a problem');
  await expect(widget).not.toContainText('owned');
  await expect(page.locator('#injected, img[src="x"]')).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
});
