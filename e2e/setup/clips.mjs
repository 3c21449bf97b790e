// Camera clips for Chromium's fake camera, made from the fixture stills with ffmpeg.
// Each clip is a looping MJPEG (yuvj420p: other pixel formats give green frames).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const FIXTURES = join(here, '..', 'fixtures');
export const CLIPS_DIR = join(here, '..', '.cache', 'clips');

/**
 * The astronaut's face in the 512x512 still: centre and eye line, measured once.
 * Scale 2.8 makes the face about 280 px wide, eyes about 135 px apart.
 */
const FACE_CENTRE = { x: 225, y: 120 };

/** Places the still so the face centre lands at (fx, fy) of a width x height frame. */
function placed({ width = 1920, height = 1080, scale = 2.8, fx = 0.5, fy = 0.46, extra = '' } = {}) {
  const side = Math.round(512 * scale);
  const x = Math.round(fx * width - FACE_CENTRE.x * scale);
  const y = Math.round(fy * height - FACE_CENTRE.y * scale);
  return {
    input: 'astronaut.png',
    filter: `color=c=0x7a7f86:s=${width}x${height}:r=10[bg];[0:v]scale=${side}:${side}${extra}[fg];[bg][fg]overlay=${x}:${y}:shortest=1`,
  };
}

/** name → how to build it. Later clips (guidance cases) are added here. */
export const CLIPS = {
  compliant: placed(),
};

function build(name, spec) {
  const out = clipPath(name);
  if (existsSync(out) && statSync(out).size > 0) return out;
  const args = [
    '-hide_banner', '-loglevel', 'error', '-y',
    '-loop', '1', '-i', join(FIXTURES, spec.input),
    '-filter_complex', `${spec.filter},format=yuvj420p`,
    '-t', '2', '-r', '10', '-c:v', 'mjpeg', '-q:v', '3', '-f', 'mjpeg', out,
  ];
  const r = spawnSync('ffmpeg', args, { stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`ffmpeg failed for clip ${name}`);
  return out;
}

export function buildClips() {
  mkdirSync(CLIPS_DIR, { recursive: true });
  return Object.fromEntries(Object.entries(CLIPS).map(([name, spec]) => [name, build(name, spec)]));
}

/** The file name carries a hash of the recipe, so a changed recipe never reuses a stale clip. */
export function clipPath(name) {
  const spec = CLIPS[name];
  if (!spec) throw new Error(`unknown clip ${name}`);
  const hash = createHash('sha1').update(JSON.stringify(spec)).digest('hex').slice(0, 8);
  return join(CLIPS_DIR, `${name}-${hash}.mjpeg`);
}
