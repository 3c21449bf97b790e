import { describe, expect, it } from 'vitest';
import { MemoryJourneys } from './memory-journeys.ts';

const DAY = 24 * 60 * 60 * 1000;

function journeys() {
  let now = 1_000_000;
  return { journeys: new MemoryJourneys(() => now), advance: (ms: number) => (now += ms) };
}

describe('journeys in memory', () => {
  it('are valid until they expire (14 days by default)', () => {
    const { journeys: j, advance } = journeys();
    expect(j.create('a', 14 * DAY, 100)).toBe(true);
    advance(14 * DAY - 1);
    expect(j.reserve('a', 3)).toBe('ok');
    advance(1);
    expect(j.reserve('a', 3)).toBe('unknown');
  });

  it('one journey serves one flow: a bounded number of calls, retakes included; a refund gives one back', () => {
    const { journeys: j } = journeys();
    j.create('a', DAY, 100);
    expect([1, 2, 3, 4].map(() => j.reserve('a', 3))).toEqual(['ok', 'ok', 'ok', 'exhausted']);
    j.refund('a');
    expect(j.reserve('a', 3)).toBe('ok');
    expect(j.reserve('00000000-0000-4000-8000-000000000000', 3)).toBe('unknown');
  });

  it('forgets expired journeys and refuses new ones only while full of live ones', () => {
    const { journeys: j, advance } = journeys();
    expect(j.create('a', 1000, 2)).toBe(true);
    expect(j.create('b', 1000, 2)).toBe(true);
    expect(j.create('c', 1000, 2)).toBe(false);
    advance(1000);
    expect(j.create('c', 1000, 2)).toBe(true);
    expect(j.size).toBe(1);
  });
});
