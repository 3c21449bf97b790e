import { http, HttpResponse } from 'msw';
import type { SetupServer } from 'msw/node';
import type { HandoffAnswer, HandoffState } from '../../handoff/types.ts';
import { BASE } from './harness.ts';

/** One handoff as the fake backend keeps it; a test moves it along as a phone would. */
export interface FakeHandoff {
  journeyId: string;
  state: HandoffState;
  attempts: number;
  answer?: HandoffAnswer;
  phone: string | null;
  /** What the phone reported, in order (heartbeats without a state are not listed). */
  reports: string[];
}

export interface FakeHandoffServer {
  handoffs: Map<string, FakeHandoff>;
  cancelled: string[];
  /** The only handoff created so far (or the last). */
  latest(): FakeHandoff;
  /** Uploads the phone made: the header and the journeyId field. */
  uploads: Array<{ header: string | null; journeyId: string }>;
}

const TOKEN = 'tok-0123456789abcdef0123';
const CODE = 'ABCD-EFGH';

/**
 * The handoff routes of the protocol, in memory, for the session's tests: creation, status,
 * cancel, claim by token or code, the phone's heartbeat. The upload route stays the test's.
 */
export function fakeHandoffServer(server: SetupServer, options: { create?: () => Response } = {}): FakeHandoffServer {
  const handoffs = new Map<string, FakeHandoff>();
  const cancelled: string[] = [];
  const uploads: FakeHandoffServer['uploads'] = [];
  let n = 0;
  const byPhone = (phone: unknown) => [...handoffs.values()].find((h) => h.phone !== null && h.phone === phone);
  const event = (h: FakeHandoff) => ({
    state: h.state,
    expiresAt: Date.now() + 600_000,
    attempts: h.attempts,
    ...(h.answer ? { answer: h.answer } : {}),
  });
  const notFound = () =>
    HttpResponse.json({ status: 'error', messageCode: null, message: 'HANDOFF_NOT_FOUND' }, { status: 404 });
  server.use(
    http.post(`${BASE}/handoff`, async ({ request }) => {
      if (options.create) return options.create();
      const body = (await request.json()) as { journeyId: string };
      n += 1;
      handoffs.set(`watch-${n}`, {
        journeyId: body.journeyId,
        state: 'waiting',
        attempts: 0,
        phone: null,
        reports: [],
      });
      const page = 'https://bank.test/phone';
      return HttpResponse.json(
        {
          handoff: `watch-${n}`,
          token: `${TOKEN}${n}`,
          code: CODE,
          link: `${page}#t=${TOKEN}${n}`,
          page,
          expiresAt: Date.now() + 600_000,
          ttlMs: 600_000,
        },
        { status: 201 },
      );
    }),
    http.get(`${BASE}/handoff/status`, ({ request }) => {
      const found = handoffs.get(new URL(request.url).searchParams.get('handoff') ?? '');
      return found ? HttpResponse.json(event(found)) : notFound();
    }),
    http.post(`${BASE}/handoff/cancel`, async ({ request }) => {
      const { handoff } = (await request.json()) as { handoff: string };
      const found = handoffs.get(handoff);
      if (found) found.state = 'cancelled';
      cancelled.push(handoff);
      return new HttpResponse(null, { status: 204 });
    }),
    http.post(`${BASE}/handoff/claim`, async ({ request }) => {
      const body = (await request.json()) as { token?: string; code?: string };
      const index = body.token?.startsWith(TOKEN)
        ? Number(body.token.slice(TOKEN.length))
        : body.code?.toUpperCase() === CODE
          ? n
          : 0;
      const found = handoffs.get(`watch-${index}`);
      if (!found) return notFound();
      if (found.state === 'cancelled')
        return HttpResponse.json({ status: 'error', message: 'HANDOFF_CLOSED' }, { status: 410 });
      if (found.phone) return HttpResponse.json({ status: 'error', message: 'HANDOFF_TAKEN' }, { status: 409 });
      found.phone = `phone-${index}`;
      found.state = 'connected';
      return HttpResponse.json({ phone: found.phone, expiresAt: Date.now() + 600_000 });
    }),
    http.post(`${BASE}/handoff/phone`, async ({ request }) => {
      const body = JSON.parse(await request.text()) as { phone: string; state?: string };
      const found = byPhone(body.phone);
      if (!found) return notFound();
      if (body.state && found.reports.at(-1) !== body.state) found.reports.push(body.state);
      if (body.state === 'left') found.state = 'phone_left';
      // A phone heard from again after it left (a reload) is back.
      else if (found.state === 'phone_left') found.state = body.state === 'capturing' ? 'capturing' : 'connected';
      else if (body.state === 'capturing' && found.state === 'connected') found.state = 'capturing';
      return HttpResponse.json({ state: found.state });
    }),
  );
  return {
    handoffs,
    cancelled,
    uploads,
    latest() {
      const last = handoffs.get(`watch-${n}`);
      if (!last) throw new Error('no handoff created');
      return last;
    },
  };
}

export const HANDOFF_TOKEN = `${TOKEN}1`;
export const HANDOFF_CODE = CODE;
