import { randomBytes } from 'node:crypto';
import { PART_IMAGE, PART_JOURNEY } from '../../core/api/contract.ts';
import type { ImageFormat } from '../upload/image-check.ts';
import { isPlausibleJourneyId } from '../upload/journey-id.ts';

/** The part's type and name come from what the bytes are, never from what the client declared. */
const SNIFFED = {
  jpeg: { type: 'image/jpeg', filename: 'selfie.jpg' },
  png: { type: 'image/png', filename: 'selfie.png' },
} as const satisfies Record<ImageFormat, { type: string; filename: string }>;

export interface OutgoingBody {
  body: ReadableStream<Uint8Array>;
  headers: Record<string, string>;
}

/**
 * The OkayLive request as the vendor's own samples send it (imageBest file, journeyId text),
 * streamed from the upload's one buffer with its length declared: FormData would copy the
 * image into a Blob first, and a copy per upload is what load turns into memory.
 */
export function okayLiveBody(image: Buffer, format: ImageFormat, journeyId: string): OutgoingBody {
  // The journeyId goes into the body verbatim: it must already be a plain token.
  if (!isPlausibleJourneyId(journeyId)) throw new Error('journeyId must be checked before it is forwarded');
  const boundary = `----okaylive-${randomBytes(12).toString('hex')}`;
  const { type, filename } = SNIFFED[format];
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="${PART_IMAGE}"; filename="${filename}"\r\nContent-Type: ${type}\r\n\r\n`,
  );
  const tail = Buffer.from(
    `\r\n--${boundary}\r\nContent-Disposition: form-data; name="${PART_JOURNEY}"\r\n\r\n${journeyId}\r\n--${boundary}--\r\n`,
  );
  const length = head.length + image.length + tail.length;
  let parts: Buffer[] | null = [head, image, tail];
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      const next = parts?.shift();
      if (next) controller.enqueue(next);
      if (!parts?.length) {
        // Sent: the stream lets go of the image.
        parts = null;
        controller.close();
      }
    },
    cancel() {
      parts = null;
    },
  });
  return {
    body,
    headers: { 'Content-Type': `multipart/form-data; boundary=${boundary}`, 'Content-Length': String(length) },
  };
}
