import { errorKind, type Logger } from '../http/log.ts';

/**
 * Waits between tries: every second for the first half minute (a write must land soon after the
 * store is back, before a claim it restored can lapse), then every 5 s, for about ten minutes in
 * all. A try while the store is down fails at once, so this costs next to nothing.
 */
const DELAYS_MS: readonly number[] = [
  250,
  500,
  ...Array.from({ length: 30 }, () => 1_000),
  ...Array.from({ length: 110 }, () => 5_000),
];
/** Writes waiting at once; past it a new one is dropped and logged (memory stays bounded in a long outage). */
const MAX_PENDING = 10_000;

/**
 * Idempotent store writes whose first try failed or had an unknown outcome (a stall: the store
 * may still run the command when it wakes), tried again in the background until one lands.
 * Each write must be safe to run any number of times.
 */
export class SettleLater {
  private pending = 0;

  constructor(
    private readonly log: Logger,
    private readonly delaysMs: readonly number[] = DELAYS_MS,
  ) {}

  /** `what` names the write in the log lines: `<what>_settled` once it lands, `<what>_failed` if it never does. */
  later(what: string, write: () => Promise<void>): void {
    if (this.pending >= MAX_PENDING) {
      this.log.error(`${what}_failed`, { reason: 'too_many_pending' });
      return;
    }
    this.pending += 1;
    const attempt = (index: number): void => {
      const delay = this.delaysMs[index];
      if (delay === undefined) {
        this.pending -= 1;
        this.log.error(`${what}_failed`, { reason: 'store_unavailable', tries: index });
        return;
      }
      const timer = setTimeout(() => {
        write().then(
          () => {
            this.pending -= 1;
            this.log.info(`${what}_settled`, { tries: index + 1 });
          },
          (error: unknown) => {
            if (index === this.delaysMs.length - 1) this.log.warn(`${what}_retry_failed`, errorKind(error));
            attempt(index + 1);
          },
        );
      }, delay);
      // Pending writes never keep a stopping process alive.
      timer.unref();
    };
    attempt(0);
  }

  get waiting(): number {
    return this.pending;
  }
}
