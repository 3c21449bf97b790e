import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { StateStore } from '../store/store.ts';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * What every StateStore must do, run against each implementation: the memory store and the
 * Redis store answer these cases alike. `store()` gives the store under test (set up by the
 * caller's beforeAll); keys are fresh per case, so cases do not see each other's state.
 */
export function storeContract(name: string, store: () => StateStore): void {
  describe(`${name}: the shared-state contract`, { timeout: 20_000 }, () => {
    it('token bucket: a burst of perMinute, then a refusal saying how long to wait; clients apart', async () => {
      const s = store();
      const key = `client-${randomUUID()}`;
      const takes = [];
      for (let i = 0; i < 3; i++) takes.push((await s.takeToken(key, 3)).ok);
      expect(takes).toEqual([true, true, true]);
      const refused = await s.takeToken(key, 3);
      expect(refused.ok).toBe(false);
      // One token per 20 s at 3 a minute.
      if (!refused.ok) expect(refused.retryAfterS).toBeGreaterThanOrEqual(19);
      if (!refused.ok) expect(refused.retryAfterS).toBeLessThanOrEqual(20);
      expect((await s.takeToken(`client-${randomUUID()}`, 3)).ok).toBe(true);
    });

    it('token bucket refills over time', async () => {
      const s = store();
      const key = `client-${randomUUID()}`;
      // 60 a minute: one token a second.
      await Promise.all(Array.from({ length: 60 }, () => s.takeToken(key, 60)));
      expect((await s.takeToken(key, 60)).ok).toBe(false);
      await pause(1100);
      expect((await s.takeToken(key, 60)).ok).toBe(true);
    });

    it('token bucket: concurrent takes never hand out more than the burst', async () => {
      const s = store();
      const key = `client-${randomUUID()}`;
      const results = await Promise.all(Array.from({ length: 40 }, () => s.takeToken(key, 10)));
      expect(results.filter((r) => r.ok)).toHaveLength(10);
    });

    it('journeys: unknown until created; attempts up to max, then exhausted; a refund gives one back', async () => {
      const s = store();
      const id = randomUUID();
      expect(await s.reserveAttempt(id, 2, randomUUID())).toBe('unknown');
      expect(await s.createJourney(id, 60_000, 1_000_000)).toBe(true);
      const first = randomUUID();
      expect(await s.reserveAttempt(id, 2, first)).toBe('ok');
      expect(await s.reserveAttempt(id, 2, randomUUID())).toBe('ok');
      expect(await s.reserveAttempt(id, 2, randomUUID())).toBe('exhausted');
      await s.refundAttempt(id, first);
      expect(await s.reserveAttempt(id, 2, randomUUID())).toBe('ok');
      expect(await s.reserveAttempt(id, 2, randomUUID())).toBe('exhausted');
    });

    it('journeys: a ticket counts once, is refunded once, and a refund that comes first stops it counting', async () => {
      const s = store();
      const id = randomUUID();
      await s.createJourney(id, 60_000, 1_000_000);
      const ticket = randomUUID();
      expect(await s.reserveAttempt(id, 2, ticket)).toBe('ok');
      // The same reservation run twice (a retry, a late duplicate) is still one attempt.
      expect(await s.reserveAttempt(id, 2, ticket)).toBe('ok');
      expect(await s.reserveAttempt(id, 2, randomUUID())).toBe('ok');
      expect(await s.reserveAttempt(id, 2, randomUUID())).toBe('exhausted');
      await s.refundAttempt(id, ticket);
      await s.refundAttempt(id, ticket);
      // Refunded twice, given back once.
      expect(await s.reserveAttempt(id, 2, randomUUID())).toBe('ok');
      expect(await s.reserveAttempt(id, 2, randomUUID())).toBe('exhausted');

      const other = randomUUID();
      await s.createJourney(other, 60_000, 1_000_000);
      const late = randomUUID();
      await s.refundAttempt(other, late);
      await expect(s.reserveAttempt(other, 1, late)).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });
      expect(await s.reserveAttempt(other, 1, randomUUID())).toBe('ok');
    });

    it('journeys: a refund never goes below no attempts, and a refund on an unknown journey creates nothing', async () => {
      const s = store();
      const id = randomUUID();
      await s.createJourney(id, 60_000, 1_000_000);
      await s.refundAttempt(id, randomUUID());
      await s.refundAttempt(id, randomUUID());
      expect(await s.reserveAttempt(id, 1, randomUUID())).toBe('ok');
      expect(await s.reserveAttempt(id, 1, randomUUID())).toBe('exhausted');
      const ghost = randomUUID();
      await s.refundAttempt(ghost, randomUUID());
      expect(await s.reserveAttempt(ghost, 1, randomUUID())).toBe('unknown');
    });

    it('journeys: concurrent reservations never pass the cap', async () => {
      const s = store();
      const id = randomUUID();
      await s.createJourney(id, 60_000, 1_000_000);
      const results = await Promise.all(Array.from({ length: 30 }, () => s.reserveAttempt(id, 10, randomUUID())));
      expect(results.filter((r) => r === 'ok')).toHaveLength(10);
      expect(results.filter((r) => r === 'exhausted')).toHaveLength(20);
    });

    it('journeys expire, and an expired one no longer counts against the capacity', async () => {
      const s = store();
      const id = randomUUID();
      expect(await s.createJourney(id, 200, 1_000_000)).toBe(true);
      expect(await s.reserveAttempt(id, 5, randomUUID())).toBe('ok');
      await pause(300);
      expect(await s.reserveAttempt(id, 5, randomUUID())).toBe('unknown');
    });

    it('claims: one owner at a time; only the owner releases; a claim expires', async () => {
      const s = store();
      const key = `flight-${randomUUID()}`;
      expect(await s.claim(key, 'a', 60_000)).toBe(true);
      expect(await s.claim(key, 'b', 60_000)).toBe(false);
      await s.release(key, 'b');
      expect(await s.claim(key, 'b', 60_000)).toBe(false);
      await s.release(key, 'a');
      expect(await s.claim(key, 'b', 200)).toBe(true);
      await pause(300);
      expect(await s.claim(key, 'c', 60_000)).toBe(true);
    });

    it('claims: of many concurrent claimants exactly one wins', async () => {
      const s = store();
      const key = `flight-${randomUUID()}`;
      const wins = await Promise.all(Array.from({ length: 20 }, (_, i) => s.claim(key, `owner-${i}`, 60_000)));
      expect(wins.filter(Boolean)).toHaveLength(1);
    });

    it('records: kept for their window, then gone', async () => {
      const s = store();
      const key = `answer-${randomUUID()}`;
      expect(await s.get(key)).toBeNull();
      await s.put(key, '{"status":"success"}', 200);
      expect(await s.get(key)).toBe('{"status":"success"}');
      await pause(300);
      expect(await s.get(key)).toBeNull();
    });
  });
}
