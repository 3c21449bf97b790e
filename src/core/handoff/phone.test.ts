import { describe, expect, it, vi } from 'vitest';
import type { PhoneHandoffApi } from './client.ts';
import { createPhoneHandoff, type PhoneHandoffView } from './phone.ts';
import type { HandoffEvent } from './types.ts';

function phoneWith(answer: HandoffEvent['state']) {
  const views: PhoneHandoffView[] = [];
  const api: PhoneHandoffApi = {
    claim: vi.fn(async () => ({ phone: 'p', expiresAt: 1 })),
    beat: vi.fn(async () => answer),
    leave: vi.fn(),
  };
  const phone = createPhoneHandoff({
    api: () => api,
    token: 't'.repeat(22),
    storage: null,
    onView: (v) => views.push(v),
    onKey: () => undefined,
    heartbeatMs: 10,
  });
  return { phone, api, views, last: () => views.at(-1) };
}

describe('the phone side follows what its heartbeat hears', () => {
  it.each([
    ['connected', { state: 'connected', error: null }],
    ['capturing', { state: 'connected', error: null }],
    // Its own verdict ended the step (the answer may still be on its way): done, not closed.
    ['done', { state: 'done', error: null }],
    ['cancelled', { state: 'closed', error: 'HANDOFF_CLOSED' }],
    ['expired', { state: 'closed', error: 'HANDOFF_NOT_FOUND' }],
  ] as const)('a heartbeat answering %s → %o', async (answer, view) => {
    const h = phoneWith(answer);
    h.phone.begin();
    await vi.waitFor(() => expect(h.api.beat).toHaveBeenCalled(), { timeout: 1000, interval: 5 });
    await vi.waitFor(() => expect(h.last()).toEqual(view), { timeout: 1000, interval: 5 });
    h.phone.dispose();
  });

  it('claims once when mounted twice (React strict mode), and leaves only when the page goes', async () => {
    const h = phoneWith('connected');
    h.phone.begin();
    h.phone.begin();
    await vi.waitFor(() => expect(h.last()?.state).toBe('connected'), { timeout: 1000, interval: 5 });
    h.phone.dispose();
    h.phone.begin();
    expect(h.api.claim).toHaveBeenCalledTimes(1);
    expect(h.api.leave).not.toHaveBeenCalled();
    h.phone.leave();
    expect(h.api.leave).toHaveBeenCalledWith('p');
  });
});
