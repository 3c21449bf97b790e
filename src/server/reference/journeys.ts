import { randomUUID } from 'node:crypto';

export interface JourneyOptions {
  ttlMs: number;
  /** OkayLive calls one journey accepts (a flow is one person with a few retakes). */
  maxAttempts: number;
  /** Live journeys held at once; creation past it answers MAX_JOURNEY_EXCEEDED. */
  capacity?: number;
}

export type JourneyState = 'ok' | 'unknown' | 'exhausted';

interface Journey {
  expiresAt: number;
  attempts: number;
}

/**
 * In-memory journeyIds for the reference engine. Like OkayLive's, they are UUIDs, expire (14
 * days by default) and each serves one flow: a bounded number of OkayLive calls, retakes
 * included. A restart forgets them, which is fine for a stand-in.
 */
export class JourneyStore {
  private readonly journeys = new Map<string, Journey>();
  private readonly capacity: number;

  constructor(
    private readonly options: JourneyOptions,
    private readonly now: () => number = Date.now,
  ) {
    this.capacity = options.capacity ?? 100_000;
  }

  /** A new journeyId, or null when the store is full of live journeys. */
  create(): string | null {
    this.sweep();
    if (this.journeys.size >= this.capacity) return null;
    const id = randomUUID();
    this.journeys.set(id, { expiresAt: this.now() + this.options.ttlMs, attempts: 0 });
    return id;
  }

  state(id: string): JourneyState {
    const journey = this.journeys.get(id);
    if (journey === undefined) return 'unknown';
    if (journey.expiresAt <= this.now()) {
      this.journeys.delete(id);
      return 'unknown';
    }
    return journey.attempts >= this.options.maxAttempts ? 'exhausted' : 'ok';
  }

  /** Counts one OkayLive call against the journey; call after state() said 'ok'. */
  recordAttempt(id: string): void {
    const journey = this.journeys.get(id);
    if (journey) journey.attempts += 1;
  }

  get size(): number {
    return this.journeys.size;
  }

  /** The TTL is the same for all, so insertion order is expiry order: expired ones are in front. */
  private sweep(): void {
    const now = this.now();
    for (const [id, journey] of this.journeys) {
      if (journey.expiresAt > now) break;
      this.journeys.delete(id);
    }
  }
}
