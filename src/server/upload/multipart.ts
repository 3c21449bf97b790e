import busboy from 'busboy';
import { createHash, type Hash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { MAX_IMAGE_BYTES, MAX_REQUEST_BYTES, PART_IMAGE, PART_JOURNEY } from '../../core/api/contract.ts';

export interface OkayLiveUpload {
  journeyId: string;
  image: Buffer;
  /** SHA-256 of the image bytes, hex: computed as they arrive, for recognising a resend. */
  imageDigest: string;
  filename: string;
  mimeType: string;
}

/** Why an upload was refused, as the contract names it, with the HTTP status to answer. */
export interface UploadRejection {
  status: number;
  message: string;
  /** The body was not read to its end: answer, then close the connection. */
  unread: boolean;
}

type Outcome = { ok: true; upload: OkayLiveUpload } | { ok: false; rejection: UploadRejection };
export type UploadResult = Outcome & {
  /** Body bytes read from the socket, for the log line. */
  bytesRead: number;
};

export const REQUEST_TOO_LARGE = 'Request size exceed 5MB';
const LONGEST_JOURNEY_FIELD = 256;

/**
 * Reads the OkayLive multipart body into memory (never to disk). Exactly one `imageBest` file
 * part and one `journeyId` text part are accepted; other part names are read and ignored.
 * Bytes are counted as they arrive, so an oversized request is refused while streaming: the
 * reader stops at the limit and never holds more than one request's worth.
 */
export function readUpload(req: IncomingMessage): Promise<UploadResult> {
  return new Promise((resolve) => {
    let settled = false;
    let received = 0;
    const finish = (outcome: Outcome): void => {
      if (settled) return;
      settled = true;
      resolve({ ...outcome, bytesRead: received });
    };
    const refuse = (status: number, message: string, unread = false): void =>
      finish({ ok: false, rejection: { status, message, unread } });

    const declared = Number(req.headers['content-length'] ?? NaN);
    if (Number.isFinite(declared) && declared > MAX_REQUEST_BYTES) return refuse(413, REQUEST_TOO_LARGE, true);

    // OkayLive takes multipart only; busboy would also read urlencoded bodies.
    if (!/^multipart\/form-data\s*;/i.test(req.headers['content-type'] ?? ''))
      return refuse(400, 'MISSING_ARGUMENTS', true);
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: req.headers,
        limits: {
          fileSize: MAX_IMAGE_BYTES,
          files: 4,
          fields: 8,
          parts: 12,
          fieldSize: LONGEST_JOURNEY_FIELD,
          headerPairs: 20,
        },
      });
    } catch {
      // Not multipart at all (JSON, urlencoded, no boundary): the required parts are missing.
      return refuse(400, 'MISSING_ARGUMENTS', true);
    }

    const journeyIds: string[] = [];
    const images: {
      chunks: Buffer[];
      digest: Hash;
      filename: string;
      mimeType: string;
      tooLarge: boolean;
      ended: boolean;
    }[] = [];
    let imageAsText = false;
    let journeyAsFile = false;
    let journeyTruncated = false;
    let tooManyParts = false;

    req.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received > MAX_REQUEST_BYTES && !settled) {
        req.unpipe(parser);
        parser.destroy();
        refuse(413, REQUEST_TOO_LARGE, true);
      }
    });
    req.on('aborted', () => refuse(400, 'MISSING_ARGUMENTS', true));

    parser.on('field', (name, value, info) => {
      if (name === PART_JOURNEY) {
        journeyIds.push(value);
        if (info.valueTruncated) journeyTruncated = true;
      } else if (name === PART_IMAGE) {
        imageAsText = true;
      }
    });
    parser.on('file', (name, stream, info) => {
      // A form that ends mid-file fails the part's stream too; unheard, that error would be
      // an uncaught exception. The parser's own error (below) decides the answer.
      stream.on('error', () => undefined);
      if (name !== PART_IMAGE) {
        if (name === PART_JOURNEY) journeyAsFile = true;
        stream.resume();
        return;
      }
      const image = {
        chunks: [] as Buffer[],
        digest: createHash('sha256'),
        filename: info.filename ?? '',
        mimeType: info.mimeType,
        tooLarge: false,
        ended: false,
      };
      images.push(image);
      stream.on('data', (c: Buffer) => {
        image.chunks.push(c);
        image.digest.update(c);
      });
      stream.on('limit', () => {
        image.tooLarge = true;
        image.chunks.length = 0;
      });
      stream.on('end', () => {
        image.ended = true;
      });
    });
    const partsLimit = (): void => {
      tooManyParts = true;
    };
    parser.on('partsLimit', partsLimit);
    parser.on('filesLimit', partsLimit);
    parser.on('fieldsLimit', partsLimit);
    // Malformed multipart: bad boundary, truncated body, broken part headers.
    parser.on('error', () => refuse(400, 'MISSING_ARGUMENTS'));
    parser.on('close', () => {
      if (images.some((i) => i.tooLarge)) return refuse(413, 'PAYLOAD_TOO_LARGE');
      if (tooManyParts || journeyAsFile) return refuse(400, 'MISSING_ARGUMENTS');
      // One flow, one selfie: two images or two journeyIds are ambiguous, not "the first one".
      if (images.length > 1 || journeyIds.length > 1) return refuse(400, 'MISSING_ARGUMENTS');
      const [image] = images;
      const [journeyId] = journeyIds;
      if (image === undefined && imageAsText) return refuse(400, 'UNRESOLVED_PIC_CONTENT');
      if (image === undefined || !image.ended || journeyId === undefined) return refuse(400, 'MISSING_ARGUMENTS');
      if (journeyTruncated) return refuse(400, 'INVALID_JOURNEY_ID');
      const bytes = Buffer.concat(image.chunks);
      // The chunks go with this function: one copy of the image stays, not two.
      image.chunks.length = 0;
      finish({
        ok: true,
        upload: {
          journeyId,
          image: bytes,
          imageDigest: image.digest.digest('hex'),
          filename: image.filename,
          mimeType: image.mimeType,
        },
      });
    });
    req.pipe(parser);
  });
}
