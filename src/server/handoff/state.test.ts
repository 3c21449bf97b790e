import { describe, expect, it } from 'vitest';
import {
  CHECKING_LIMIT_MS,
  deriveEvent,
  endsTheStep,
  PHONE_GRACE_MS,
  saidLeft,
  type HandoffSnapshot,
} from './state.ts';

const NOW = 1_000_000;
const EXPIRES = NOW + 60_000;
const ANSWER = { status: 200, body: { status: 'success', messageCode: 'api.success', outcome: 'live' } };

const fresh: HandoffSnapshot = {
  expiresAt: EXPIRES,
  cancelled: false,
  phone: null,
  leftAt: null,
  checking: null,
  tries: null,
  answer: null,
};
const connected = { ...fresh, phone: { state: 'connected' as const, at: NOW - 1_000 } };
const capturing = { ...fresh, phone: { state: 'capturing' as const, at: NOW - 1_000 } };

describe('deriveEvent: the state a snapshot stands for', () => {
  it.each<[string, HandoffSnapshot, string, number?]>([
    ['nobody claimed it yet', fresh, 'waiting'],
    ['not claimed by its expiry', { ...fresh, expiresAt: NOW }, 'expired'],
    ['a phone claimed it', connected, 'connected'],
    ['the phone reports capturing', capturing, 'capturing'],
    ['an upload started after the last answer', { ...capturing, checking: { at: NOW - 500 } }, 'checking'],
    ['an upload started and none answered yet', { ...capturing, checking: { at: NOW - 500 }, tries: null }, 'checking'],
    [
      'the upload was answered (a retake)',
      { ...capturing, checking: { at: NOW - 500 }, tries: { attempts: 1, for: NOW - 500, at: NOW - 100 } },
      'capturing',
      1,
    ],
    [
      'an answer came while the phone last said connected',
      { ...connected, tries: { attempts: 2, for: NOW - 900, at: NOW - 100 } },
      'capturing',
      2,
    ],
    [
      'an upload mark left by a dead instance',
      { ...capturing, checking: { at: NOW - CHECKING_LIMIT_MS - 1 }, phone: { state: 'capturing', at: NOW - 1 } },
      'capturing',
    ],
    ['the phone said it left', { ...capturing, leftAt: NOW - 500 }, 'phone_left'],
    ['the phone said it left, mid-upload', { ...capturing, leftAt: NOW - 5, checking: { at: NOW - 10 } }, 'phone_left'],
    ['the phone said it left before its first report', { ...fresh, leftAt: NOW - 500 }, 'phone_left'],
    [
      'a left and a report in the same millisecond: the left holds',
      { ...capturing, leftAt: NOW - 1_000 },
      'phone_left',
    ],
    ['a report after the left (a reload): connected again', { ...connected, leftAt: NOW - 2_000 }, 'connected'],
    ['a report after the left (a reload): capturing again', { ...capturing, leftAt: NOW - 2_000 }, 'capturing'],
    [
      'an answer after the left does not bring it back (only the phone can)',
      { ...capturing, leftAt: NOW - 500, tries: { attempts: 1, for: NOW - 900, at: NOW - 100 } },
      'phone_left',
      1,
    ],
    [
      'back after a left, then silent past the grace',
      {
        ...capturing,
        leftAt: NOW - PHONE_GRACE_MS - 9_000,
        phone: { state: 'capturing', at: NOW - PHONE_GRACE_MS - 1 },
      },
      'phone_left',
    ],
    [
      'the phone has been silent past the grace',
      { ...capturing, phone: { state: 'capturing', at: NOW - PHONE_GRACE_MS - 1 } },
      'phone_left',
    ],
    [
      'the phone has been silent up to the grace',
      { ...capturing, phone: { state: 'capturing', at: NOW - PHONE_GRACE_MS } },
      'capturing',
    ],
    [
      'the phone is silent while its upload is checked',
      { ...capturing, phone: { state: 'capturing', at: NOW - PHONE_GRACE_MS - 5_000 }, checking: { at: NOW - 30_000 } },
      'checking',
    ],
    [
      'silence counts from the last answer too',
      {
        ...capturing,
        phone: { state: 'capturing', at: NOW - 60_000 },
        tries: { attempts: 1, for: NOW - 30_000, at: NOW - 1_000 },
      },
      'capturing',
      1,
    ],
    ['expiry outranks a phone at work', { ...capturing, expiresAt: NOW - 1, checking: { at: NOW - 10 } }, 'expired'],
    ['cancelled by the desktop', { ...capturing, cancelled: true }, 'cancelled'],
    ['cancelled outranks a left phone', { ...capturing, cancelled: true, leftAt: NOW - 500 }, 'cancelled'],
    ['expiry outranks a left phone', { ...capturing, leftAt: NOW - 500, expiresAt: NOW }, 'expired'],
    ['cancelled outranks a final answer', { ...capturing, cancelled: true, answer: ANSWER }, 'cancelled'],
    ['cancelled outranks expiry', { ...fresh, cancelled: true, expiresAt: NOW - 1 }, 'cancelled'],
    ['a final answer', { ...capturing, answer: ANSWER }, 'done'],
    ['a final answer outlives the expiry', { ...capturing, answer: ANSWER, expiresAt: NOW - 1 }, 'done'],
    ['a final answer outranks a left phone', { ...capturing, answer: ANSWER, leftAt: NOW - 500 }, 'done'],
  ])('%s', (_case, snapshot, state, attempts = 0) => {
    const event = deriveEvent(snapshot, NOW);
    expect(event.state).toBe(state);
    expect(event.attempts).toBe(attempts);
    expect(event.expiresAt).toBe(snapshot.expiresAt);
    if (state === 'done') expect(event.answer).toEqual(ANSWER);
    else expect(event).not.toHaveProperty('answer');
  });

  it('a shorter grace is honoured', () => {
    expect(deriveEvent(connected, NOW, 500).state).toBe('phone_left');
    expect(deriveEvent(connected, NOW, 5_000).state).toBe('connected');
  });
});

describe("saidLeft: whether the phone's latest word is `left`", () => {
  it.each<[string, HandoffSnapshot['phone'], number | null, boolean]>([
    ['never said it', { state: 'capturing', at: NOW }, null, false],
    ['said it after its last report', { state: 'capturing', at: NOW - 10 }, NOW, true],
    ['said it with no report on record', null, NOW, true],
    ['reported in the same millisecond', { state: 'connected', at: NOW }, NOW, true],
    ['reported after it (back from a reload)', { state: 'connected', at: NOW + 1 }, NOW, false],
  ])('%s', (_case, phone, leftAt, left) => {
    expect(saidLeft({ phone, leftAt })).toBe(left);
  });
});

describe('endsTheStep: which answers finish the handoff', () => {
  const full = (probability: number, quality: number) => ({
    status: 'success',
    messageCode: 'api.success',
    probability,
    quality,
    score: 1,
  });
  it.each<[string, number, unknown, boolean]>([
    ['verdict-only live', 200, { status: 'success', messageCode: 'api.success', outcome: 'live' }, true],
    ['verdict-only not_live', 200, { status: 'success', messageCode: 'api.success', outcome: 'not_live' }, true],
    ['verdict-only retake', 200, { status: 'success', messageCode: 'api.success', outcome: 'retake' }, false],
    ['full, live figures', 200, full(0.9, 0.9), true],
    ['full, not-live figures', 200, full(0.1, 0.9), true],
    ['full, low quality', 200, full(0.9, 0.2), false],
    ['a success without figures', 200, { status: 'success', messageCode: 'api.success' }, false],
    ['a face code', 200, { status: 'error', messageCode: null, message: 'EYES_CLOSED' }, false],
    ['a refusal', 400, { status: 'error', messageCode: null, message: 'MAX_API_CALL_EXCEEDED' }, false],
    ['a success body with an error status', 502, full(0.9, 0.9), false],
    ['no body', 499, null, false],
  ])('%s', (_case, status, body, ends) => {
    expect(endsTheStep(status, body)).toBe(ends);
  });
});
