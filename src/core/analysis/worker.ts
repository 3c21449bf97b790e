/// <reference lib="webworker" />
/**
 * The face-analysis worker: Human on its WASM backend, fed downscaled portrait crops as
 * ImageBitmaps, answering with the rule readings. Keeps the page's main thread free.
 */
import { Human } from '@vladmandic/human';
import { humanConfig } from './human-config.ts';
import { toFaceInputs } from './human-faces.ts';
import { measure, type Measurement } from './measure.ts';
import { frameScore } from '../guidance/score.ts';
import type { FrameRequest, FrameSource, FromWorker, ToWorker } from './protocol.ts';
import { bakedAssetNames, MODEL_FILES } from './assets.ts';

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
    const instance = new Human(humanConfig(assetsBaseUrl, { names: bakedAssetNames() }));
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

/** The crop, scaled to the analysis size, as pixels (one canvas reused across frames). */
function pixels(bitmap: FrameSource, request: FrameRequest): ImageData {
  const { width, height } = request.analysisSize;
  if (!canvas || canvas.width !== width || canvas.height !== height) {
    canvas = new OffscreenCanvas(width, height);
    ctx = canvas.getContext('2d', { willReadFrequently: true });
  }
  if (!ctx) throw new Error('2D context unavailable in the worker');
  const { sx, sy, sw, sh } = request.region;
  ctx.imageSmoothingQuality = 'medium';
  ctx.drawImage(bitmap, sx, sy, sw, sh, 0, 0, width, height);
  return ctx.getImageData(0, 0, width, height);
}

/** The crop at upload size, for a frame that may become the capture. */
function keepCrop(bitmap: FrameSource, request: FrameRequest): Promise<ImageBitmap> {
  const { sx, sy, sw, sh } = request.region;
  const scaled = request.crop.width !== sw || request.crop.height !== sh;
  return scaled
    ? createImageBitmap(bitmap, sx, sy, sw, sh, { resizeWidth: request.crop.width, resizeHeight: request.crop.height, resizeQuality: 'high' })
    : createImageBitmap(bitmap, sx, sy, sw, sh);
}

function wouldKeep(request: FrameRequest, score: number): boolean {
  return request.keep && (request.keepAbove === null || score > request.keepAbove);
}

async function analyse(message: Extract<ToWorker, { type: 'analyse' }>): Promise<void> {
  const started = performance.now();
  const { request } = message;
  try {
    if (!human) throw new Error('analysis not ready');
    const image = pixels(message.bitmap, request);
    let full: ImageBitmap | null = null;
    let measurement: Measurement;
    try {
      const result = await human.detect(image);
      measurement = measure({
        faces: toFaceInputs(result.face),
        image,
        crop: request.crop,
        previous: request.previous,
        at: request.at,
      });
      // The full-size crop costs more than the detection: made only for a frame that would
      // become the window's best, judged by the same score the window uses.
      if (wouldKeep(request, frameScore(measurement.readings).score)) full = await keepCrop(message.bitmap, request);
    } finally {
      message.bitmap.close();
    }
    const answer: FromWorker = { type: 'result', id: message.id, measurement, ms: performance.now() - started, full };
    self.postMessage(answer, full ? [full] : []);
  } catch (error) {
    post({ type: 'error', id: message.id, detail: String(error) });
  }
}

self.onmessage = (event: MessageEvent<ToWorker>) => {
  const message = event.data;
  if (message.type === 'init') void init(message.assetsBaseUrl);
  else void analyse(message);
};
