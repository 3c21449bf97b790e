import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Verdict } from '../api/verdict.ts';
import type { RuleCode } from '../rules/codes.ts';
import type { Capture, SessionState, WidgetError } from './types.ts';
import { createGuidanceSlice, type GuidanceSlice } from './guidance-slice.ts';

/**
 * Allowed moves of the capture session. Anything else is ignored, which is what makes a
 * double click or a late camera callback harmless.
 */
export const TRANSITIONS: Readonly<Record<SessionState, readonly SessionState[]>> = {
  idle: ['camera_starting', 'error'],
  camera_starting: ['ready', 'error', 'idle'],
  ready: ['capturing', 'camera_starting', 'error', 'idle'],
  capturing: ['captured', 'ready', 'error', 'idle'],
  captured: ['submitting', 'camera_starting', 'idle'],
  submitting: ['result', 'error', 'idle'],
  result: ['camera_starting', 'idle'],
  // capturing: a photo chosen in the image-file fallback after a camera fault.
  error: ['camera_starting', 'submitting', 'capturing', 'idle'],
};

export function canMove(from: SessionState, to: SessionState): boolean {
  return TRANSITIONS[from].includes(to);
}

export interface SessionData {
  status: SessionState;
  /** The current requirement code shown to the person, or null when nothing is wrong. */
  hint: RuleCode | null;
  journeyId: string | null;
  /** Kept until a final verdict so a transient failure never costs a recapture. */
  capture: Capture | null;
  verdict: Verdict | null;
  error: WidgetError | null;
}

export interface SessionActions {
  startCamera(): boolean;
  cameraReady(): boolean;
  setHint(hint: RuleCode | null): void;
  setJourneyId(journeyId: string | null): void;
  beginCapture(): boolean;
  /** Capture failed or was abandoned: back to the live camera. */
  cancelCapture(): boolean;
  captured(capture: Capture): boolean;
  /** Starts a check of the kept capture; false when one is already in flight or nothing is kept. */
  submit(): boolean;
  resolve(verdict: Verdict): boolean;
  fail(error: WidgetError): boolean;
  /** Drops the capture and verdict and goes back to the camera. */
  retake(): boolean;
  reset(): void;
}

export type SessionStore = StoreApi<SessionData & SessionActions & GuidanceSlice>;

const initial: SessionData = {
  status: 'idle',
  hint: null,
  journeyId: null,
  capture: null,
  verdict: null,
  error: null,
};

export function createSessionStore(seed: Partial<Pick<SessionData, 'journeyId'>> = {}): SessionStore {
  return createStore<SessionData & SessionActions & GuidanceSlice>()((set, get) => {
    const move = (to: SessionState, patch: Partial<SessionData> = {}): boolean => {
      if (!canMove(get().status, to)) return false;
      set({ ...patch, status: to });
      return true;
    };
    return {
      ...createGuidanceSlice(set, get),
      ...initial,
      journeyId: seed.journeyId ?? null,
      startCamera: () => move('camera_starting', { error: null, verdict: null, capture: null, hint: null }),
      cameraReady: () => move('ready', { error: null }),
      setHint: (hint) => {
        if (get().hint !== hint) set({ hint });
      },
      setJourneyId: (journeyId) => set({ journeyId }),
      beginCapture: () => move('capturing'),
      cancelCapture: () => move('ready'),
      captured: (capture) => move('captured', { capture, hint: null }),
      submit: () => {
        const { capture, status, error } = get();
        if (!capture) return false;
        // From an error only when the failure was of the path, not of the image.
        if (status === 'error' && !(error?.source === 'api' && error.retryable)) return false;
        return move('submitting', { error: null });
      },
      resolve: (verdict) => move('result', { verdict, error: null }),
      fail: (error) => move('error', { error }),
      retake: () => move('camera_starting', { capture: null, verdict: null, error: null, hint: null }),
      reset: () => set({ ...initial, journeyId: get().journeyId }),
    };
  });
}
