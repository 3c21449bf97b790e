/// <reference lib="webworker" />
/**
 * The face-analysis worker: Human on its WASM backend, fed downscaled portrait crops as
 * ImageBitmaps, answering with the rule readings. Keeps the page's main thread free.
 */
import { Human } from '@vladmandic/human';
import { humanConfig } from './human-config.ts';
import { toFaceInputs } from './human-faces.ts';
import { measure } from './measure.ts';
import type { FromWorker, ToWorker } from './protocol.ts';
import { MODEL_FILES } from './assets.ts';

declare const self: DedicatedWorkerGlobalScope;

let human: Human | null = null;
let canvas: OffscreenCanvas | null = null;
let ctx: OffscreenCanvasRenderingContext2D | null = null;

function post(message: FromWorker): void {
  self.postMessage(message);
}

async function init(assetsBaseUrl: string): Promise<void> {
  const started = performance.now();
  try {
    if (typeof WebAssembly !== 'object') {
      post({ type: 'failed', reason: 'NO_WASM', detail: 'WebAssembly is not available' });
      return;
    }
    const instance = new Human(humanConfig(assetsBaseUrl));
    // Multithreaded WASM breaks under COOP/COEP; one thread is plenty for one face.
    instance.tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    await instance.load();
    const backend = String(instance.tf.getBackend());
    // Human falls back to another backend when WASM fails; headless WebGL is far too slow.
    if (backend !== 'wasm') {
      post({ type: 'failed', reason: 'WRONG_BACKEND', detail: `backend ${backend}` });
      return;
    }
    // Human keeps a model whose files failed to load (and says so only in the console): a
    // model counts when its weights arrived.
    const wanted = MODEL_FILES.filter((f) => f.endsWith('.json')).length;
    const withWeights = instance.models.list().filter((m) => m.loaded && m.size > 0);
    if (withWeights.length < wanted) {
      const names = withWeights.map((m) => m.name).join(', ') || 'none';
      post({ type: 'failed', reason: 'LOAD_FAILED', detail: `${withWeights.length} of ${wanted} models have weights (${names})` });
      return;
    }
    human = instance;
    post({ type: 'ready', backend, loadMs: performance.now() - started });
  } catch (error) {
    post({ type: 'failed', reason: 'LOAD_FAILED', detail: String(error) });
  }
}

function pixels(bitmap: ImageBitmap): ImageData {
  if (!canvas || canvas.width !== bitmap.width || canvas.height !== bitmap.height) {
    canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    ctx = canvas.getContext('2d', { willReadFrequently: true });
  }
  if (!ctx) throw new Error('2D context unavailable in the worker');
  ctx.drawImage(bitmap, 0, 0);
  return ctx.getImageData(0, 0, bitmap.width, bitmap.height);
}

async function analyse(message: Extract<ToWorker, { type: 'analyse' }>): Promise<void> {
  const started = performance.now();
  try {
    if (!human) throw new Error('analysis not ready');
    const image = pixels(message.bitmap);
    const result = await human.detect(image);
    const measurement = measure({
      faces: toFaceInputs(result.face),
      image,
      crop: message.crop,
      previous: message.previous,
      at: message.at,
    });
    post({ type: 'result', id: message.id, measurement, ms: performance.now() - started });
  } catch (error) {
    post({ type: 'error', id: message.id, detail: String(error) });
  } finally {
    message.bitmap.close();
  }
}

self.onmessage = (event: MessageEvent<ToWorker>) => {
  const message = event.data;
  if (message.type === 'init') void init(message.assetsBaseUrl);
  else void analyse(message);
};
