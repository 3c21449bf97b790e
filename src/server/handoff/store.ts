import type { StateStore } from '../store/store.ts';
import { formatCode, newCode, newKey, newToken, normaliseCode, sha256 } from './secrets.ts';
import type { HandoffAnswer, HandoffSnapshot, PhoneProgress } from './state.ts';

/**
 * Handoffs over the shared StateStore's generic operations, so memory and Redis behave alike.
 * Each part of a handoff lives under its own key with a single writer, so no write can undo
 * another's: no read-modify-write of one value from two places. Every key lives until the
 * handoff's expiry plus LINGER_MS, so a late status call still hears `expired` or `done`.
 */
export const LINGER_MS = 10 * 60_000;
/** A fresh code that collides with a live one is drawn again, this many times at most. */
const CODE_DRAWS = 5;

/** What the desktop gets once; the store keeps only hashes of these. */
export interface Created {
  id: string;
  handoff: string;
  token: string;
  /** As shown: `ABCD-EFGH`. */
  code: string;
  expiresAt: number;
}

/** A handoff found by one of its secrets. */
export interface Found {
  id: string;
  journeyId: string;
  expiresAt: number;
}

export type Bind = { ok: true; phone: string } | { ok: false };

interface StoredRecord {
  journeyId: string;
  expiresAt: number;
}

const key = {
  record: (id: string) => `handoff:${id}`,
  token: (hash: string) => `handoff-token:${hash}`,
  code: (hash: string) => `handoff-code:${hash}`,
  phone: (hash: string) => `handoff-phone:${hash}`,
  bind: (id: string) => `handoff-bind:${id}`,
  cancel: (id: string) => `handoff-cancel:${id}`,
  beat: (id: string) => `handoff-beat:${id}`,
  left: (id: string) => `handoff-left:${id}`,
  checking: (id: string) => `handoff-checking:${id}`,
  tries: (id: string) => `handoff-tries:${id}`,
  answer: (id: string) => `handoff-answer:${id}`,
};

function parse<T>(text: string | null, valid: (value: unknown) => value is T): T | null {
  if (text === null) return null;
  try {
    const value: unknown = JSON.parse(text);
    return valid(value) ? value : null;
  } catch {
    return null;
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const isRecord = (v: unknown): v is StoredRecord =>
  isObject(v) && typeof v.journeyId === 'string' && typeof v.expiresAt === 'number';
const isBeat = (v: unknown): v is { state: 'connected' | 'capturing'; at: number } =>
  isObject(v) && (v.state === 'connected' || v.state === 'capturing') && typeof v.at === 'number';
const isAt = (v: unknown): v is { at: number } => isObject(v) && typeof v.at === 'number';
const isTries = (v: unknown): v is { attempts: number; for: number; at: number } =>
  isObject(v) && typeof v.attempts === 'number' && typeof v.for === 'number' && typeof v.at === 'number';
const isAnswer = (v: unknown): v is HandoffAnswer =>
  isObject(v) &&
  typeof v.status === 'number' &&
  'body' in v &&
  (v.retryAfter === undefined || typeof v.retryAfter === 'string');

export class HandoffStore {
  constructor(
    private readonly store: StateStore,
    private readonly now: () => number,
  ) {}

  /** Keys written later die with the handoff, not a full TTL after their write. */
  private remaining(expiresAt: number): number {
    return Math.max(1, expiresAt + LINGER_MS - this.now());
  }

  private putJson(name: string, value: unknown, expiresAt: number): Promise<void> {
    return this.store.put(name, JSON.stringify(value), this.remaining(expiresAt));
  }

  async create(journeyId: string, ttlMs: number): Promise<Created> {
    const handoff = newKey();
    const id = sha256(handoff);
    const token = newToken();
    const expiresAt = this.now() + ttlMs;
    const code = await this.reserveCode(id, ttlMs);
    // The record first: a token or code that leads somewhere always finds it.
    await this.putJson(key.record(id), { journeyId, expiresAt } satisfies StoredRecord, expiresAt);
    await this.store.put(key.token(sha256(token)), id, ttlMs);
    await this.store.put(key.code(sha256(code)), id, ttlMs);
    return { id, handoff, token, code: formatCode(code), expiresAt };
  }

  /** A code no live handoff holds: 40 bits make a collision rare, the claim makes it impossible. */
  private async reserveCode(id: string, ttlMs: number): Promise<string> {
    for (let draw = 0; draw < CODE_DRAWS; draw++) {
      const code = newCode();
      if (await this.store.claim(key.code(sha256(code)), id, ttlMs)) return code;
    }
    throw new Error('no free handoff code');
  }

  private async byId(id: string | null): Promise<Found | null> {
    if (id === null) return null;
    const record = parse(await this.store.get(key.record(id)), isRecord);
    return record ? { id, journeyId: record.journeyId, expiresAt: record.expiresAt } : null;
  }

  findByToken(token: string): Promise<Found | null> {
    return this.store.get(key.token(sha256(token))).then((id) => this.byId(id));
  }

  async findByCode(typed: string): Promise<Found | null> {
    const code = normaliseCode(typed);
    return code === null ? null : this.byId(await this.store.get(key.code(sha256(code))));
  }

  findByPhone(phone: string): Promise<Found | null> {
    return this.store.get(key.phone(sha256(phone))).then((id) => this.byId(id));
  }

  /** The same handoff read again: null once its record left the store. */
  refresh(found: Found): Promise<Found | null> {
    return this.byId(found.id);
  }

  /** The desktop's key is the id's preimage: no lookup needed, only the record. */
  findByWatchKey(handoff: string): Promise<Found | null> {
    return this.byId(sha256(handoff));
  }

  /**
   * Gives the handoff to the first phone, atomically across instances: the bind claim decides,
   * and only its winner writes the phone's key and first report. If those writes fail the claim
   * is let go, so the person can try again rather than find the handoff taken by nobody.
   */
  async bind(found: Found): Promise<Bind> {
    const phone = newKey();
    const phoneHash = sha256(phone);
    const ttl = this.remaining(found.expiresAt);
    if (!(await this.store.claim(key.bind(found.id), phoneHash, ttl))) return { ok: false };
    try {
      await this.store.put(key.phone(phoneHash), found.id, ttl);
      await this.putJson(key.beat(found.id), { state: 'connected', at: this.now() }, found.expiresAt);
    } catch (error) {
      await this.store.release(key.bind(found.id), phoneHash).catch(() => undefined);
      throw error;
    }
    return { ok: true, phone };
  }

  cancel(found: Found): Promise<void> {
    return this.putJson(key.cancel(found.id), { at: this.now() }, found.expiresAt);
  }

  /**
   * The phone's report. `left` goes to a key of its own with its time, so it neither erases the
   * last heartbeat nor is erased by it: the later of the two says where the phone is.
   */
  report(found: Found, state: PhoneProgress, at = this.now()): Promise<void> {
    if (state === 'left') return this.putJson(key.left(found.id), { at }, found.expiresAt);
    return this.putJson(key.beat(found.id), { state, at }, found.expiresAt);
  }

  /** An upload started at `at`: the state is `checking` until an answer for it (or a later one) is recorded. */
  markChecking(found: Found, at: number): Promise<void> {
    return this.putJson(key.checking(found.id), { at }, found.expiresAt);
  }

  /**
   * The answer to the upload that started at `startedAt`: a final one is kept as the handoff's
   * answer; any other counts one more attempt. The tries key is written either way, which ends
   * that upload's `checking`. Only the phone's uploads write it, one after another; two at once
   * could count one attempt too few, never lose the final answer, which has a key of its own.
   */
  async recordAnswer(found: Found, startedAt: number, answer: HandoffAnswer, final: boolean): Promise<void> {
    if (final) await this.putJson(key.answer(found.id), answer, found.expiresAt);
    const previous = parse(await this.store.get(key.tries(found.id)), isTries);
    const attempts = (previous?.attempts ?? 0) + (final ? 0 : 1);
    const latest = Math.max(startedAt, previous?.for ?? -Infinity);
    await this.putJson(key.tries(found.id), { attempts, for: latest, at: this.now() }, found.expiresAt);
  }

  async snapshot(found: Found): Promise<HandoffSnapshot> {
    const { id } = found;
    const [cancel, beat, left, checking, tries, answer] = await Promise.all(
      [key.cancel(id), key.beat(id), key.left(id), key.checking(id), key.tries(id), key.answer(id)].map((name) =>
        this.store.get(name),
      ),
    );
    return {
      expiresAt: found.expiresAt,
      cancelled: cancel !== null && cancel !== undefined,
      phone: parse(beat ?? null, isBeat),
      leftAt: parse(left ?? null, isAt)?.at ?? null,
      checking: parse(checking ?? null, isAt),
      tries: parse(tries ?? null, isTries),
      answer: parse(answer ?? null, isAnswer),
    };
  }
}
