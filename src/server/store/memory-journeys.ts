import type { Reservation } from './store.ts';

interface Journey {
  expiresAt: number;
  attempts: number;
}

/**
 * Journeys of one process, for the reference engine. The TTL is the same for all, so insertion
 * order is expiry order: expired ones are at the front, and a sweep stops at the first live one.
 */
export class MemoryJourneys {
  private readonly journeys = new Map<string, Journey>();

  constructor(private readonly now: () => number = Date.now) {}

  create(id: string, ttlMs: number, capacity: number): boolean {
    this.sweep();
    if (this.journeys.size >= capacity) return false;
    this.journeys.set(id, { expiresAt: this.now() + ttlMs, attempts: 0 });
    return true;
  }

  reserve(id: string, max: number): Reservation {
    const journey = this.live(id);
    if (journey === undefined) return 'unknown';
    if (journey.attempts >= max) return 'exhausted';
    journey.attempts += 1;
    return 'ok';
  }

  refund(id: string): void {
    const journey = this.live(id);
    if (journey && journey.attempts > 0) journey.attempts -= 1;
  }

  get size(): number {
    return this.journeys.size;
  }

  private live(id: string): Journey | undefined {
    const journey = this.journeys.get(id);
    if (journey === undefined) return undefined;
    if (journey.expiresAt > this.now()) return journey;
    this.journeys.delete(id);
    return undefined;
  }

  private sweep(): void {
    const now = this.now();
    for (const [id, journey] of this.journeys) {
      if (journey.expiresAt > now) break;
      this.journeys.delete(id);
    }
  }
}
