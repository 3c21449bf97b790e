/**
 * The first frame of each e2e camera clip (made by `node e2e/setup/prepare.mjs`) as the widget
 * analyses it: the portrait crop at the analysis height, as RGBA. For the tools and tests that
 * compare model weights on the same frames.
 */
import { spawnSync } from 'node:child_process';
import sharp from 'sharp';
import { buildClips } from '../../e2e/setup/clips.mjs';
import { ANALYSIS_HEIGHT } from '../core/analysis/scale.ts';
import type { RgbaImage } from '../core/analysis/types.ts';
import { portraitCrop } from '../core/capture/crop.ts';

export interface ClipFrame {
  clip: string;
  image: RgbaImage;
  crop: { width: number; height: number };
}

/** The first frame of a clip as PNG bytes. */
function firstFrame(file: string): Buffer {
  const r = spawnSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-i', file, '-frames:v', '1', '-f', 'image2', '-c:v', 'png', '-'], {
    maxBuffer: 64 * 1024 * 1024,
    timeout: 30_000,
  });
  if (r.status !== 0) throw new Error(`ffmpeg could not read ${file}`);
  return r.stdout;
}

/** The portrait crop the widget would analyse, at the analysis height, as RGBA. */
async function analysisFrame(file: string): Promise<{ image: RgbaImage; crop: { width: number; height: number } }> {
  const frame = firstFrame(file);
  const meta = await sharp(frame).metadata();
  const plan = portraitCrop(meta.width ?? 0, meta.height ?? 0);
  const { data, info } = await sharp(frame)
    .extract({ left: plan.sx, top: plan.sy, width: plan.sw, height: plan.sh })
    .resize({ height: Math.min(ANALYSIS_HEIGHT, plan.sh) })
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return {
    image: { width: info.width, height: info.height, data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) },
    crop: { width: plan.width, height: plan.height },
  };
}

/** Every clip's analysed first frame, in the clips' order. */
export async function clipFrames(): Promise<ClipFrame[]> {
  const clips = buildClips() as Record<string, string>;
  const out: ClipFrame[] = [];
  for (const [clip, file] of Object.entries(clips)) out.push({ clip, ...(await analysisFrame(file)) });
  return out;
}
