import { randomUUID } from 'node:crypto';

/**
 * In-memory journeyIds for the reference engine. Like OkayLive's, they are UUIDs that
 * expire (14 days by default); a restart forgets them, which is fine for a stand-in.
 */
export class JourneyStore {
  private readonly expiries = new Map<string, number>();

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  create(): string {
    this.sweep();
    const id = randomUUID();
    this.expiries.set(id, this.now() + this.ttlMs);
    return id;
  }

  isValid(id: string): boolean {
    const expiry = this.expiries.get(id);
    if (expiry === undefined) return false;
    if (expiry <= this.now()) {
      this.expiries.delete(id);
      return false;
    }
    return true;
  }

  private sweep(): void {
    const now = this.now();
    for (const [id, expiry] of this.expiries) if (expiry <= now) this.expiries.delete(id);
  }
}
