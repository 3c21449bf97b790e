import { describe, expect, it } from 'vitest';
import { storeContract } from '../testing/store-contract.ts';
import { createMemoryStore } from './memory-store.ts';

const store = createMemoryStore();
storeContract('memory store', () => store);

describe('memory store bounds', () => {
  it('a full journey store refuses new journeys until one expires', async () => {
    let now = 0;
    const s = createMemoryStore(() => now);
    expect(await s.createJourney('a', 1000, 2)).toBe(true);
    expect(await s.createJourney('b', 1000, 2)).toBe(true);
    expect(await s.createJourney('c', 1000, 2)).toBe(false);
    now += 1000;
    expect(await s.createJourney('c', 1000, 2)).toBe(true);
  });
});
