import { createStore, type StoreApi } from 'zustand/vanilla';
import { initialCameraState, type CameraState } from '../camera/choice.ts';
import { IDLE_SNAPSHOT, type GuidanceSnapshot } from '../guidance/types.ts';
import type { DesktopHandoffView } from '../handoff/desktop.ts';
import type { PhoneHandoffView } from '../handoff/phone.ts';
import type { AnalysisUnavailable, Capture, WidgetError } from './types.ts';

/**
 * Where the capture flow is, as far as the session itself knows. What happens to a capture
 * once it is sent (submitting, a verdict, an API failure) is the request's own state, owned
 * by its mutation; the status hosts and views see is derived from both (snapshot.ts).
 *  - captured: a capture is kept and it is the request's turn.
 *  - failed: a camera or capture fault (`failure` says which).
 *  - handoff: the desktop waits for the person's phone (`handoff` says how far it is).
 */
export type Phase = 'idle' | 'camera_starting' | 'ready' | 'capturing' | 'captured' | 'failed' | 'handoff';

/**
 * Allowed moves. Anything else is ignored, which is what makes a double click or a late camera
 * callback harmless.
 */
export const PHASE_MOVES: Readonly<Record<Phase, readonly Phase[]>> = {
  idle: ['camera_starting', 'failed', 'handoff'],
  camera_starting: ['ready', 'failed', 'idle', 'handoff'],
  ready: ['capturing', 'camera_starting', 'failed', 'idle', 'handoff'],
  capturing: ['captured', 'ready', 'failed', 'idle'],
  // camera_starting: a new selfie after a verdict or an image the service refused.
  captured: ['camera_starting', 'idle'],
  // capturing: a photo chosen in the image-file fallback after a camera fault.
  failed: ['camera_starting', 'capturing', 'idle', 'handoff'],
  // captured: the phone's answer arrived; capturing: a photo chosen instead;
  // failed: "use this device's camera" on a page where the camera cannot be asked for.
  handoff: ['captured', 'camera_starting', 'capturing', 'idle', 'failed'],
};

export function canMove(from: Phase, to: Phase): boolean {
  return PHASE_MOVES[from].includes(to);
}

/** The camera is wanted on screen in these phases (a photo being read is a capture without it). */
export const LIVE_PHASES: ReadonlySet<Phase> = new Set<Phase>(['camera_starting', 'ready', 'capturing']);

export interface SessionData {
  phase: Phase;
  journeyId: string | null;
  /** Kept until a final verdict so a transient failure never costs a recapture. */
  capture: Capture | null;
  /** A smaller copy of the capture made after a 413, sent instead of it from then on. */
  upload: Blob | null;
  /** The camera or capture fault of the `failed` phase. */
  failure: WidgetError | null;
  /** Guidance became unavailable: told to the host once, while the flow goes on by hand. */
  notice: AnalysisUnavailable | null;
  /** What the latest analysed frame showed; the current hint lives here and nowhere else. */
  guidance: GuidanceSnapshot;
  camera: CameraState;
  /** No automatic capture within `manualCaptureAfterMs` of the camera being ready. */
  manualTimedOut: boolean;
  /** A chosen photo is being decoded and checked. */
  photoBusy: boolean;
  /** The camera has been asked for longer than a permission prompt takes to answer (clocks.ts). */
  permissionWaitOver: boolean;
  /** The desktop's handoff to a phone, while it has one. */
  handoff: DesktopHandoffView | null;
  /** On the phone page: whether this phone holds the handoff. */
  phone: PhoneHandoffView | null;
}

export type SessionStore = StoreApi<SessionData>;

export function createSessionStore(
  seed: { journeyId?: string | undefined; cameraDeviceId?: string | undefined } = {},
): SessionStore {
  return createStore<SessionData>()(() => ({
    phase: 'idle',
    journeyId: seed.journeyId ?? null,
    capture: null,
    upload: null,
    failure: null,
    notice: null,
    guidance: IDLE_SNAPSHOT,
    camera: initialCameraState(seed.cameraDeviceId),
    manualTimedOut: false,
    photoBusy: false,
    permissionWaitOver: false,
    handoff: null,
    phone: null,
  }));
}

/** Moves the phase when the machine allows it, with the rest of the patch; false otherwise. */
export function move(store: SessionStore, to: Phase, patch: Partial<Omit<SessionData, 'phase'>> = {}): boolean {
  if (!canMove(store.getState().phase, to)) return false;
  store.setState({ ...patch, phase: to });
  return true;
}
