import { expect } from '@playwright/test';
import sharp from 'sharp';
import { createHash } from 'node:crypto';
import { outcomeOf } from '../../src/core/api/verdict.ts';
import { isFaceCode } from '../../src/core/api/contract.ts';
import { CALL_MS } from './driver.ts';
import type { CaptureRecord } from './in-page.ts';
import { parseMultipart } from '../support/uploads.ts';

/**
 * The upload the server received for one capture, found by the image's SHA-256 among what
 * the tap server recorded (e2e/support/tap-server.ts). Driver-agnostic: WebKitWebDriver
 * cannot add the per-test header the Playwright fixture uses, the image's hash is enough.
 */
export interface ServerUpload {
  image: Buffer;
  status: number;
  response: unknown;
}

interface Recorded {
  contentType: string;
  body: string;
  status: number;
  response: string;
  at: number;
}

function isRecorded(value: unknown): value is Recorded {
  return (
    typeof value === 'object' &&
    value !== null &&
    'body' in value &&
    typeof value.body === 'string' &&
    'at' in value &&
    typeof value.at === 'number'
  );
}

export async function serverUpload(baseURL: string, capture: CaptureRecord, since: number): Promise<ServerUpload> {
  const answer = await fetch(`${baseURL}/__tap/uploads`, { signal: AbortSignal.timeout(CALL_MS) });
  const recorded: unknown = await answer.json();
  const candidates = (Array.isArray(recorded) ? recorded : []).filter(isRecorded).filter((r) => r.at >= since);
  for (const r of candidates) {
    const image = (await parseMultipart(r.contentType, Buffer.from(r.body, 'base64'))).imageBest?.bytes;
    if (image && createHash('sha256').update(image).digest('hex') === capture.sha256) {
      let response: unknown = r.response;
      try {
        response = JSON.parse(r.response);
      } catch {
        // Kept as text: the check below then fails, showing it.
      }
      return { image, status: r.status, response };
    }
  }
  throw new Error(
    `the server received no upload with this capture's image (${capture.bytes} bytes, sha256 ${capture.sha256.slice(0, 12)}…)`,
  );
}

/** A JPEG the service can use: portrait, at least 800 px tall, and it decodes in full. */
export async function expectUsableJpeg(image: Buffer): Promise<{ width: number; height: number }> {
  const meta = await sharp(image).metadata();
  expect(meta.format).toBe('jpeg');
  const width = meta.width ?? 0;
  const height = meta.height ?? 0;
  expect(height, 'portrait').toBeGreaterThan(width);
  expect(height, 'tall enough for the service').toBeGreaterThanOrEqual(800);
  const { info } = await sharp(image).raw().toBuffer({ resolveWithObject: true });
  expect({ width: info.width, height: info.height }).toEqual({ width, height });
  return { width, height };
}

/** The verdict the widget must show for the server's answer (the client's own reading of the contract). */
export function expectedOutcome(response: unknown): string {
  if (typeof response !== 'object' || response === null || !('status' in response))
    throw new Error(`not a contract answer: ${JSON.stringify(response)}`);
  if (response.status === 'success' && 'probability' in response && 'quality' in response) {
    return outcomeOf(Number(response.probability), Number(response.quality));
  }
  if ('message' in response && isFaceCode(response.message)) return 'retake';
  throw new Error(`the server did not judge the selfie: ${JSON.stringify(response)}`);
}
