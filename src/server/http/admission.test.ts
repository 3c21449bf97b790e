import { describe, expect, it } from 'vitest';
import { Admission, type Admit, type Ticket } from './admission.ts';

function ticket(admit: Admit): Ticket {
  if (!admit.ok) throw new Error(`refused: ${admit.reason}`);
  return admit.ticket;
}

describe('upload admission', () => {
  it('admits `max` in all, then refuses as busy until one leaves', () => {
    const admission = new Admission(2, 10);
    const a = ticket(admission.enter('a'));
    ticket(admission.enter('b'));
    expect(admission.enter('c')).toEqual({ ok: false, reason: 'busy', retryAfterS: 2 });
    a.leave();
    expect(admission.enter('c').ok).toBe(true);
  });

  it('admits `maxPerClient` from one client while others still get in', () => {
    const admission = new Admission(10, 2);
    ticket(admission.enter('a'));
    ticket(admission.enter('a'));
    expect(admission.enter('a')).toMatchObject({ ok: false, reason: 'client' });
    expect(admission.enter('b').ok).toBe(true);
  });

  it('leaving twice frees one place, not two', () => {
    const admission = new Admission(1, 1);
    const a = ticket(admission.enter('a'));
    a.leave();
    a.leave();
    ticket(admission.enter('a'));
    expect(admission.enter('b').ok).toBe(false);
    expect(admission.load).toEqual({ inFlight: 1, clients: 1 });
  });

  it('work the request started keeps the place after the request is over, until it settles', async () => {
    const admission = new Admission(1, 1);
    let finish: () => void = () => undefined;
    const work = new Promise<void>((resolve) => {
      finish = resolve;
    });
    const a = ticket(admission.enter('a'));
    a.hold(work);
    a.leave();
    expect(admission.enter('b').ok).toBe(false);
    finish();
    await work;
    await Promise.resolve();
    expect(admission.load).toEqual({ inFlight: 0, clients: 0 });
    expect(admission.enter('b').ok).toBe(true);
  });

  it('failed work frees the place too', async () => {
    const admission = new Admission(1, 1);
    const a = ticket(admission.enter('a'));
    const work = Promise.reject(new Error('upstream down'));
    a.hold(work);
    a.leave();
    await work.catch(() => undefined);
    await Promise.resolve();
    expect(admission.load.inFlight).toBe(0);
  });
});

describe('upload admission: work started after the request was over', () => {
  it('is counted while it runs and given back once, never below zero', async () => {
    const admission = new Admission(1, 1);
    const a = ticket(admission.enter('a'));
    a.leave();
    expect(admission.load).toEqual({ inFlight: 0, clients: 0 });
    let finish: () => void = () => undefined;
    const work = new Promise<void>((resolve) => {
      finish = resolve;
    });
    a.hold(work);
    expect(admission.load).toEqual({ inFlight: 1, clients: 1 });
    finish();
    await work;
    await Promise.resolve();
    expect(admission.load).toEqual({ inFlight: 0, clients: 0 });
  });
});
