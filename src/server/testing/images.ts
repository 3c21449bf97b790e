import sharp from 'sharp';
import { fileURLToPath } from 'node:url';

export const ASTRONAUT = fileURLToPath(new URL('../../../e2e/fixtures/astronaut.png', import.meta.url));

/** A portrait JPEG of the fixture face, as the widget would send it. */
export function portraitJpeg(height = 1080, quality = 92): Promise<Buffer> {
  return sharp(ASTRONAUT).resize({ width: Math.round((height * 3) / 4), height, fit: 'cover' }).jpeg({ quality }).toBuffer();
}

/** A multipart body built by the platform's own FormData, as browsers and fetch send it. */
export function form(parts: { imageBest?: { bytes: Uint8Array; type?: string; filename?: string }; journeyId?: string }): FormData {
  const f = new FormData();
  if (parts.imageBest) {
    f.append('imageBest', new Blob([new Uint8Array(parts.imageBest.bytes)], { type: parts.imageBest.type ?? 'image/jpeg' }), parts.imageBest.filename ?? 'selfie.jpg');
  }
  if (parts.journeyId !== undefined) f.append('journeyId', parts.journeyId);
  return f;
}
