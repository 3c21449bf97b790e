import { describe, expect, it } from 'vitest';
import { JourneyStore } from './journeys.ts';

const DAY = 24 * 60 * 60 * 1000;

function store(options: { ttlMs?: number; maxAttempts?: number; capacity?: number } = {}) {
  let now = 1_000_000;
  const journeys = new JourneyStore({ ttlMs: options.ttlMs ?? 14 * DAY, maxAttempts: options.maxAttempts ?? 3, capacity: options.capacity ?? 100 }, () => now);
  return { journeys, advance: (ms: number) => (now += ms) };
}

describe('reference journeys', () => {
  it('issues distinct UUIDs that are valid until they expire (14 days by default)', () => {
    const { journeys, advance } = store();
    const a = journeys.create();
    const b = journeys.create();
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(a).not.toBe(b);
    if (!a) throw new Error('no journey');
    expect(journeys.state(a)).toBe('ok');
    advance(14 * DAY - 1);
    expect(journeys.state(a)).toBe('ok');
    advance(1);
    expect(journeys.state(a)).toBe('unknown');
  });

  it('one journey serves one flow: a bounded number of calls, retakes included', () => {
    const { journeys } = store({ maxAttempts: 3 });
    const id = journeys.create() ?? '';
    for (let i = 0; i < 3; i++) {
      expect(journeys.state(id)).toBe('ok');
      journeys.recordAttempt(id);
    }
    expect(journeys.state(id)).toBe('exhausted');
    expect(journeys.state('00000000-0000-4000-8000-000000000000')).toBe('unknown');
  });

  it('forgets expired journeys and refuses new ones only while full of live ones', () => {
    const { journeys, advance } = store({ ttlMs: 1000, capacity: 2 });
    expect(journeys.create()).not.toBeNull();
    expect(journeys.create()).not.toBeNull();
    expect(journeys.create()).toBeNull();
    advance(1000);
    expect(journeys.create()).not.toBeNull();
    expect(journeys.size).toBe(1);
  });
});
