/**
 * The first frame of each e2e camera clip (made by `node e2e/setup/prepare.mjs`) as the widget
 * analyses it: the portrait crop at the analysis height, as RGBA. For the tools and tests that
 * compare model weights on the same frames.
 */
import { spawnSync } from 'node:child_process';
import { frameOf } from '../../e2e/head/read-pose.ts';
import { buildClips } from '../../e2e/setup/clips.mjs';
import type { RgbaImage } from '../core/analysis/types.ts';
import { analysisImage } from '../server/reference/testing/scenes.ts';

export interface ClipFrame {
  clip: string;
  image: RgbaImage;
  crop: { width: number; height: number };
}

/** The first frame of a clip as PNG bytes. */
function firstFrame(file: string): Buffer {
  const r = spawnSync(
    'ffmpeg',
    ['-hide_banner', '-loglevel', 'error', '-i', file, '-frames:v', '1', '-f', 'image2', '-c:v', 'png', '-'],
    {
      maxBuffer: 64 * 1024 * 1024,
      timeout: 30_000,
    },
  );
  if (r.status !== 0) throw new Error(`ffmpeg could not read ${file}`);
  return r.stdout;
}

/**
 * Every clip's analysed first frame, in the clips' order: cropped and scaled by the scenes'
 * own analysisImage(), so the tools and the scene tests cannot read a frame differently.
 */
export async function clipFrames(): Promise<ClipFrame[]> {
  const clips = buildClips() as Record<string, string>;
  const out: ClipFrame[] = [];
  for (const [clip, file] of Object.entries(clips))
    out.push({ clip, ...(await analysisImage(await frameOf(firstFrame(file)))) });
  return out;
}
