import { QueryClient, MutationObserver } from '@tanstack/query-core';
import { describe, expect, it } from 'vitest';
import type { OkayLiveClient } from './client.ts';
import { OkayLiveApiError } from './errors.ts';
import { CHECK_MUTATION_KEY, livenessMutation, sendCheck } from './mutations.ts';
import type { JourneyOwner } from './resend.ts';
import type { Verdict } from './verdict.ts';

const LIVE: Verdict = { outcome: 'live', probability: 0.97, quality: 0.8, score: 3.5 };

/** A client whose answers are scripted per journeyId; it records what it was asked. */
function scripted(expired: ReadonlySet<string>) {
  const checked: string[] = [];
  let made = 0;
  const client: OkayLiveClient = {
    apiBaseUrl: '/api',
    createJourney: () => Promise.resolve(`j-new-${++made}`),
    checkLiveness({ journeyId }) {
      checked.push(journeyId);
      return expired.has(journeyId)
        ? Promise.reject(new OkayLiveApiError({ code: 'INVALID_JOURNEY_ID' }))
        : Promise.resolve(LIVE);
    },
  };
  return { client, checked, made: () => made };
}

describe('the check request, defined once', () => {
  const image = new Blob([new Uint8Array([0xff, 0xd8, 0xff])], { type: 'image/jpeg' });
  it.each<[string, string | null, JourneyOwner, string[], string[], number | 'INVALID_JOURNEY_ID']>([
    ['the host journey, fresh', 'j-host', 'host', [], ['j-host'], 0],
    ['no journey: one is made first', null, 'widget', [], ['j-new-1'], 1],
    ['the widget journey expired: renewed once and resent', 'j-old', 'widget', ['j-old'], ['j-old', 'j-new-1'], 1],
    ['the host journey expired: never renewed here', 'j-old', 'host', ['j-old'], ['j-old'], 'INVALID_JOURNEY_ID'],
    [
      'renewed journey expired too: no second renewal',
      'j-old',
      'widget',
      ['j-old', 'j-new-1'],
      ['j-old', 'j-new-1'],
      'INVALID_JOURNEY_ID',
    ],
  ])('%s', async (_name, journeyId, owner, expired, checked, outcome) => {
    const fake = scripted(new Set(expired));
    const sent = sendCheck(
      { client: fake.client, createJourney: () => fake.client.createJourney(), owner },
      image,
      journeyId,
    );
    if (outcome === 'INVALID_JOURNEY_ID') await expect(sent).rejects.toMatchObject({ code: 'INVALID_JOURNEY_ID' });
    else {
      await expect(sent).resolves.toBe(LIVE);
      expect(fake.made()).toBe(outcome);
    }
    expect(fake.checked).toEqual(checked);
  });

  it('the public mutation runs it under the check key, never retried by the query library', async () => {
    const fake = scripted(new Set(['j-old']));
    const options = livenessMutation(fake.client);
    expect(options.mutationKey).toEqual([...CHECK_MUTATION_KEY, '/api']);
    expect(options.retry).toBe(false);
    const observer = new MutationObserver(new QueryClient(), options);
    await expect(observer.mutate({ imageBest: image, journeyId: 'j-old' })).rejects.toMatchObject({
      code: 'INVALID_JOURNEY_ID',
    });
    expect(fake.checked).toEqual(['j-old']);
  });
});
