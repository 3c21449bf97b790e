export interface Busy {
  busy: true;
  /** Seconds after which a retry is likely to be admitted. */
  retryAfterS: number;
}

interface Waiter {
  start: () => void;
  timer: ReturnType<typeof setTimeout>;
}

/**
 * Admission control for the analysis: `slots` jobs run at once, `queue` more may wait, and
 * a job that waited `maxWaitMs` gives up. Whatever is not admitted gets a Busy answer at once
 * (HTTP 503 with Retry-After) rather than joining an unbounded queue, so memory and latency
 * stay bounded however many uploads arrive.
 */
export class Gate {
  private running = 0;
  private readonly waiting: Waiter[] = [];
  /** Moving average of a job's run time, for Retry-After. */
  private averageMs = 150;

  constructor(
    private readonly slots: number,
    private readonly queue: number,
    private readonly maxWaitMs: number,
  ) {}

  /** True when one more job would be refused: callers check before reading an upload. */
  get saturated(): boolean {
    return this.running >= this.slots && this.waiting.length >= this.queue;
  }

  get load(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.waiting.length };
  }

  busy(): Busy {
    const ahead = this.waiting.length + 1;
    const seconds = Math.ceil((ahead * this.averageMs) / this.slots / 1000);
    return { busy: true, retryAfterS: Math.min(30, Math.max(1, seconds)) };
  }

  async run<T>(job: () => Promise<T>): Promise<T | Busy> {
    if (this.running >= this.slots) {
      if (this.waiting.length >= this.queue) return this.busy();
      const admitted = await new Promise<boolean>((resolve) => {
        const waiter: Waiter = {
          start: () => resolve(true),
          timer: setTimeout(() => {
            const index = this.waiting.indexOf(waiter);
            if (index >= 0) this.waiting.splice(index, 1);
            resolve(false);
          }, this.maxWaitMs),
        };
        this.waiting.push(waiter);
      });
      if (!admitted) return this.busy();
    } else {
      this.running += 1;
    }
    const started = performance.now();
    try {
      return await job();
    } finally {
      this.averageMs = this.averageMs * 0.8 + (performance.now() - started) * 0.2;
      this.release();
    }
  }

  /** Hands the slot straight to the next waiter, so running never dips below what is queued. */
  private release(): void {
    const next = this.waiting.shift();
    if (next) {
      clearTimeout(next.timer);
      next.start();
    } else {
      this.running -= 1;
    }
  }
}
