/**
 * Renders the textured head scan (e2e/fixtures/head/) at known head poses, in headless Chromium
 * with WebGL on SwiftShader, for tests that need a face whose pose is known exactly.
 *
 * Frame: a perspective camera looking down the optical axis at the head's pivot (middle of the
 * face at eye depth); by default 1920x1080, 60° vertical field of view, 0.4 m away, grey
 * background, where the face fills about 40 % of the frame height. Pose conventions, in degrees:
 * yaw positive = head turned to the image's right, pitch positive = chin up, roll positive =
 * clockwise in the image; applied in that order (yaw about the vertical, pitch about the turned
 * head's horizontal axis, roll in the face's plane). Pose zero is the scan's own axes
 * (e2e/fixtures/head/README.md). Pixel coordinates count from the image's top-left corner, with
 * pixel (i, j) covering [i, i+1) × [j, j+1).
 */
import { chromium, type Browser, type Page } from '@playwright/test';
import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface HeadPose {
  yaw: number;
  pitch: number;
  roll: number;
}

export interface Shot {
  width?: number;
  height?: number;
  vfovDeg?: number;
  distanceM?: number;
  /** where the pivot lands in the frame, as a share of width/height; default 0.5,0.5 */
  at?: { x: number; y: number };
}

export interface Point2 {
  x: number;
  y: number;
}

export interface Point3 {
  x: number;
  y: number;
  z: number;
}

export interface HeadRenderer {
  /** PNG bytes of the head at this pose. The head's orientation relative to the camera's optical axis is the pose, wherever `at` puts it (translate, never re-aim the camera). */
  render(pose: HeadPose, shot?: Shot): Promise<Buffer>;
  /** For pixel positions in the frame rendered with the same pose and shot: the 3D point hit on the head surface, in the model's own (unrotated) coordinates, or null. */
  surfacePoints(pose: HeadPose, shot: Shot | undefined, pixels: ReadonlyArray<Point2>): Promise<Array<Point3 | null>>;
  /** Project model-space points to pixel positions for this pose/shot (for tests of the renderer itself). */
  project(pose: HeadPose, shot: Shot | undefined, points: ReadonlyArray<Point3>): Promise<Point2[]>;
  close(): Promise<void>;
}

/** What e2e/head/page.js puts on `window`. */
interface PageApi {
  render(pose: HeadPose, shot: Shot | undefined): Promise<string>;
  surfacePoints(pose: HeadPose, shot: Shot | undefined, pixels: ReadonlyArray<Point2>): Array<Point3 | null>;
  project(pose: HeadPose, shot: Shot | undefined, points: ReadonlyArray<Point3>): Point2[];
}

type PageWindow = { headRenderer: PageApi; headRendererReady?: boolean };

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The only files the page may fetch: itself, three.js and the scan. */
const SERVED = [
  'e2e/head/page.html',
  'e2e/head/page.js',
  'e2e/fixtures/head/',
  'node_modules/three/build/',
  'node_modules/three/examples/jsm/',
];

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.glb': 'model/gltf-binary',
  '.jpg': 'image/jpeg',
};

/** Written by e2e/setup/prepare.mjs: a system Chromium, or null for Playwright's own. */
function browserPath(): string | undefined {
  const file = join(ROOT, 'e2e/.cache/browser.json');
  if (!existsSync(file)) return undefined;
  const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
  const path =
    typeof parsed === 'object' && parsed !== null && 'executablePath' in parsed ? parsed.executablePath : null;
  return typeof path === 'string' ? path : undefined;
}

function serve(): Promise<{ server: Server; origin: string }> {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = normalize(decodeURIComponent(url.pathname === '/' ? '/e2e/head/page.html' : url.pathname)).replace(
      /^[/\\]+/,
      '',
    );
    const allowed =
      !path.split(sep).includes('..') &&
      SERVED.some((prefix) => (prefix.endsWith('/') ? path.startsWith(prefix) : path === prefix));
    const type = TYPES[extname(path)];
    if (!allowed || type === undefined) {
      res.writeHead(404).end();
      return;
    }
    readFile(join(ROOT, path)).then(
      (body) => res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' }).end(body),
      () => res.writeHead(404).end(),
    );
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({ server, origin: `http://127.0.0.1:${port}` });
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}

export async function openHeadRenderer(): Promise<HeadRenderer> {
  const { server, origin } = await serve();
  let browser: Browser | undefined;
  try {
    const executablePath = browserPath();
    browser = await chromium.launch({
      ...(executablePath ? { executablePath } : {}),
      // WebGL without a GPU: SwiftShader, which Chromium only enables for WebGL when asked.
      args: ['--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--ignore-gpu-blocklist', '--no-sandbox'],
    });
    const page: Page = await browser.newPage({ viewport: { width: 640, height: 360 } });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${origin}/e2e/head/page.html`);
    await page
      .waitForFunction(() => (window as unknown as PageWindow).headRendererReady === true, undefined, {
        timeout: 30_000,
      })
      .catch((error: unknown) => {
        throw new Error(`the head page did not load${errors.length ? `: ${errors.join('; ')}` : ''}`, { cause: error });
      });
    const opened = browser;
    return {
      async render(pose, shot) {
        const base64 = await page.evaluate(([p, s]) => (window as unknown as PageWindow).headRenderer.render(p, s), [
          pose,
          shot,
        ] as const);
        return Buffer.from(base64, 'base64');
      },
      surfacePoints(pose, shot, pixels) {
        return page.evaluate(([p, s, px]) => (window as unknown as PageWindow).headRenderer.surfacePoints(p, s, px), [
          pose,
          shot,
          pixels,
        ] as const);
      },
      project(pose, shot, points) {
        return page.evaluate(([p, s, pts]) => (window as unknown as PageWindow).headRenderer.project(p, s, pts), [
          pose,
          shot,
          points,
        ] as const);
      },
      async close() {
        await opened.close();
        await closeServer(server);
      },
    };
  } catch (error) {
    await browser?.close();
    await closeServer(server);
    throw error;
  }
}
