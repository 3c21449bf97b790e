import type { Locator, Page, Request } from '@playwright/test';
import sharp from 'sharp';
import { readFileSync } from 'node:fs';
import { expect } from './fixtures.ts';
import { parseMultipart } from './uploads.ts';

/**
 * How the page's camera misbehaves. Installed before any page script, so the widget and
 * react-webcam see the faulty browser from the start.
 *  - reject: getUserMedia rejects with a DOMException of that name until `window.__camera.fix()`.
 *  - overconstrained: rejects with OverconstrainedError unless asked for "any camera" ({}),
 *    or always when 'always'.
 *  - insecure: the page is not a secure context (http off localhost): no navigator.mediaDevices.
 *  - missing: a browser with no getUserMedia at all.
 *  - blank: a working camera that shows no face (so nothing is captured by itself) until fix().
 *  - pending: getUserMedia neither resolves nor rejects until fix(), as with an unanswered permission prompt.
 * Every call is recorded in `window.__camera.calls`, every stream handed out in `.streams`.
 */
export type CameraFault =
  | { reject: 'NotAllowedError' | 'NotFoundError' | 'NotReadableError' }
  | { overconstrained: 'until-any' | 'always' }
  | { insecure: true }
  | { missing: true }
  | { blank: true }
  | { pending: true }
  | { ok: true };

export async function installCamera(page: Page, fault: CameraFault): Promise<void> {
  await page.addInitScript((f: CameraFault) => {
    const w = window as unknown as {
      __camera: { calls: unknown[]; streams: MediaStream[]; broken: boolean; fix(): void };
    };
    const record = {
      calls: [] as unknown[],
      streams: [] as MediaStream[],
      broken: true,
      fix() {
        record.broken = false;
      },
    };
    w.__camera = record;
    if ('insecure' in f || 'missing' in f) {
      // As in a real insecure context or an old browser: the API is simply not there.
      delete (Navigator.prototype as unknown as Record<string, unknown>).mediaDevices;
      delete (Navigator.prototype as unknown as Record<string, unknown>).webkitGetUserMedia;
      if ('insecure' in f) Object.defineProperty(window, 'isSecureContext', { get: () => false });
      return;
    }
    const devices = navigator.mediaDevices;
    const original = devices.getUserMedia.bind(devices);
    devices.getUserMedia = async (constraints?: MediaStreamConstraints) => {
      record.calls.push(JSON.parse(JSON.stringify(constraints ?? null)));
      if ('reject' in f && record.broken) throw new DOMException('mock camera fault', f.reject);
      if ('pending' in f) while (record.broken) await new Promise((resolve) => setTimeout(resolve, 100));
      if ('overconstrained' in f) {
        const video = constraints?.video;
        const any = video === true || (typeof video === 'object' && Object.keys(video).length === 0);
        if (f.overconstrained === 'always' || !any) {
          const Ctor = (window as unknown as { OverconstrainedError: new (c: string, m: string) => Error })
            .OverconstrainedError;
          throw new Ctor('width', 'mock: no camera mode satisfies this');
        }
      }
      let stream: MediaStream;
      if ('blank' in f && record.broken) {
        const canvas = Object.assign(document.createElement('canvas'), { width: 640, height: 480 });
        const paint = () => {
          const ctx = canvas.getContext('2d');
          if (ctx) {
            ctx.fillStyle = '#7a7f86';
            ctx.fillRect(0, 0, canvas.width, canvas.height);
          }
        };
        paint();
        setInterval(paint, 100);
        stream = canvas.captureStream(10);
      } else stream = await original(constraints);
      record.streams.push(stream);
      return stream;
    };
  }, fault);
}

/** Every value the widget root's data-state takes, in order (a MutationObserver from page start). */
export async function recordStates(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { __states: string[] };
    w.__states = [];
    const seen = () => {
      const state = document.querySelector('.okl-root')?.getAttribute('data-state');
      if (state && w.__states[w.__states.length - 1] !== state) w.__states.push(state);
    };
    new MutationObserver(seen).observe(document, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: ['data-state'],
    });
  });
}

export function states(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __states: string[] }).__states);
}

/** How many captures the widget took: each one passes through `capturing` once. */
export async function captures(page: Page): Promise<number> {
  return (await states(page)).filter((s) => s === 'capturing').length;
}

/**
 * Starts the camera (unless it is already on its way) and takes a selfie: automatically when
 * guidance captures, by hand when the manual button is offered. Resolves once the capture has
 * left the camera (captured, submitting, a result or an error).
 */
export async function takeSelfie(page: Page, { start = true } = {}): Promise<void> {
  const widget = page.locator('.okl-root');
  if (start) await page.getByRole('button', { name: 'Start camera' }).click();
  const manual = widget.getByRole('button', { name: 'Take selfie' });
  // Every call in here is bounded: auto-capture may win before the button ever appears, and
  // an unbounded locator call would then wait out the whole toPass budget.
  await expect(async () => {
    const state = await widget.getAttribute('data-state', { timeout: 1000 });
    if (
      state === 'ready' &&
      (await manual.count()) > 0 &&
      (await manual.isEnabled({ timeout: 500 }).catch(() => false))
    ) {
      await manual.click({ timeout: 1000 }).catch(() => undefined);
    }
    expect(['captured', 'submitting', 'result', 'error']).toContain(
      await widget.getAttribute('data-state', { timeout: 1000 }),
    );
  }).toPass({ timeout: 60_000 });
}

export function errorOf(widget: Locator): Locator {
  return widget.locator('.okl-error[data-error]');
}

/** The image part of an okaylive request the page made. */
export async function imageOf(request: Request): Promise<Buffer> {
  const body = request.postDataBuffer();
  const type = await request.headerValue('content-type');
  if (!body || !type) throw new Error('request has no multipart body');
  const bytes = (await parseMultipart(type, body)).imageBest?.bytes;
  if (!bytes) throw new Error('no imageBest part');
  return bytes;
}

/**
 * A good selfie photo for the file fallback, made at test time from the fixture still: the
 * face cut out with room around it and scaled to a 3:4 portrait the rules accept.
 */
export async function goodPhoto(): Promise<{ name: string; mimeType: string; buffer: Buffer }> {
  const still = readFileSync(new URL('../fixtures/astronaut.png', import.meta.url));
  // Face centre (225, 120) in the 512x512 still (e2e/setup/clips.mjs); a 210x280 window around it.
  const buffer = await sharp(still)
    .extract({ left: 120, top: 10, width: 210, height: 280 })
    .resize(810, 1080)
    .jpeg({ quality: 95 })
    .toBuffer();
  return { name: 'me.jpg', mimeType: 'image/jpeg', buffer };
}

export function fixturePhoto(name: 'chelsea.png' | 'astronaut.png'): {
  name: string;
  mimeType: string;
  buffer: Buffer;
} {
  return { name, mimeType: 'image/png', buffer: readFileSync(new URL(`../fixtures/${name}`, import.meta.url)) };
}
