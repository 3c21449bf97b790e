/**
 * Stand-ins for what a capture session touches outside itself, so the whole flow runs in Node:
 * a camera whose stream can be unplugged, a frame feed, an analysis client whose readings a
 * test scripts, and an encoder that needs no canvas. For tests only.
 */
import type { HandoffEnvironment } from '../handoff.ts';
import { QueryClient } from '@tanstack/query-core';
import { vi } from 'vitest';
import type {
  AnalysisClient,
  AnalysisStage,
  AnalysisStatus,
  FrameAnalysis,
  StillAnalysis,
} from '../../analysis/client/client.ts';
import { latch } from '../../analysis/client/latch.ts';
import type { Measurement } from '../../analysis/measure/measure.ts';
import type { AnalysisFailure } from '../../analysis/protocol.ts';
import type { CameraStream, MediaDevicesLike } from '../../camera/control.ts';
import type { DeviceInfoLike } from '../../camera/devices.ts';
import type { PermissionsLike } from '../../camera/permission.ts';
import { portraitCrop } from '../../capture/crop.ts';
import { fakeEncode, jpegBytes } from '../../capture/testing/encode.ts';
import type { PhotoTools } from '../../capture/photo.ts';
import type { ProbeStill, StillProbe } from '../../capture/still-check.ts';
import type { Box, FaceGeometry } from '../../analysis/types.ts';
import type { FrameFeed } from '../../guidance/sampler.ts';
import { evaluate } from '../../rules/evaluate.ts';
import { frameScore } from '../../rules/score.ts';
import type { ReadingKey, Readings } from '../../rules/table.ts';
import { COMPLIANT_READINGS } from '../../rules/testing/readings.ts';
import type { SessionEnvironment } from '../environment.ts';
import type { CameraErrorCode } from '../types.ts';

export { fakeEncode, jpegBytes };

export const COMPLIANT: Readings = COMPLIANT_READINGS;

export const FAR: Readings = { ...COMPLIANT, faceSide: 150, eyeDistance: 60 };
export const NO_FACE: Readings = { ...COMPLIANT, faceCount: 0 };

/** A camera track that can end on its own (unplugged) and records whether we stopped it. */
export class FakeTrack extends EventTarget {
  readyState: 'live' | 'ended' = 'live';
  stopped = false;
  constructor(
    readonly label = 'Front camera',
    readonly deviceId = 'front',
  ) {
    super();
  }
  getSettings() {
    return { deviceId: this.deviceId };
  }
  stop() {
    this.stopped = true;
    this.readyState = 'ended';
  }
  /** The device went away: the browser ends the track without us stopping it. */
  unplug() {
    this.readyState = 'ended';
    this.dispatchEvent(new Event('ended'));
  }
}

export function fakeStream(track = new FakeTrack()): CameraStream & { track: FakeTrack } {
  return { track, getTracks: () => [track], getVideoTracks: () => [track] };
}

/** A frame feed with a steady clock: each sample is 100 ms after the last, so windows fill in a few frames. */
export function fakeFeed(
  options: { width?: number; height?: number; blank?: boolean } = {},
): FrameFeed & { samples: number } {
  const width = options.width ?? 1920;
  const height = options.height ?? 1080;
  const plan = portraitCrop(width, height);
  let at = 0;
  const feed = {
    samples: 0,
    nextFrame: () => new Promise<void>((resolve) => setTimeout(resolve, 1)),
    sample: async () => {
      feed.samples += 1;
      at += 100;
      return { at, plan, frame: { close: () => undefined } as unknown as VideoFrame };
    },
    still: () => (options.blank ? null : { source: {} as CanvasImageSource, plan, camera: { width, height } }),
  };
  return feed;
}

export interface FakeAnalysis extends AnalysisClient {
  /** What the next frames read. */
  readings: Readings;
  /** Readings of a still (the photo fallback). */
  still: Readings;
  frames: number;
  /** Readings the frames cannot take yet (the detector stage: the mesh is loading). */
  pending: ReadingKey[];
  /** The face the next frames find (crop pixels), or none. */
  face: FaceGeometry | null;
  become(stage: AnalysisStage, failure?: AnalysisFailure): void;
}

function measurementOf(readings: Readings, pending: ReadingKey[] = [], face: FaceGeometry | null = null): Measurement {
  return pending.length ? { readings, face, motionSample: null, pending } : { readings, face, motionSample: null };
}

/** A face filling the middle of an 810x1080 crop. */
export function faceAt(box: Box): FaceGeometry {
  const centre = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  return { box, centre, leftEye: centre, rightEye: centre, outline: [], offset: { x: 0, y: 0 }, pose: null };
}

/** An analysis client whose readings the test sets; frames it would keep come back as closable bitmaps. */
export function fakeAnalysis(initial: AnalysisStage = 'ready'): FakeAnalysis {
  let stage: AnalysisStage = initial;
  const statusOf = (s: AnalysisStage): AnalysisStatus => (s === 'detector' ? 'loading' : s);
  let failure: AnalysisFailure | null = null;
  const listeners = new Set<(s: AnalysisStatus) => void>();
  const stageListeners = new Set<(s: AnalysisStage) => void>();
  const [ready, settle] = latch<boolean>();
  const [detectorReady, settleDetector] = latch<boolean>();
  const settleFor = (s: AnalysisStage) => {
    if (s !== 'loading') settleDetector(s !== 'unavailable');
    if (s === 'ready' || s === 'unavailable') settle(s === 'ready');
  };
  settleFor(initial);
  const fake: FakeAnalysis = {
    readings: COMPLIANT,
    still: COMPLIANT,
    frames: 0,
    pending: [],
    face: null,
    get status() {
      return statusOf(stage);
    },
    get stage() {
      return stage;
    },
    detectorReady,
    subscribeStage(listener) {
      stageListeners.add(listener);
      return () => stageListeners.delete(listener);
    },
    get failure() {
      return failure;
    },
    ready,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    become(next, why) {
      stage = next;
      failure = why ?? null;
      settleFor(next);
      for (const l of stageListeners) l(next);
      for (const l of listeners) l(statusOf(next));
    },
    async analyseFrame(frame, request): Promise<FrameAnalysis> {
      frame.close();
      fake.frames += 1;
      await new Promise((resolve) => setTimeout(resolve, 1));
      const full = request.keep
        ? ({ width: request.crop.width, height: request.crop.height, close: vi.fn() } as unknown as ImageBitmap)
        : null;
      // The worker makes no capture candidate while readings are pending.
      return {
        measurement: measurementOf(fake.readings, fake.pending, fake.face),
        score: frameScore(fake.readings, request.rules).score,
        full: fake.pending.length ? null : full,
        ms: 5,
      };
    },
    async analyseStill(image, rules): Promise<StillAnalysis> {
      void image;
      return {
        measurement: measurementOf(fake.still),
        evaluation: evaluate(fake.still, { mode: 'limit', ...(rules ? { rules } : {}) }),
        width: 810,
        height: 1080,
      };
    },
    dispose: vi.fn(),
  };
  return fake;
}

/** A read-back of a real picture: spread out, its face as bright as COMPLIANT's reading. */
export const GOOD_STILL: StillProbe = {
  samples: Array.from({ length: 64 }, (_, i) => (i * 37) % 256),
  faceLuma: COMPLIANT.brightness,
};
/** What a blank (all-black) JPEG reads back as. */
export const BLANK_STILL: StillProbe = { samples: Array.from({ length: 64 }, () => 0), faceLuma: 0 };

/** Reads back the planted probes first, then good stills; records the face region each read asked for. */
export function fakeProbe(): ProbeStill & { planted: StillProbe[]; regions: Array<Box | null> } {
  const probe = Object.assign(
    async (_blob: Blob, region: Box | null) => {
      probe.regions.push(region);
      const planted = probe.planted.shift();
      return planted
        ? { ...planted, faceLuma: region ? planted.faceLuma : null }
        : { ...GOOD_STILL, faceLuma: region ? GOOD_STILL.faceLuma : null };
    },
    { planted: [] as StillProbe[], regions: [] as Array<Box | null> },
  );
  return probe;
}

/** Photo decoding without a browser: any Blob decodes unless its type says otherwise. */
export const FAKE_PHOTO_TOOLS: PhotoTools = {
  decode: async (file) => {
    if (file.type === 'text/plain') throw new Error('not an image');
    return Object.assign({} as CanvasImageSource, { width: 1200, height: 1600, close: () => undefined });
  },
  encode: fakeEncode(),
};

export class FakeDevices extends EventTarget implements MediaDevicesLike {
  constructor(public devices: DeviceInfoLike[] = [{ kind: 'videoinput', deviceId: 'front', label: 'Front camera' }]) {
    super();
  }
  async enumerateDevices() {
    return this.devices;
  }
  override addEventListener(type: 'devicechange', listener: () => void): void {
    super.addEventListener(type, listener);
  }
  override removeEventListener(type: 'devicechange', listener: () => void): void {
    super.removeEventListener(type, listener);
  }
}

/** A Permissions API whose camera state the test flips. */
export function fakePermissions(): PermissionsLike & { grant(): void } {
  const status = Object.assign(new EventTarget(), { state: 'denied' });
  return {
    query: async () => status,
    grant() {
      status.state = 'granted';
      status.dispatchEvent(new Event('change'));
    },
  };
}

export interface TestEnvironment extends SessionEnvironment {
  /** Takes the device offline or back online, as the browser's events would. */
  setOnline(online: boolean): void;
  analysis: FakeAnalysis;
  probe: ReturnType<typeof fakeProbe>;
  devices: FakeDevices;
}

export function testEnvironment(
  overrides: {
    precondition?: CameraErrorCode | null;
    analysis?: FakeAnalysis;
    permissions?: PermissionsLike;
    now?: () => number;
    devices?: FakeDevices;
    handoff?: HandoffEnvironment;
  } = {},
): TestEnvironment {
  const analysis = overrides.analysis ?? fakeAnalysis();
  const devices = overrides.devices ?? new FakeDevices();
  const storage = new Map<string, string>();
  let online = true;
  const onlineListeners = new Set<() => void>();
  return {
    setOnline(next) {
      online = next;
      onlineListeners.forEach((listener) => listener());
    },
    connectivity: {
      online: () => online,
      subscribe(listener) {
        onlineListeners.add(listener);
        return () => onlineListeners.delete(listener);
      },
    },
    analysis,
    devices,
    queryClient: new QueryClient(),
    createAnalysis: () => analysis,
    camera: { devices, permissions: overrides.permissions, handheld: false },
    precondition: () => overrides.precondition ?? null,
    storage: { getItem: (k) => storage.get(k) ?? null, setItem: (k, v) => void storage.set(k, v) },
    encode: fakeEncode(),
    probe: fakeProbe(),
    photo: FAKE_PHOTO_TOOLS,
    shrink: undefined,
    doc: undefined,
    handoff: overrides.handoff ?? fakeHandoffEnvironment(),
    now: overrides.now ?? Date.now,
  };
}

/** No EventSource (the desktop polls), a token the test sets, a Map for the tab's storage, a page that hides on demand. */
export function fakeHandoffEnvironment(
  token: string | null = null,
): HandoffEnvironment & { hide(): void; kept: Map<string, string> } {
  const kept = new Map<string, string>();
  const hiders = new Set<() => void>();
  let pending = token;
  return {
    eventSource: undefined,
    pollMs: 20,
    heartbeatMs: 20,
    takeToken() {
      const taken = pending;
      pending = null;
      return taken;
    },
    storage: {
      getItem: (k) => kept.get(k) ?? null,
      setItem: (k, v) => void kept.set(k, v),
      removeItem: (k) => void kept.delete(k),
    },
    onPageHide(listener) {
      hiders.add(listener);
      return () => hiders.delete(listener);
    },
    hide: () => hiders.forEach((listener) => listener()),
    kept,
  };
}
