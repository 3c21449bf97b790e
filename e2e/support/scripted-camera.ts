import type { Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FACE_CENTRE, FIXTURES } from '../setup/clips.mjs';

/** What the scripted camera shows: the astronaut's face placed, turned and lit like a person in front of it. */
export interface Scene {
  /** Still scale: 3.2 is the compliant clip, ~1.6 too far. */
  scale: number;
  /** Face centre as a share of the frame. */
  fx: number;
  fy: number;
  /** false: an empty room. */
  face: boolean;
  /** In-plane tilt, degrees clockwise in the camera image. */
  roll: number;
  /** Head turn and nod, degrees (> 0: towards the image's right; chin up): a key of the pose stills given at install. */
  yaw: number;
  pitch: number;
  /** Light on the scene: 1 as shot, below 1 dimmer. */
  light: number;
}

/** Stills of the head turned or nodded, by `poseKey(yaw, pitch)`; the frontal still is always there. */
export type PoseStills = Readonly<Record<string, Buffer>>;

export const poseKey = (yaw: number, pitch: number): string => `y${yaw}_p${pitch}`;

declare global {
  interface Window {
    __scriptedCamera?: { set(patch: Partial<Scene>): void; get(): Scene; frames(): number };
  }
}

/**
 * Replaces getUserMedia with a canvas stream that the test redraws: a camera whose scene a
 * test can change (move closer, centre, turn, leave, dim). Installed before any page script runs.
 */
export async function installScriptedCamera(
  page: Page,
  initial: Partial<Scene> = {},
  size = { width: 1920, height: 1080, fps: 30 },
  poses: PoseStills = {},
): Promise<void> {
  const stills: Record<string, Buffer> = { [poseKey(0, 0)]: readFileSync(join(FIXTURES, 'astronaut.png')), ...poses };
  await page.route('**/__e2e/pose/*.png', (route) => {
    const key = new URL(route.request().url()).pathname.replace(/^.*\//, '').replace(/\.png$/, '');
    const body = stills[key];
    return body ? route.fulfill({ body, contentType: 'image/png' }) : route.fulfill({ status: 404 });
  });
  // Plain source text, not a function: tools that compile this file (tsx, esbuild) may add
  // helpers to a function's source that do not exist in the page.
  await page.addInitScript({ content: `(${CAMERA_SOURCE})(${JSON.stringify({ initial, size, centre: FACE_CENTRE, keys: Object.keys(stills) })});` });
}

const CAMERA_SOURCE = `function ({ initial, size, centre, keys }) {
  const scene = Object.assign({ scale: 3.2, fx: 0.5, fy: 0.46, face: true, roll: 0, yaw: 0, pitch: 0, light: 1 }, initial);
  const images = {};
  for (const key of keys) {
    const img = new Image();
    img.src = '/__e2e/pose/' + key + '.png';
    img.onload = () => draw();
    images[key] = img;
  }
  const canvas = document.createElement('canvas');
  canvas.width = size.width;
  canvas.height = size.height;
  const ctx = canvas.getContext('2d');
  let frames = 0;
  const still = () => images['y' + scene.yaw + '_p' + scene.pitch] || images['y0_p0'];
  const draw = () => {
    ctx.filter = scene.light === 1 ? 'none' : 'brightness(' + scene.light + ')';
    ctx.fillStyle = '#7a7f86';
    ctx.fillRect(0, 0, size.width, size.height);
    const img = still();
    if (scene.face && img && img.complete && img.naturalWidth > 0) {
      const side = 512 * scene.scale;
      ctx.save();
      // Turn about the face centre, so a tilt does not move the face.
      ctx.translate(scene.fx * size.width, scene.fy * size.height);
      ctx.rotate((scene.roll * Math.PI) / 180);
      ctx.drawImage(img, -centre.x * scene.scale, -centre.y * scene.scale, side, side);
      ctx.restore();
    }
    ctx.filter = 'none';
    frames++;
  };
  // Redrawn in full only when the scene changes. A canvas stream only carries a frame when
  // the canvas changed, so each tick touches one corner pixel: the page's main thread then
  // costs about what a real camera costs it.
  draw();
  let tick = 0;
  setInterval(() => {
    tick++;
    ctx.fillStyle = tick % 2 ? '#7a7f86' : '#7b7f86';
    ctx.fillRect(0, 0, 1, 1);
  }, 1000 / size.fps);
  window.__scriptedCamera = {
    set(patch) { Object.assign(scene, patch); draw(); },
    get: () => Object.assign({}, scene),
    frames: () => frames,
  };
  const devices = navigator.mediaDevices;
  // A new stream per request: the widget stops its tracks on unmount (and React's StrictMode
  // mounts twice in development).
  devices.getUserMedia = async () => canvas.captureStream(size.fps);
  devices.enumerateDevices = async () => [
    { deviceId: 'scripted', groupId: 'e2e', kind: 'videoinput', label: 'Scripted camera', toJSON: () => ({}) },
  ];
}`;

export async function setScene(page: Page, patch: Partial<Scene>): Promise<void> {
  await page.evaluate((p) => window.__scriptedCamera?.set(p), patch);
}
