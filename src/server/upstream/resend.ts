import { createHash, randomUUID } from 'node:crypto';
import { errorKind, type Logger } from '../http/log.ts';
import { SettleLater } from '../store/settle-later.ts';
import { isStoreUnavailable, type StateStore } from '../store/store.ts';
import { TtlMap } from '../store/ttl-map.ts';
import type { Call } from './call.ts';
import type { UpstreamBody } from './sanitize.ts';

/** How often a request waiting on another instance's call looks for its recorded answer. */
const POLL_MS = 200;
/** Answers this process keeps itself (a few hundred bytes each), whatever the store does. */
const MAX_LOCAL_RECORDS = 10_000;

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
    return typeof value.status === 'number' && typeof value.body === 'object' && value.body !== null
      ? { status: value.status, body: value.body }
      : null;
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
  /**
   * Every answer this process got from the vendor, kept here as well as in the store: a store
   * that crashed or stalled when the answer came cannot lose it, so a resend here never costs a
   * second call. The store's copy (for the other instances) is written once it answers again.
   */
  private readonly local: TtlMap<string>;
  private readonly settle: SettleLater;

  constructor(private readonly options: ResendOptions) {
    this.local = new TtlMap<string>(MAX_LOCAL_RECORDS);
    this.settle = new SettleLater(options.log);
  }

  /**
   * Answers one upload within `deadlineMs`. `fly` makes the vendor call; `hold` is handed any
   * call this request starts, which may outlive it (the request's admission place waits for it).
   */
  async resolve(
    key: string,
    fly: () => Promise<Call>,
    deadlineMs: number,
    hold: (work: Promise<unknown>) => void,
  ): Promise<Resolution> {
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
    const text = this.local.get(key) ?? (await this.options.store.get(key));
    return text === null ? null : parseRecorded(text);
  }

  /** Claims the call for this process and makes it; null when another instance holds the claim. */
  private launch(key: string, fly: () => Promise<Call>): Promise<Call | null> {
    const { store, log, windowMs, flightLimitMs } = this.options;
    const owner = randomUUID();
    const release = (): Promise<void> => store.release(key, owner);
    const flight = (async (): Promise<Call | null> => {
      // The claim outlives the longest call, so it cannot lapse while the call is still running.
      try {
        if (!(await store.claim(key, owner, flightLimitMs + 5_000))) return null;
      } catch (error) {
        // A claim that timed out may still land when the store wakes: it is let go then.
        if (isStoreUnavailable(error)) this.settle.later('resend_release', release);
        throw error;
      }
      let settled = false;
      try {
        const call = await fly();
        if (!call.ok) return call;
        const text = JSON.stringify({ status: call.status, body: call.body } satisfies Recorded);
        this.local.set(key, text, windowMs);
        try {
          await store.put(key, text, windowMs);
        } catch (error) {
          // Answered here from the local copy meanwhile; the store gets the record, and only
          // then loses the claim, once it answers: no other instance calls again in between.
          log.warn('resend_record_deferred', errorKind(error));
          this.settle.later('resend_record', async () => {
            await store.put(key, text, windowMs);
            await release();
          });
          settled = true;
        }
        return call;
      } finally {
        if (!settled) {
          await release().catch((error: unknown) => {
            log.warn('resend_release_failed', errorKind(error));
            this.settle.later('resend_release', release);
          });
        }
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
