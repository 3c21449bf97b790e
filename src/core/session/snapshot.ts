import { replaceEqualDeep } from '@tanstack/query-core';
import type { CheckResult, JourneyResult } from '../api/requests.ts';
import type { Verdict } from '../api/verdict.ts';
import { constraintsOf, type CameraState } from '../camera/choice.ts';
import type { CameraInfo } from '../camera/devices.ts';
import type { GuidanceSnapshot, HintMove } from '../guidance/types.ts';
import type { DesktopHandoffView } from '../handoff/desktop.ts';
import type { PhoneHandoffView } from '../handoff/phone.ts';
import type { RuleCode } from '../rules/codes.ts';
import { secondsUntil } from './clocks.ts';
import { LIVE_PHASES, type Phase, type SessionData } from './store.ts';
import type { AnalysisUnavailable, Capture, SessionState, WidgetError } from './types.ts';
import { wayForward, type Way } from './way.ts';

/** How the guidance line and the oval look: nothing to say yet, something to fix, or all good. */
export type Tone = 'neutral' | 'warn' | 'good';

export interface CameraView {
  /** What the preview asks getUserMedia for now (the rung of the fault ladder, the chosen device). */
  constraints: MediaTrackConstraints;
  cameras: CameraInfo[];
  /** The camera actually running. */
  active: CameraInfo | undefined;
}

/**
 * Everything a view or a host reads about one widget, derived from the session's own state
 * and its requests' state. Immutable: a new object whenever anything in it changes.
 */
export interface SessionSnapshot {
  status: SessionState;
  phase: Phase;
  journeyId: string | null;
  capture: Capture | null;
  verdict: Verdict | null;
  error: WidgetError | null;
  /** Guidance is unavailable (ANALYSIS_UNAVAILABLE): a notification for the host, not a failure of the flow. */
  notice: AnalysisUnavailable | null;
  /** What the person is asked to fix now (the root's `data-hint`). */
  hint: RuleCode | null;
  /** Which way the hint asks them to move, when it says (the root's `data-hint-move`). */
  hintMove: HintMove | null;
  guidance: GuidanceSnapshot;
  camera: CameraView;
  /** The preview is shown (and asks for the camera). */
  cameraOn: boolean;
  /** The camera has been asked for long enough that the browser is surely waiting on the person's answer. */
  permissionWaitOver: boolean;
  /** The guidance line's and the oval's tone. */
  tone: Tone;
  /** The capture button is offered. */
  manualAvailable: boolean;
  /** A chosen photo is being read and checked. */
  photoBusy: boolean;
  /** After a failure: what the person can do next. */
  way: Way | null;
  /** Whole seconds before the kept image may be sent again (Retry-After); 0 when it may be now. */
  resendIn: number;
  /** The device says it is offline. */
  offline: boolean;
  /** "Try again" resends the kept image now: the way is `resend`, no deadline ahead, the device online. */
  canResend: boolean;
  /** The step may be left (Cancel): anywhere but after a live verdict, which ends it. */
  cancelable: boolean;
  /** The request in flight, if any. */
  requesting: 'journey' | 'check' | null;
  /** The desktop's handoff to a phone (the `handoff` status). */
  handoff: DesktopHandoffView | null;
  /** The person may continue on their phone from here. */
  handoffOffered: boolean;
  /** On the phone page: the handoff as this phone holds it. */
  phone: PhoneHandoffView | null;
}

export interface SnapshotInput {
  data: SessionData;
  check: CheckResult;
  journey: JourneyResult;
  /** The capture button is offered as soon as the camera is ready (auto-capture off, or no delay). */
  manualAtOnce: boolean;
  /** The host offers the phone handoff. */
  handoff?: boolean;
  /** Epoch ms: the countdowns are read against it. */
  now: number;
  online: boolean;
}

function statusOf(phase: Phase, check: CheckResult): SessionState {
  if (phase === 'failed') return 'error';
  if (phase !== 'captured') return phase;
  if (check.status === 'pending') return 'submitting';
  if (check.status === 'success') return 'result';
  if (check.status === 'error') return 'error';
  return 'captured';
}

function cameraView(state: CameraState): CameraView {
  return {
    constraints: constraintsOf(state),
    cameras: state.cameras,
    active: state.cameras.find((c) => c.deviceId === state.activeId),
  };
}

/** Neutral until the first analysed frame and while the rest is still being read; warn while there is something to fix. */
function toneOf(phase: Phase, guidance: SessionData['guidance']): Tone {
  if (phase !== 'ready' || guidance.stage === 'unavailable' || guidance.frame === 0) return 'neutral';
  if (guidance.hint) return 'warn';
  return guidance.pending.length > 0 ? 'neutral' : 'good';
}

/** Where "Continue on your phone" is offered: before and around the camera, and after its faults. */
const OFFERED_IN: ReadonlySet<Phase> = new Set<Phase>(['idle', 'camera_starting', 'ready', 'failed']);

export function deriveSnapshot({
  data,
  check,
  journey,
  manualAtOnce,
  handoff,
  now,
  online,
}: SnapshotInput): SessionSnapshot {
  const { phase, guidance } = data;
  const status = statusOf(phase, check);
  const error =
    phase === 'failed' ? data.failure : phase === 'captured' && check.status === 'error' ? check.error : null;
  const live = phase === 'ready' || phase === 'capturing';
  const hint = live ? (guidance.hint?.code ?? null) : error?.code === 'FILE_REJECTED' ? (error.reason ?? null) : null;
  const way = error ? wayForward(error, data.capture !== null) : null;
  const resendIn = way === 'resend' ? secondsUntil(error?.retryAt, now) : 0;
  return {
    status,
    phase,
    journeyId: data.journeyId,
    capture: data.capture,
    verdict: status === 'result' ? (check.data ?? null) : null,
    error,
    notice: data.notice,
    hint,
    hintMove: live ? (guidance.hint?.move ?? null) : null,
    guidance,
    camera: cameraView(data.camera),
    cameraOn: LIVE_PHASES.has(phase) && !data.photoBusy,
    permissionWaitOver: phase === 'camera_starting' && data.permissionWaitOver,
    tone: toneOf(phase, guidance),
    // A crop under the contract's minimum cannot meet the size rules inside the oval: the person
    // takes the selfie by hand, flagged lowResolution, rather than chase a hint they cannot clear.
    manualAvailable:
      phase === 'ready' &&
      (manualAtOnce || guidance.analysis === 'unavailable' || guidance.lowResolution || data.manualTimedOut),
    photoBusy: data.photoBusy,
    way,
    resendIn,
    offline: !online,
    canResend: way === 'resend' && resendIn === 0 && online,
    cancelable: !(status === 'result' && check.data?.outcome === 'live'),
    requesting: journey.status === 'pending' ? 'journey' : check.status === 'pending' ? 'check' : null,
    handoff: phase === 'handoff' ? data.handoff : null,
    // A refused configuration is the host's to fix, whatever device the person uses.
    handoffOffered: handoff === true && OFFERED_IN.has(phase) && error?.source !== 'config',
    phone: data.phone,
  };
}

/**
 * The next snapshot, structurally shared with the previous one (query-core's replaceEqualDeep):
 * the previous object when nothing in it changed, and every unchanged part (the camera's
 * constraints, the guidance readings) keeps its identity, so subscribers and selectors see
 * change only where there is some.
 */
export function stableSnapshot(previous: SessionSnapshot | null, next: SessionSnapshot): SessionSnapshot {
  return previous ? replaceEqualDeep(previous, next) : next;
}
