import type { Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FACE_CENTRE, FIXTURES } from '../setup/clips.mjs';
import { CAMERA_SOURCE } from './scripted-camera-source.ts';

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
 * `stills: 'inline'` hands the stills to the page as data URLs instead of routing their
 * requests: a real camera costs the network nothing, so a benchmark that throttles the network
 * must not download them through it (and Playwright's routing would turn the HTTP cache off).
 */
export async function installScriptedCamera(
  page: Page,
  initial: Partial<Scene> = {},
  size = { width: 1920, height: 1080, fps: 30 },
  poses: PoseStills = {},
  stills: 'routed' | 'inline' = 'routed',
): Promise<void> {
  const all: Record<string, Buffer> = { [poseKey(0, 0)]: readFileSync(join(FIXTURES, 'astronaut.png')), ...poses };
  const urls =
    stills === 'inline'
      ? Object.fromEntries(
          Object.entries(all).map(([key, png]) => [key, `data:image/png;base64,${png.toString('base64')}`]),
        )
      : undefined;
  if (stills === 'routed') {
    await page.route('**/__e2e/pose/*.png', (route) => {
      const key = new URL(route.request().url()).pathname.replace(/^.*\//, '').replace(/\.png$/, '');
      const body = all[key];
      return body ? route.fulfill({ body, contentType: 'image/png' }) : route.fulfill({ status: 404 });
    });
  }
  // Plain source text, not a function: tools that compile this file (tsx, esbuild) may add
  // helpers to a function's source that do not exist in the page.
  await page.addInitScript({
    content: `(${CAMERA_SOURCE})(${JSON.stringify({ initial, size, centre: FACE_CENTRE, keys: Object.keys(all), urls })});`,
  });
}

export async function setScene(page: Page, patch: Partial<Scene>): Promise<void> {
  await page.evaluate((p) => window.__scriptedCamera?.set(p), patch);
}
