/** Seconds a refused upload is asked to wait: about one vendor call, or a few analyses. */
export const ADMISSION_RETRY_AFTER_S = 2;

/** An admitted upload's place, held until the request is over and any work it started has settled. */
export interface Ticket {
  /** Keeps the place until `work` settles too (an upstream call that outlives its request). */
  hold(work: Promise<unknown>): void;
  /** The request is over; idempotent. */
  leave(): void;
}

export type Admit = { ok: true; ticket: Ticket } | { ok: false; reason: 'busy' | 'client'; retryAfterS: number };

/**
 * How many uploads this process holds at once, in all and per client, decided before a byte of
 * the body is read: each may buffer up to 5 MB, so this count is what bounds the memory uploads
 * can take. It belongs to the process (it bounds this process's memory), so it is never shared.
 */
export class Admission {
  private inFlight = 0;
  private readonly perClient = new Map<string, number>();

  constructor(
    private readonly max: number,
    private readonly maxPerClient: number,
  ) {}

  enter(client: string): Admit {
    if (this.inFlight >= this.max) return { ok: false, reason: 'busy', retryAfterS: ADMISSION_RETRY_AFTER_S };
    const mine = this.perClient.get(client) ?? 0;
    if (mine >= this.maxPerClient) return { ok: false, reason: 'client', retryAfterS: ADMISSION_RETRY_AFTER_S };
    const take = (): void => {
      this.inFlight += 1;
      this.perClient.set(client, (this.perClient.get(client) ?? 0) + 1);
    };
    const give = (): void => {
      this.inFlight -= 1;
      const now = (this.perClient.get(client) ?? 1) - 1;
      if (now > 0) this.perClient.set(client, now);
      else this.perClient.delete(client);
    };
    take();
    let holds = 1;
    let left = false;
    const drop = (): void => {
      holds -= 1;
      if (holds === 0) give();
    };
    return {
      ok: true,
      ticket: {
        hold: (work) => {
          // Work started after the request was over (its client hung up mid-check) still holds
          // memory: it is counted again, past the limit if need be, rather than not at all.
          if (holds === 0) take();
          holds += 1;
          work.then(drop, drop);
        },
        leave: () => {
          if (left) return;
          left = true;
          drop();
        },
      },
    };
  }

  get load(): { inFlight: number; clients: number } {
    return { inFlight: this.inFlight, clients: this.perClient.size };
  }
}
