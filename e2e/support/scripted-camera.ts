import type { Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FACE_CENTRE, FIXTURES } from '../setup/clips.mjs';

/** What the scripted camera shows: the astronaut's face placed and scaled like the clips. */
export interface Scene {
  /** Still scale: 3.2 is the compliant clip, ~1.6 too far. */
  scale: number;
  /** Face centre as a share of the frame. */
  fx: number;
  fy: number;
  /** false: an empty room. */
  face: boolean;
}

declare global {
  interface Window {
    __scriptedCamera?: { set(patch: Partial<Scene>): void; frames(): number };
  }
}

/**
 * Replaces getUserMedia with a canvas stream that the test redraws: a camera whose scene a
 * test can change (move closer, centre, leave). Installed before any page script runs.
 */
export async function installScriptedCamera(page: Page, initial: Partial<Scene> = {}, size = { width: 1920, height: 1080, fps: 30 }): Promise<void> {
  const png = readFileSync(join(FIXTURES, 'astronaut.png'));
  await page.route('**/__e2e/astronaut.png', (route) => route.fulfill({ body: png, contentType: 'image/png' }));
  // Plain source text, not a function: tools that compile this file (tsx, esbuild) may add
  // helpers to a function's source that do not exist in the page.
  await page.addInitScript({ content: `(${CAMERA_SOURCE})(${JSON.stringify({ initial, size, centre: FACE_CENTRE })});` });
}

const CAMERA_SOURCE = `function ({ initial, size, centre }) {
  const scene = Object.assign({ scale: 3.2, fx: 0.5, fy: 0.46, face: true }, initial);
  const img = new Image();
  img.src = '/__e2e/astronaut.png';
  const canvas = document.createElement('canvas');
  canvas.width = size.width;
  canvas.height = size.height;
  const ctx = canvas.getContext('2d');
  let frames = 0;
  const draw = () => {
    ctx.fillStyle = '#7a7f86';
    ctx.fillRect(0, 0, size.width, size.height);
    if (scene.face && img.complete && img.naturalWidth > 0) {
      const side = 512 * scene.scale;
      ctx.drawImage(img, scene.fx * size.width - centre.x * scene.scale, scene.fy * size.height - centre.y * scene.scale, side, side);
    }
    frames++;
  };
  // Redrawn in full only when the scene changes. A canvas stream only carries a frame when
  // the canvas changed, so each tick touches one corner pixel: the page's main thread then
  // costs about what a real camera costs it.
  img.onload = draw;
  draw();
  let tick = 0;
  setInterval(() => {
    tick++;
    ctx.fillStyle = tick % 2 ? '#7a7f86' : '#7b7f86';
    ctx.fillRect(0, 0, 1, 1);
  }, 1000 / size.fps);
  window.__scriptedCamera = {
    set(patch) { Object.assign(scene, patch); draw(); },
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
