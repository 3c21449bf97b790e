import { describe, expect, it } from 'vitest';
import { deferred } from '../testing/deferred.ts';
import { Gate } from './gate.ts';

describe('analysis admission gate', () => {
  it('runs `slots` jobs, queues `queue` more, refuses the rest at once with a Retry-After', async () => {
    const gate = new Gate(1, 1, 60_000);
    const first = deferred();
    const second = deferred();
    const a = gate.run(async () => {
      await first.promise;
      return 'a';
    });
    const b = gate.run(async () => {
      await second.promise;
      return 'b';
    });
    expect(gate.load).toEqual({ running: 1, waiting: 1 });
    expect(gate.saturated).toBe(true);
    const c = await gate.run(async () => 'c');
    expect(c).toEqual({ busy: true, retryAfterS: expect.any(Number) });
    first.release();
    expect(await a).toBe('a');
    second.release();
    expect(await b).toBe('b');
    expect(gate.load).toEqual({ running: 0, waiting: 0 });
    expect(await gate.run(async () => 'd')).toBe('d');
  });

  it('a job that waited too long gives up with Busy instead of running late', async () => {
    const gate = new Gate(1, 5, 20);
    const hold = deferred();
    const running = gate.run(() => hold.promise);
    const late = await gate.run(async () => 'never');
    expect(late).toMatchObject({ busy: true });
    expect(gate.load.waiting).toBe(0);
    hold.release();
    await running;
  });

  it('a failing job frees its slot', async () => {
    const gate = new Gate(1, 0, 1000);
    await expect(gate.run(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await gate.run(async () => 'ok')).toBe('ok');
  });
});
