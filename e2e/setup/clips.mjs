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
 * Scale 3.2 makes the face about 300 px wide (mesh box), eyes about 140 px apart.
 */
export const FACE_CENTRE = { x: 225, y: 120 };

/**
 * Places the still so the face centre lands at (fx, fy) of a width x height frame.
 * `extra` filters the scaled still (blur, warp), `post` the whole frame (exposure).
 */
function placed({ width = 1920, height = 1080, scale = 3.2, fx = 0.5, fy = 0.46, extra = '', post = '' } = {}) {
  const side = Math.round(512 * scale);
  const x = Math.round(fx * width - FACE_CENTRE.x * scale);
  const y = Math.round(fy * height - FACE_CENTRE.y * scale);
  return {
    input: 'astronaut.png',
    filter: `color=c=0x7a7f86:s=${width}x${height}:r=10[bg];[0:v]scale=${side}:${side}${extra}[fg];[bg][fg]overlay=${x}:${y}:shortest=1${post}`,
  };
}

/**
 * The still rotated in-plane by `deg` (clockwise) about its centre, placed so the face centre
 * still lands at (fx, fy): rotation grows the canvas, so the face moves within it.
 */
function tilted(deg, { width = 1920, height = 1080, scale = 3.2, fx = 0.5, fy = 0.46 } = {}) {
  const side = Math.round(512 * scale);
  const t = (deg * Math.PI) / 180;
  const out = 2 * Math.ceil((side * (Math.abs(Math.cos(t)) + Math.abs(Math.sin(t)))) / 2);
  const dx = (FACE_CENTRE.x - 256) * scale;
  const dy = (FACE_CENTRE.y - 256) * scale;
  const faceX = out / 2 + dx * Math.cos(t) - dy * Math.sin(t);
  const faceY = out / 2 + dx * Math.sin(t) + dy * Math.cos(t);
  const x = Math.round(fx * width - faceX);
  const y = Math.round(fy * height - faceY);
  return {
    input: 'astronaut.png',
    filter: `color=c=0x7a7f86:s=${width}x${height}:r=10[bg];[0:v]scale=${side}:${side},rotate=${t.toFixed(5)}:ow=${out}:oh=${out}:c=0x7a7f86[fg];[bg][fg]overlay=${x}:${y}:shortest=1`,
  };
}

/**
 * The still as if the head were turned: the face is split at the nose, the far side squeezed
 * and the near side stretched, so the nose sits near one cheek as in a real turn. (A flat
 * perspective warp does not do it: the mesh still reads a frontal face.) Measured yaw: about 28°.
 */
function turned({ width = 1920, height = 1080, scale = 3.3, fy = 0.46 } = {}) {
  const side = Math.round(512 * scale);
  const split = Math.round(236 * scale);
  const far = Math.round(side * 0.09);
  const near = side - far;
  // Where the face's old centre lands after the warp, to put it in the oval.
  const faceX = far + (((FACE_CENTRE.x + 50) * scale - split) * (near / (side - split))) / 2;
  const x = Math.round(0.5 * width - faceX);
  const y = Math.round(fy * height - FACE_CENTRE.y * scale);
  return {
    input: 'astronaut.png',
    filter:
      `color=c=0x7a7f86:s=${width}x${height}:r=10[bg];[0:v]scale=${side}:${side},split[l][r];` +
      `[l]crop=${split}:${side}:0:0,scale=${far}:${side}[l2];[r]crop=${side - split}:${side}:${split}:0,scale=${near}:${side}[r2];` +
      `[l2][r2]hstack[fg];[bg][fg]overlay=${x}:${y}:shortest=1`,
  };
}

/** Two people: the face region of the still twice, side by side inside the portrait crop. */
function twoFaces({ width = 1920, height = 1080, scale = 2.0 } = {}) {
  const region = { x: 115, y: 0, w: 220, h: 270 };
  const w = Math.round(region.w * scale);
  const h = Math.round(region.h * scale);
  const y = Math.round(0.46 * height - (FACE_CENTRE.y - region.y) * scale);
  const x1 = Math.round(0.4 * width - (FACE_CENTRE.x - region.x) * scale);
  const x2 = Math.round(0.6 * width - (FACE_CENTRE.x - region.x) * scale);
  return {
    input: 'astronaut.png',
    filter:
      `color=c=0x7a7f86:s=${width}x${height}:r=10[bg];[0:v]crop=${region.w}:${region.h}:${region.x}:${region.y},scale=${w}:${h},split[a][b];` +
      `[bg][a]overlay=${x1}:${y}:shortest=1[one];[one][b]overlay=${x2}:${y}:shortest=1`,
  };
}

/**
 * name → how to build it: one clip per requirement the guidance must name, each saying what
 * the person in front of the camera is doing.
 */
export const CLIPS = {
  // Face in the oval, about 300 px wide and 140 px between the eyes in an 810x1080 crop.
  compliant: placed(),
  // Too far away: about 165 px wide.
  small: placed({ scale: 1.65 }),
  // Too close to the lens: the face fills most of the crop's width.
  close: placed({ scale: 7, fy: 0.5 }),
  // Well to one side of the oval, still wholly inside the crop.
  offcentre: placed({ fx: 0.4 }),
  // Head turned to one side.
  turned: turned(),
  // Head tilted 40 degrees towards a shoulder.
  tilted: tilted(40),
  // A dim room: luma scaled to 0.28.
  dark: placed({ post: ',lutyuv=y=val*0.28' }),
  // A spotlight: luma doubled, the face blown out.
  overexposed: placed({ post: ',lutyuv=y=min(val*2\\,255)' }),
  // Out of focus (or moving).
  blurred: placed({ extra: ',gblur=sigma=7' }),
  twofaces: twoFaces(),
  // A cat and no person.
  noface: { input: 'chelsea.png', filter: 'scale=1920:1080,setsar=1,fps=10' },
  // The far and the placed face from a 720p camera (the memory benchmark's second camera).
  small720: placed({ width: 1280, height: 720, scale: (1.65 * 720) / 1080 }),
  // Larger in the frame than at 1080p: the rules' size limits are partly in pixels, partly in shares.
  compliant720: placed({ width: 1280, height: 720, scale: 2.8 }),
  // A VGA webcam framed like the compliant clip: its portrait crop is only 360x480.
  vga: placed({ width: 640, height: 480, scale: (2.8 * 480) / 1080 }),
};

function build(name, spec) {
  const out = clipPath(name);
  if (existsSync(out) && statSync(out).size > 0) return out;
  const args = [
    '-hide_banner',
    '-loglevel',
    'error',
    '-y',
    '-loop',
    '1',
    '-i',
    join(FIXTURES, spec.input),
    '-filter_complex',
    `${spec.filter},format=yuvj420p`,
    '-t',
    '2',
    '-r',
    '10',
    '-c:v',
    'mjpeg',
    '-q:v',
    '3',
    '-f',
    'mjpeg',
    out,
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
