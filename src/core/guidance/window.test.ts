import { describe, expect, it } from 'vitest';
import { emptyWindow, stepWindow, type WindowState } from './window.ts';

type Frame = { at: number; compliant: boolean; score: number; item: string | null };

function feed(frames: Frame[]) {
  let state: WindowState<string> = emptyWindow<string>();
  const dropped: string[] = [];
  let readyAt: number | null = null;
  for (const f of frames) {
    const step = stepWindow(state, f, { durationMs: 500, minFrames: 4 });
    state = step.state;
    dropped.push(...step.dropped);
    if (step.ready && readyAt === null) readyAt = f.at;
  }
  return { state, dropped, readyAt };
}

const ok = (at: number, score: number, item: string | null = `f${at}`): Frame => ({ at, compliant: true, score, item });
const bad = (at: number): Frame => ({ at, compliant: false, score: 0, item: null });

describe('stable window', () => {
  it('is ready after 500 ms and 4 compliant frames, keeping the best frame', () => {
    const r = feed([ok(0, 0.5), ok(100, 0.9), ok(200, 0.7), ok(300, 0.6), ok(400, 0.8), ok(500, 0.6)]);
    expect(r.readyAt).toBe(500);
    expect(r.state.best).toMatchObject({ at: 100, score: 0.9, item: 'f100' });
    // Every other full-size frame was given back to be freed.
    expect(r.dropped.sort()).toEqual(['f0', 'f200', 'f300', 'f400', 'f500']);
  });

  it('breaks on a non-compliant frame and starts again', () => {
    const r = feed([
      ok(0, 0.9),
      ok(100, 0.9),
      ok(200, 0.9),
      bad(300),
      ok(400, 0.5),
      ok(500, 0.5),
      ok(600, 0.5),
      ok(700, 0.5),
    ]);
    expect(r.readyAt).toBeNull();
    expect(r.state.startedAt).toBe(400);
    expect(r.dropped).toContain('f0');
  });

  it('needs enough frames, not only enough time', () => {
    const r = feed([ok(0, 0.9), ok(300, 0.9), ok(600, 0.9)]);
    expect(r.readyAt).toBeNull();
  });

  it('counts frames without a kept image towards time but never chooses them', () => {
    const r = feed([ok(0, 0.99, null), ok(100, 0.5), ok(200, 0.6), ok(300, 0.4), ok(500, 0.5)]);
    expect(r.readyAt).toBe(500);
    expect(r.state.best?.item).toBe('f200');
  });
});
