import { readConfig } from '../config/config.ts';
import { createEkycMiddleware } from '../handler.ts';
import { jsonLogger } from '../http/log.ts';
import type { AnalysisOutcome } from '../reference/analyse.ts';
import type { Engine } from '../reference/engine-port.ts';
import { createMemoryStore } from '../store/memory-store.ts';
import { form } from './images.ts';
import { serve } from './serve.ts';
import { stubEngine } from './stub-engine.ts';

/** The handoff routes as the two browsers call them, for tests over real HTTP. */

export interface Reply<T = Record<string, unknown>> {
  status: number;
  body: T;
  headers: Headers;
}

export interface Ticket {
  handoff: string;
  token: string;
  code: string;
  link: string;
  page: string;
  expiresAt: number;
  ttlMs: number;
}

async function reply<T>(r: Response): Promise<Reply<T>> {
  const text = await r.text();
  return { status: r.status, body: (text ? JSON.parse(text) : null) as T, headers: r.headers };
}

export function handoffClient(url: string, headers: Record<string, string> = {}) {
  const api = `${url}/api/ekyc`;
  const post = async <T = Record<string, unknown>>(
    path: string,
    body: unknown,
    extra: Record<string, string> = {},
  ): Promise<Reply<T>> =>
    reply<T>(
      await fetch(`${api}${path}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...headers, ...extra },
        body: JSON.stringify(body),
      }),
    );
  return {
    post,
    async journey(): Promise<string> {
      const r = await fetch(`${api}/journeyid`, { method: 'POST', headers });
      return ((await r.json()) as { journeyId: string }).journeyId;
    },
    create: (journeyId: string, extra?: Record<string, string>) => post<Ticket>('/handoff', { journeyId }, extra),
    /** A started handoff on a fresh journey: what the desktop holds. */
    async start(extra?: Record<string, string>): Promise<Ticket> {
      const created = await post<Ticket>('/handoff', { journeyId: await this.journey() }, extra);
      if (created.status !== 201) throw new Error(`create answered ${created.status}`);
      return created.body;
    },
    claim: (by: { token: string } | { code: string }, extra?: Record<string, string>) =>
      post<{ phone: string; expiresAt: number }>('/handoff/claim', by, extra),
    phone: (phone: string, state?: string) =>
      post<{ state: string }>('/handoff/phone', state === undefined ? { phone } : { phone, state }),
    cancel: (handoff: string) => post('/handoff/cancel', { handoff }),
    async status(handoff: string): Promise<Reply> {
      return reply(await fetch(`${api}/handoff/status?handoff=${encodeURIComponent(handoff)}`, { headers }));
    },
    async upload(phone: string, image: Uint8Array): Promise<Reply & { text: string }> {
      const r = await fetch(`${api}/okaylive`, {
        method: 'POST',
        headers: { ...headers, 'X-OkayLive-Handoff': phone },
        body: form({ imageBest: { bytes: image }, journeyId: 'handoff' }),
      });
      const text = await r.text();
      return { status: r.status, body: JSON.parse(text) as Record<string, unknown>, headers: r.headers, text };
    },
  };
}

export interface Stream {
  status: number;
  headers: Headers;
  /** The events' data, parsed, as they arrived. */
  events: Record<string, unknown>[];
  /** Everything the stream carried, comments included. */
  raw: string;
  /** Resolves when the server ended the stream. */
  ended: Promise<void>;
  close(): void;
}

/** Opens the event stream and collects its `state` events. */
export async function openEvents(url: string, handoff: string): Promise<Stream> {
  const controller = new AbortController();
  const r = await fetch(`${url}/api/ekyc/handoff/events?handoff=${encodeURIComponent(handoff)}`, {
    signal: controller.signal,
  });
  const stream: Stream = {
    status: r.status,
    headers: r.headers,
    events: [],
    raw: '',
    ended: Promise.resolve(),
    close: () => controller.abort(),
  };
  const body = r.body;
  if (!body || !(r.headers.get('content-type') ?? '').startsWith('text/event-stream')) {
    stream.raw = await r.text();
    return stream;
  }
  const decoder = new TextDecoder();
  let buffer = '';
  stream.ended = (async () => {
    try {
      for await (const chunk of body) {
        const text = decoder.decode(chunk, { stream: true });
        stream.raw += text;
        buffer += text;
        let cut = buffer.indexOf('\n\n');
        while (cut >= 0) {
          const frame = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const data = frame.split('\n').find((line) => line.startsWith('data: '));
          if (frame.startsWith('event: state\n') && data)
            stream.events.push(JSON.parse(data.slice(6)) as Record<string, unknown>);
          cut = buffer.indexOf('\n\n');
        }
      }
    } catch {
      // Aborted by the test.
    }
  })();
  return stream;
}

/** A clock the test moves by hand. */
export function testClock(start = Date.now()): { now: () => number; advance(ms: number): void } {
  let at = start;
  return {
    now: () => at,
    advance: (ms) => {
      at += ms;
    },
  };
}

export interface HandoffServer {
  url: string;
  close(): Promise<void>;
}

/**
 * The API middleware alone (the dev server's shape: full answers unless the env says otherwise)
 * on a loopback port, on a memory store that runs on `now` as the handoffs do.
 */
export async function handoffServer(
  options: { engine: Engine; env?: Record<string, string>; now?: () => number; logs?: string[] } = {
    engine: stubEngine(),
  },
): Promise<HandoffServer> {
  const logs = options.logs;
  const api = createEkycMiddleware(readConfig({ OKAYLIVE_LOG: 'off', ...options.env }), {
    engine: options.engine,
    store: createMemoryStore(options.now),
    ...(options.now ? { now: options.now } : {}),
    ...(logs ? { logger: jsonLogger((line) => logs.push(line)) } : {}),
  });
  const running = await serve(api);
  return {
    url: running.url,
    close: async () => {
      await running.close();
      await api.close();
    },
  };
}

const NOTES = { width: 960, height: 1280, faces: 1, failures: [], aspects: null, decodeMs: 0, detectMs: 0 };

/** A stub engine whose next answer the test picks (live, a face code, low quality), optionally held until a gate opens. */
export function switchableEngine(): {
  engine: Engine & { calls: number };
  control: { answer: 'live' | 'face' | 'low'; gate: Promise<void> | null };
} {
  const control: { answer: 'live' | 'face' | 'low'; gate: Promise<void> | null } = { answer: 'live', gate: null };
  const engine = stubEngine({
    slots: 8,
    queue: 8,
    analyse: async (): Promise<AnalysisOutcome> => {
      if (control.gate) await control.gate;
      if (control.answer === 'face')
        return { kind: 'answer', answer: { kind: 'face', code: 'EYES_CLOSED' }, notes: NOTES };
      const quality = control.answer === 'low' ? 0.2 : 0.7;
      return {
        kind: 'answer',
        answer: { kind: 'success', probability: 0.8, quality, score: Math.log(4) },
        notes: NOTES,
      };
    },
  });
  return { engine, control };
}
