import busboy from 'busboy';
import type { IncomingMessage } from 'node:http';
import { MAX_IMAGE_BYTES, MAX_REQUEST_BYTES, PART_IMAGE, PART_JOURNEY } from '../core/api/contract.ts';

export interface OkayLiveUpload {
  journeyId: string;
  image: Buffer;
  filename: string;
  mimeType: string;
}

/** Why an upload was refused, as the contract names it, with the HTTP status to answer. */
export interface UploadRejection {
  status: number;
  message: string;
}

export type UploadResult = { ok: true; upload: OkayLiveUpload } | { ok: false; rejection: UploadRejection };

const reject = (status: number, message: string): UploadResult => ({ ok: false, rejection: { status, message } });
export const REQUEST_TOO_LARGE = 'Request size exceed 5MB';

/**
 * Reads the OkayLive multipart body into memory (never to disk), counting bytes as they
 * arrive so an oversized request is refused while streaming, not after buffering it.
 */
export function readUpload(req: IncomingMessage): Promise<UploadResult> {
  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: UploadResult) => {
      if (settled) return;
      settled = true;
      resolve(result);
    };
    const declared = Number(req.headers['content-length'] ?? NaN);
    if (Number.isFinite(declared) && declared > MAX_REQUEST_BYTES) {
      req.resume();
      finish(reject(413, REQUEST_TOO_LARGE));
      return;
    }
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: req.headers,
        limits: { fileSize: MAX_IMAGE_BYTES + 1, files: 1, fields: 4, parts: 6, fieldSize: 1024 },
      });
    } catch {
      req.resume();
      finish(reject(400, 'MISSING_ARGUMENTS'));
      return;
    }

    let journeyId: string | null = null;
    let image: Buffer | null = null;
    let filename = '';
    let mimeType = '';
    let tooLarge = false;
    let received = 0;

    req.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received > MAX_REQUEST_BYTES && !settled) {
        req.unpipe(parser);
        req.resume();
        finish(reject(413, REQUEST_TOO_LARGE));
      }
    });

    parser.on('field', (name, value) => {
      if (name === PART_JOURNEY) journeyId = value;
    });
    parser.on('file', (name, stream, info) => {
      if (name !== PART_IMAGE) {
        stream.resume();
        return;
      }
      filename = info.filename ?? '';
      mimeType = info.mimeType;
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('limit', () => {
        tooLarge = true;
      });
      stream.on('end', () => {
        image = Buffer.concat(chunks);
      });
    });
    parser.on('error', () => finish(reject(400, 'MISSING_ARGUMENTS')));
    parser.on('close', () => {
      if (tooLarge) return finish(reject(413, 'PAYLOAD_TOO_LARGE'));
      if (journeyId === null || image === null) return finish(reject(400, 'MISSING_ARGUMENTS'));
      finish({ ok: true, upload: { journeyId, image, filename, mimeType } });
    });
    req.pipe(parser);
  });
}
