import type { APIRequestContext } from '@playwright/test';
import busboy from 'busboy';
import sharp from 'sharp';
import { Readable } from 'node:stream';

export interface Part {
  filename?: string;
  contentType?: string;
  value?: string;
  bytes?: Buffer;
}

export interface Upload {
  parts: Record<string, Part>;
  jpeg: { width: number; height: number } | null;
  status: number;
  response: unknown;
}

/** Splits a multipart body with a real parser (busboy), as a server would. */
export function parseMultipart(contentType: string, body: Buffer): Promise<Record<string, Part>> {
  return new Promise((resolve, reject) => {
    const parts: Record<string, Part> = {};
    const parser = busboy({ headers: { 'content-type': contentType } });
    parser.on('field', (name, value) => {
      parts[name] = { value };
    });
    parser.on('file', (name, stream, info) => {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        parts[name] = { filename: info.filename, contentType: info.mimeType, bytes: Buffer.concat(chunks) };
      });
    });
    parser.on('close', () => resolve(parts));
    parser.on('error', reject);
    Readable.from(body).pipe(parser);
  });
}

interface Recorded {
  test: string;
  contentType: string;
  body: string;
  status: number;
  response: string;
}

/** The okaylive uploads that reached the server from one test's pages, decoded. */
export async function serverUploads(request: APIRequestContext, testId: string): Promise<Upload[]> {
  const recorded = (await (await request.get('/__tap/uploads')).json()) as Recorded[];
  return Promise.all(
    recorded
      .filter((r) => r.test === testId)
      .map(async (r) => {
        const parts = await parseMultipart(r.contentType, Buffer.from(r.body, 'base64'));
        const image = parts.imageBest?.bytes;
        const meta = image
          ? await sharp(image)
              .metadata()
              .catch(() => null)
          : null;
        let response: unknown = null;
        try {
          response = JSON.parse(r.response);
        } catch {
          response = r.response;
        }
        return {
          parts,
          jpeg:
            meta?.format === 'jpeg' && meta.width && meta.height ? { width: meta.width, height: meta.height } : null,
          status: r.status,
          response,
        };
      }),
  );
}
