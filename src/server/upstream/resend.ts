import { createHash, randomUUID } from 'node:crypto';
import { errorKind, type Logger } from '../log.ts';
import type { StateStore } from '../store/store.ts';
import type { Call } from './call.ts';
import type { UpstreamBody } from './sanitize.ts';

/** How often a request waiting on another instance's call looks for its recorded answer. */
const POLL_MS = 200;

export type Resolution =
  | { kind: 'answer'; call: Call; source: 'fresh' | 'resend' }
  /** The browser's deadline passed while the vendor call went on (it stays in flight, recorded when it lands). */
  | { kind: 'deadline' };

interface Recorded {
  status: number;
  body: UpstreamBody;
}

/**
 * The key of one upload: the journey and the image's digest, hashed together so the store
 * never holds a journeyId (the only token an OkayLive call needs).
 */
export function resendKey(journeyId: string, imageDigest: string): string {
  return createHash('sha256').update(journeyId).update('\n').update(imageDigest).digest('hex');
}

function parseRecorded(text: string): Recorded | null {
  try {
    const value = JSON.parse(text) as Partial<Recorded>;
    return typeof value.status === 'number' && typeof value.body === 'object' && value.body !== null ? { status: value.status, body: value.body } : null;
  } catch {
    return null;
  }
}

export interface ResendOptions {
  store: StateStore;
  log: Logger;
  /** How long an answer is kept for an identical resend. */
  windowMs: number;
  /** The longest a vendor call may run: a claim outlives it, so no second call starts beside it. */
  flightLimitMs: number;
}

/**
 * Nothing billed twice. One vendor call per (journey, image) at a time, across instances: a
 * resend finds the recorded answer, or joins the call in flight (here, or by waiting for the
 * other instance's record). Only the vendor's answers are recorded; a failure (timeout, 5xx)
 * is not, so a later resend calls again.
 */
export class Resends {
  private readonly flights = new Map<string, Promise<Call | null>>();

  constructor(private readonly options: ResendOptions) {}

  /**
   * Answers one upload within `deadlineMs`. `fly` makes the vendor call; `hold` is handed any
   * call this request starts, which may outlive it (the request's admission place waits for it).
   */
  async resolve(key: string, fly: () => Promise<Call>, deadlineMs: number, hold: (work: Promise<unknown>) => void): Promise<Resolution> {
    const until = performance.now() + deadlineMs;
    for (;;) {
      const recorded = await this.recorded(key);
      if (recorded) return { kind: 'answer', call: { ok: true, ...recorded }, source: 'resend' };
      let flight = this.flights.get(key);
      const launched = flight === undefined;
      if (flight === undefined) {
        flight = this.launch(key, fly);
        hold(flight);
      }
      const landed = await this.within(flight, until);
      if (landed === 'deadline') return { kind: 'deadline' };
      if (landed !== null) return { kind: 'answer', call: landed, source: launched ? 'fresh' : 'resend' };
      // Another instance holds the call: look for its record again shortly.
      const left = until - performance.now();
      if (left <= 0) return { kind: 'deadline' };
      await new Promise((resolve) => setTimeout(resolve, Math.min(POLL_MS, left)));
    }
  }

  private async recorded(key: string): Promise<Recorded | null> {
    const text = await this.options.store.get(key);
    return text === null ? null : parseRecorded(text);
  }

  /** Claims the call for this process and makes it; null when another instance holds the claim. */
  private launch(key: string, fly: () => Promise<Call>): Promise<Call | null> {
    const { store, log, windowMs, flightLimitMs } = this.options;
    const owner = randomUUID();
    const flight = (async (): Promise<Call | null> => {
      // The claim outlives the longest call, so it cannot lapse while the call is still running.
      if (!(await store.claim(key, owner, flightLimitMs + 5_000))) return null;
      try {
        const call = await fly();
        if (call.ok) {
          const record: Recorded = { status: call.status, body: call.body };
          await store.put(key, JSON.stringify(record), windowMs).catch((error: unknown) => log.error('resend_record_failed', errorKind(error)));
        }
        return call;
      } finally {
        await store.release(key, owner).catch((error: unknown) => log.warn('resend_release_failed', errorKind(error)));
      }
    })();
    this.flights.set(key, flight);
    const forget = (): void => {
      if (this.flights.get(key) === flight) this.flights.delete(key);
    };
    flight.then(forget, forget);
    return flight;
  }

  private within<T>(work: Promise<T>, until: number): Promise<T | 'deadline'> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => resolve('deadline'), Math.max(0, until - performance.now()));
      work.then(
        (value) => {
          clearTimeout(timer);
          resolve(value);
        },
        (error: unknown) => {
          clearTimeout(timer);
          // The call's own failure, passed on as it came.
          // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors
          reject(error);
        },
      );
    });
  }

  get inFlight(): number {
    return this.flights.size;
  }
}
