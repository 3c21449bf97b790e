/// <reference lib="webworker" />
/**
 * The face-analysis worker: the face detector and the landmark network on tfjs' WASM
 * backend, fed camera frames, answering with the rule readings. Keeps the page's main thread
 * free. Both models load together: `detector-ready` and `ready` follow each other at once.
 */
import { frameScore } from '../../rules/score.ts';
import { measure, type Measurement } from '../measure/measure.ts';
import type { FrameRequest, FrameSource, FromWorker, ToWorker } from '../protocol.ts';
import type { RgbaImage } from '../types.ts';
import { copyable, rgbaCopyWorks } from './frame-copy.ts';
import { frameCropper, videoFrameRectsHonoured } from './frame-rects.ts';
import { analysisPixels, copiedAnalysisPixels, copiedUploadCrop, copyFrameCrop, uploadCrop } from './worker-frame.ts';
import { LoadFailure, loadWorkerModels, type WorkerModels } from './worker-models.ts';

declare const self: DedicatedWorkerGlobalScope;

let models: WorkerModels | null = null;

const croppable = frameCropper({ honoursRects: videoFrameRectsHonoured, copy: (frame) => createImageBitmap(frame) });
/** Whether this engine copies a frame's crop out as RGBA correctly (frame-copy.ts), asked once. */
let rgbaCopy: Promise<boolean> | null = null;

/** A frame's crop at analysis size, and at upload size on demand; `release` after both. */
interface FramePixels {
  pixels(): Promise<RgbaImage>;
  upload(): Promise<ImageBitmap>;
  release(): void;
}

async function framePixels(frame: FrameSource, request: FrameRequest): Promise<FramePixels> {
  rgbaCopy ??= rgbaCopyWorks().catch(() => false);
  if (copyable(frame) && (await rgbaCopy)) {
    // One copy serves both the analysis pixels and, for a kept frame, the upload crop.
    let copied: ReturnType<typeof copyFrameCrop> | null = null;
    let scaled: ReturnType<typeof copiedAnalysisPixels> | null = null;
    const crop = () => (copied ??= copyFrameCrop(frame, request));
    const handBack = (made: Promise<{ done: () => void }> | null) =>
      void made?.then(
        ({ done }) => done(),
        () => undefined,
      );
    return {
      pixels: async () => (await (scaled ??= crop().then(({ image }) => copiedAnalysisPixels(image, request)))).image,
      upload: async () => copiedUploadCrop((await crop()).image, request),
      release: () => {
        handBack(copied);
        handBack(scaled);
      },
    };
  }
  // Painted: the frame itself, or its whole copy where the engine ignores VideoFrame rectangles (frame-rects.ts).
  const painted = await croppable(frame);
  return {
    pixels: () => analysisPixels(painted.source, request),
    upload: () => uploadCrop(painted.source, request),
    release: () => painted.release(),
  };
}

function post(message: FromWorker): void {
  self.postMessage(message);
}

function failed(error: unknown): void {
  const reason = error instanceof LoadFailure ? error.reason : 'LOAD_FAILED';
  post({ type: 'failed', reason, detail: error instanceof Error ? error.message : String(error) });
  models = null;
}

async function init(assetsBaseUrl: string): Promise<void> {
  const started = performance.now();
  if (typeof WebAssembly !== 'object') {
    post({ type: 'failed', reason: 'NO_WASM', detail: 'WebAssembly is not available' });
    return;
  }
  try {
    models = await loadWorkerModels(assetsBaseUrl);
  } catch (error) {
    failed(error);
    return;
  }
  const { backend } = models;
  post({ type: 'detector-ready', backend, loadMs: performance.now() - started });
  post({ type: 'ready', backend, loadMs: performance.now() - started });
}

function wouldKeep(request: Extract<ToWorker, { type: 'analyse' }>['request'], score: number): boolean {
  return request.keep && (request.keepAbove === null || score > request.keepAbove);
}

/** Frames being analysed, and whether the page has let go of this worker (it closes when both allow). */
let inFlight = 0;
let closing = false;

function closeWhenIdle(): void {
  if (closing && inFlight === 0) self.close();
}

async function analyse(message: Extract<ToWorker, { type: 'analyse' }>): Promise<void> {
  inFlight += 1;
  try {
    await analyseFrame(message);
  } finally {
    inFlight -= 1;
    closeWhenIdle();
  }
}

async function analyseFrame(message: Extract<ToWorker, { type: 'analyse' }>): Promise<void> {
  const started = performance.now();
  const { request, bitmap } = message;
  try {
    if (!models) {
      bitmap.close();
      throw new Error('analysis not ready');
    }
    let full: ImageBitmap | null = null;
    let measurement: Measurement;
    let score: number;
    try {
      const frame = await framePixels(bitmap, request);
      try {
        const image = await frame.pixels();
        // Every frame gets its landmarks (a few milliseconds): a frame answered from the
        // detector alone would leave the angles pending and make the hint flicker.
        const { faces } = await models.detect(image);
        measurement = measure({ faces, image, crop: request.crop, previous: request.previous, at: request.at });
        // Scored here, once, under the host's rules: the window picks its best by this score, and
        // the full-size crop (dearer than the detection) is made only for a frame that beats it.
        score = frameScore(measurement.readings, request.rules).score;
        if (wouldKeep(request, score)) full = await frame.upload();
      } finally {
        frame.release();
      }
    } finally {
      bitmap.close();
    }
    const answer: FromWorker = {
      type: 'result',
      id: message.id,
      measurement,
      score,
      ms: performance.now() - started,
      full,
      memory: models?.memory() ?? null,
    };
    self.postMessage(answer, full ? [full] : []);
  } catch (error) {
    post({ type: 'error', id: message.id, detail: String(error) });
  }
}

self.onmessage = (event: MessageEvent<ToWorker>) => {
  const message = event.data;
  if (message.type === 'init') void init(message.assetsBaseUrl);
  else if (message.type === 'dispose') {
    closing = true;
    closeWhenIdle();
  } else void analyse(message);
};
