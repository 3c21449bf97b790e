import { describe, expect, it, vi } from 'vitest';
import { createAnalysisClient, DISPOSE_GRACE_MS, type AnalysisStage } from './client.ts';
import type { FrameRequest, FromWorker, ToWorker } from '../protocol.ts';

/** A worker the test speaks for: it records what the client sends and answers on demand. */
function fakeWorker() {
  const sent: ToWorker[] = [];
  const worker = {
    onmessage: null as ((event: MessageEvent<FromWorker>) => void) | null,
    onerror: null as (() => void) | null,
    terminated: false,
    postMessage(message: ToWorker) {
      sent.push(message);
    },
    terminate() {
      this.terminated = true;
    },
  };
  const say = (m: FromWorker) => worker.onmessage?.({ data: m } as MessageEvent<FromWorker>);
  return { worker, sent, say, create: () => worker as unknown as Worker };
}

const request: FrameRequest = {
  region: { sx: 0, sy: 0, sw: 30, sh: 40 },
  analysisSize: { width: 30, height: 40 },
  crop: { width: 30, height: 40 },
  keep: false,
  keepAbove: null,
  at: 0,
  previous: null,
};
const frame = () => ({
  closed: false,
  close() {
    this.closed = true;
  },
});
const measurement = {
  readings: { faceCount: 0, cropHeight: 40 },
  face: null,
  motionSample: null,
} as unknown as Extract<FromWorker, { type: 'result' }>['measurement'];

describe('the analysis client follows the worker through its stages', () => {
  it.each<[string, FromWorker[], AnalysisStage, 'loading' | 'ready' | 'unavailable', boolean]>([
    // name, worker says, stage, status, can analyse a frame
    ['nothing yet', [], 'loading', 'loading', false],
    ['the detector is in', [{ type: 'detector-ready', backend: 'wasm', loadMs: 1 }], 'detector', 'loading', true],
    [
      'the mesh too',
      [
        { type: 'detector-ready', backend: 'wasm', loadMs: 1 },
        { type: 'ready', backend: 'wasm', loadMs: 2 },
      ],
      'ready',
      'ready',
      true,
    ],
    [
      'the mesh fails after the detector',
      [
        { type: 'detector-ready', backend: 'wasm', loadMs: 1 },
        { type: 'failed', reason: 'LOAD_FAILED', detail: 'facemesh' },
      ],
      'unavailable',
      'unavailable',
      false,
    ],
    [
      'the detector fails',
      [{ type: 'failed', reason: 'LOAD_FAILED', detail: 'blazeface' }],
      'unavailable',
      'unavailable',
      false,
    ],
  ])('%s', async (_name, messages, stage, status, analyses) => {
    const fake = fakeWorker();
    const warn = console.warn;
    console.warn = () => undefined;
    const client = createAnalysisClient({ createWorker: fake.create, assetsBaseUrl: 'http://localhost/a/' });
    const stages: AnalysisStage[] = [];
    client.subscribeStage((s) => stages.push(s));
    for (const m of messages) fake.say(m);
    console.warn = warn;
    expect(client.stage).toBe(stage);
    expect(client.status).toBe(status);
    expect(fake.sent[0]).toEqual({ type: 'init', assetsBaseUrl: 'http://localhost/a/' });
    const f = frame();
    const answer = client.analyseFrame(f as unknown as ImageBitmap, request);
    if (analyses) {
      const asked = fake.sent.at(-1);
      expect(asked?.type).toBe('analyse');
      if (asked?.type === 'analyse')
        fake.say({
          type: 'result',
          id: asked.id,
          measurement,
          score: 0.7,
          ms: 5,
          full: null,
          memory: { tensors: 12, tensorBytes: 4096, wasmHeapBytes: 1 << 24 },
        });
      await expect(answer).resolves.toMatchObject({ score: 0.7, ms: 5, memory: { tensors: 12 } });
    } else {
      await expect(answer).rejects.toThrow();
      expect(f.closed).toBe(true);
    }
    expect(fake.worker.terminated).toBe(status === 'unavailable');
    client.dispose();
  });

  it('dispose lets the worker close the frames it holds, rejects what is pending, and ends the worker after a grace', async () => {
    vi.useFakeTimers();
    try {
      const fake = fakeWorker();
      const client = createAnalysisClient({ createWorker: fake.create });
      fake.say({ type: 'ready', backend: 'wasm', loadMs: 1 });
      await Promise.resolve();
      const answer = client.analyseFrame(frame() as unknown as ImageBitmap, request);
      client.dispose();
      await expect(answer).rejects.toThrow();
      expect(fake.sent.at(-1)).toEqual({ type: 'dispose' });
      expect(fake.worker.terminated).toBe(false);
      vi.advanceTimersByTime(DISPOSE_GRACE_MS);
      expect(fake.worker.terminated).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });

  it('detectorReady resolves at the detector, ready only with the mesh', async () => {
    const fake = fakeWorker();
    const client = createAnalysisClient({ createWorker: fake.create });
    const seen: string[] = [];
    void client.detectorReady.then((ok) => seen.push(`detector ${ok}`));
    void client.ready.then((ok) => seen.push(`ready ${ok}`));
    fake.say({ type: 'detector-ready', backend: 'wasm', loadMs: 1 });
    await Promise.resolve();
    expect(seen).toEqual(['detector true']);
    fake.say({ type: 'ready', backend: 'wasm', loadMs: 2 });
    await Promise.resolve();
    expect(seen).toEqual(['detector true', 'ready true']);
    client.dispose();
  });

  it('a frame in flight when the mesh fails is rejected, not left hanging', async () => {
    const fake = fakeWorker();
    const warn = console.warn;
    console.warn = () => undefined;
    const client = createAnalysisClient({ createWorker: fake.create });
    fake.say({ type: 'detector-ready', backend: 'wasm', loadMs: 1 });
    const answer = client.analyseFrame(frame() as unknown as ImageBitmap, request);
    fake.say({ type: 'failed', reason: 'LOAD_FAILED', detail: 'facemesh' });
    console.warn = warn;
    await expect(answer).rejects.toThrow(/unavailable/);
    await expect(client.detectorReady).resolves.toBe(true);
    await expect(client.ready).resolves.toBe(false);
  });
});

describe('where the worker is started from', () => {
  /** A Worker constructor that records the address it is given and never runs anything. */
  function recordingWorker() {
    const urls: string[] = [];
    class RecordingWorker {
      onmessage = null;
      onerror = null;
      constructor(url: URL | string) {
        urls.push(String(url));
      }
      postMessage() {}
      terminate() {}
    }
    return { urls, RecordingWorker };
  }

  function withWorker(RecordingWorker: unknown, run: () => void) {
    const saved = Object.getOwnPropertyDescriptor(globalThis, 'Worker');
    Object.defineProperty(globalThis, 'Worker', { value: RecordingWorker, configurable: true, writable: true });
    try {
      run();
    } finally {
      if (saved) Object.defineProperty(globalThis, 'Worker', saved);
      else Reflect.deleteProperty(globalThis, 'Worker');
    }
  }

  it('a bundled address no page can start a worker from (file://) is refused before any Worker: NO_WORKER, saying what to do', () => {
    const { urls, RecordingWorker } = recordingWorker();
    withWorker(RecordingWorker, () => {
      // Unbundled (this test), the worker resolves to a file:// source path, as under Next.js.
      const client = createAnalysisClient({ assetsBaseUrl: 'http://localhost/okaylive-assets/' });
      expect(urls).toEqual([]);
      expect(client.status).toBe('unavailable');
      expect(client.failure).toBe('NO_WORKER');
      expect(client.failureDetail).toMatch(/^the analysis worker resolved to file:.*pass workerUrl/);
      client.dispose();
    });
  });

  it('workerUrl is started as given, relative to the page', () => {
    const { urls, RecordingWorker } = recordingWorker();
    withWorker(RecordingWorker, () => {
      const client = createAnalysisClient({ workerUrl: '/static/worker-abc.js' });
      expect(urls).toEqual(['http://localhost/static/worker-abc.js']);
      expect(client.status).toBe('loading');
      client.dispose();
    });
  });
});
