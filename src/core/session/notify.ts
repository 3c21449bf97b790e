import type { Verdict } from '../api/verdict.ts';
import type { CameraInfo } from '../camera/devices.ts';
import type { GuidanceSnapshot } from '../guidance/types.ts';
import type { SessionSnapshot } from './snapshot.ts';
import type { CaptureMeta, SessionState, WidgetError } from './types.ts';

export interface CameraChange {
  cameras: CameraInfo[];
  active: CameraInfo | undefined;
}

/** What the host hears. Each is called once per change, never after the widget is gone. */
export interface SessionCallbacks {
  onCapture?: ((blob: Blob, meta: CaptureMeta) => void) | undefined;
  onResult?: ((verdict: Verdict) => void) | undefined;
  onError?: ((error: WidgetError) => void) | undefined;
  /** The person chose Cancel: the camera is off and nothing is sent any more. */
  onCancel?: (() => void) | undefined;
  onStateChange?: ((state: SessionState) => void) | undefined;
  /** Guidance after analysed frames: at most every 200 ms, and at once when the hint or the analysis status changes. */
  onGuidance?: ((snapshot: GuidanceSnapshot) => void) | undefined;
  /** The cameras the widget can see (labels readable once allowed) and the one running; on each change. */
  onCameraChange?: ((change: CameraChange) => void) | undefined;
}

export const GUIDANCE_EVENT_INTERVAL_MS = 200;

export interface Notifier {
  /** Compares the new snapshot with the last one told and calls back for what changed. */
  tell(snapshot: SessionSnapshot): void;
  dispose(): void;
}

function cameraKey(s: SessionSnapshot): string {
  return JSON.stringify([s.camera.cameras.map((c) => [c.deviceId, c.label]), s.camera.active?.deviceId ?? null]);
}

/**
 * Turns snapshot changes into the host's callbacks: one place decides what the host hears,
 * so every path (camera, photo, request, cancel) reports the same way.
 */
export function createNotifier(callbacks: () => SessionCallbacks, intervalMs = GUIDANCE_EVENT_INTERVAL_MS): Notifier {
  let told: SessionSnapshot | null = null;
  let camera: string | null = null;
  let lastGuidance = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let pending: GuidanceSnapshot | null = null;

  const emitGuidance = () => {
    timer = null;
    lastGuidance = performance.now();
    if (pending) callbacks().onGuidance?.(pending);
    pending = null;
  };

  const guidance = (next: GuidanceSnapshot, previous: GuidanceSnapshot | undefined) => {
    if (next === previous || !callbacks().onGuidance) return;
    pending = next;
    const urgent = !previous || next.hint?.code !== previous.hint?.code || next.analysis !== previous.analysis;
    if (urgent || performance.now() - lastGuidance >= intervalMs) {
      if (timer) clearTimeout(timer);
      emitGuidance();
    } else timer ??= setTimeout(emitGuidance, intervalMs - (performance.now() - lastGuidance));
  };

  return {
    tell(s) {
      const before = told;
      told = s;
      const on = callbacks();
      if (s.status !== before?.status) on.onStateChange?.(s.status);
      const key = cameraKey(s);
      if (key !== camera) {
        camera = key;
        on.onCameraChange?.({ cameras: s.camera.cameras, active: s.camera.active });
      }
      if (s.capture && s.capture !== before?.capture) on.onCapture?.(s.capture.blob, s.capture.meta);
      if (s.verdict && s.verdict !== before?.verdict) on.onResult?.(s.verdict);
      if (s.error && s.error !== before?.error) on.onError?.(s.error);
      if (s.notice && s.notice !== before?.notice) on.onError?.(s.notice);
      guidance(s.guidance, before?.guidance);
    },
    dispose() {
      if (timer) clearTimeout(timer);
      timer = null;
      pending = null;
    },
  };
}
