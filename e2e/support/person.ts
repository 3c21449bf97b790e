import type { Page } from '@playwright/test';

/**
 * A cooperative person in front of the scripted camera: reads the widget's `data-hint` and
 * `data-hint-move` every 100 ms and, after a human reaction delay, moves the way the hint
 * says at a human pace, until the widget stops guiding. Runs in the page, on the camera's
 * scene (scripted-camera.ts), so nothing waits on the test process.
 */
export interface Pace {
  /** How long it takes the person to react to a hint, ms. */
  reactionMs: number;
  /** Sideways and up/down, share of the frame per 100 ms. */
  move: number;
  /** Closer or further: scale change per 100 ms (0.03: 3 %). */
  zoom: number;
  /** Degrees per 100 ms, for turning, nodding and tilting. */
  turn: number;
  /** Light added or taken per 100 ms (the scene's light is 1 as shot). */
  light: number;
}

export const HUMAN_PACE: Pace = { reactionMs: 300, move: 0.01, zoom: 0.03, turn: 3, light: 0.08 };

/** What the person saw: each change of hint (code and move), when, and the state. */
export interface Seen {
  at: number;
  hint: string;
  move: string;
  state: string;
}

declare global {
  interface Window {
    __person?: { seen: Seen[]; moves: number };
  }
}

/** Pose stills exist for these yaw and pitch steps (degrees); the person turns between them. */
export interface PersonOptions {
  pace?: Pace;
  poseStep: number;
}

export async function installPerson(page: Page, options: PersonOptions): Promise<void> {
  await page.addInitScript({
    content: `(${PERSON_SOURCE})(${JSON.stringify({ pace: options.pace ?? HUMAN_PACE, poseStep: options.poseStep })});`,
  });
}

export function seen(page: Page): Promise<Seen[]> {
  return page.evaluate(() => window.__person?.seen ?? []);
}

const PERSON_SOURCE = `function ({ pace, poseStep }) {
  const person = { seen: [], moves: 0 };
  window.__person = person;
  const root = () => document.querySelector('.okl-root');
  const toward = (value, goal, step) => (Math.abs(goal - value) <= step ? goal : value + Math.sign(goal - value) * step);
  const stepPose = (value, direction) => Math.round((value + direction * poseStep) / poseStep) * poseStep;
  // "Look straight at the camera" with no direction: a person knows how they are turned.
  const straighten = (s) => ({ yaw: stepPose(s.yaw, -Math.sign(s.yaw)), pitch: stepPose(s.pitch, -Math.sign(s.pitch)), roll: toward(s.roll, 0, pace.turn) });
  const ACT = {
    FACE_TOO_SMALL: (s) => ({ scale: s.scale * (1 + pace.zoom) }),
    FACE_TOO_CLOSE: (s) => ({ scale: s.scale / (1 + pace.zoom) }),
    TOO_DARK: (s) => ({ light: Math.min(1, s.light + pace.light) }),
    TOO_BRIGHT: (s) => ({ light: s.light - pace.light }),
    // Where is the face? A person looks for the oval: towards the middle of the picture, facing it.
    FACE_NOT_FOUND: (s) => ({ fx: toward(s.fx, 0.5, pace.move), fy: toward(s.fy, 0.46, pace.move), ...straighten(s) }),
  };
  // A person who is sent back the way they came slows down on that axis, as anyone does after
  // overshooting: each reversal halves their step there (to a quarter at the least).
  const gain = { x: 1, y: 1 };
  const lastWay = { x: 0, y: 0 };
  const stepOn = (axis, way) => {
    if (lastWay[axis] !== 0 && way !== lastWay[axis]) gain[axis] = Math.max(0.25, gain[axis] / 2);
    lastWay[axis] = way;
    return way * pace.move * gain[axis];
  };
  // The hint's words in the person's own terms on the mirrored preview. Their left is the
  // camera image's right, so moving left moves the face right in the camera image.
  const MOVE = {
    'move-left': (s) => ({ fx: s.fx + stepOn('x', 1) }),
    'move-right': (s) => ({ fx: s.fx + stepOn('x', -1) }),
    'move-up': (s) => ({ fy: s.fy + stepOn('y', -1) }),
    'move-down': (s) => ({ fy: s.fy + stepOn('y', 1) }),
    // A head turned to the image's right is turned to the person's left: turning right undoes it.
    'turn-right': (s) => ({ yaw: stepPose(s.yaw, -1) }),
    'turn-left': (s) => ({ yaw: stepPose(s.yaw, 1) }),
    'chin-down': (s) => ({ pitch: stepPose(s.pitch, -1) }),
    'chin-up': (s) => ({ pitch: stepPose(s.pitch, 1) }),
    // Clockwise in the camera image is towards the person's left shoulder.
    'tilt-right': (s) => ({ roll: s.roll - pace.turn }),
    'tilt-left': (s) => ({ roll: s.roll + pace.turn }),
  };
  let turnCredit = 0;
  setInterval(() => {
    const el = root();
    const camera = window.__scriptedCamera;
    if (!el || !camera) return;
    const now = performance.now();
    const hint = el.getAttribute('data-hint') || '';
    const move = el.getAttribute('data-hint-move') || '';
    const state = el.getAttribute('data-state') || '';
    const last = person.seen[person.seen.length - 1];
    if (!last || last.hint !== hint || last.move !== move || last.state !== state) person.seen.push({ at: now, hint, move, state });
    if (state !== 'ready') return;
    // React to what was on screen a reaction time ago.
    let acting = null;
    for (const entry of person.seen) if (entry.at <= now - pace.reactionMs) acting = entry;
    if (!acting || acting.state !== 'ready' || !acting.hint) return;
    const scene = camera.get();
    let patch = null;
    if (acting.move && MOVE[acting.move]) {
      const posed = acting.move.startsWith('turn') || acting.move.startsWith('chin');
      // Pose stills come in steps: a turn advances a step once enough time has passed for it.
      if (posed) {
        turnCredit += pace.turn;
        if (turnCredit < poseStep) return;
        turnCredit -= poseStep;
      }
      patch = MOVE[acting.move](scene);
    } else if (acting.hint === 'FACE_ANGLE_TOO_LARGE') {
      turnCredit += pace.turn;
      if (turnCredit < poseStep) return;
      turnCredit -= poseStep;
      patch = straighten(scene);
    } else if (ACT[acting.hint]) patch = ACT[acting.hint](scene);
    if (!patch) return;
    person.moves++;
    camera.set(patch);
  }, 100);
}`;
