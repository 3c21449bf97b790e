import { describe, expect, it } from 'vitest';
import { TtlMap } from './ttl-map.ts';

describe('TtlMap', () => {
  it('forgets an entry at its expiry', () => {
    let now = 0;
    const map = new TtlMap<string>(10, () => now);
    map.set('a', 'x', 100);
    now = 99;
    expect(map.get('a')).toBe('x');
    now = 100;
    expect(map.get('a')).toBeUndefined();
  });

  it('holds at most maxEntries, dropping the oldest first', () => {
    const map = new TtlMap<number>(3, () => 0);
    for (let i = 0; i < 5; i++) map.set(`k${i}`, i, 1000);
    expect(map.size).toBe(3);
    expect(['k0', 'k1', 'k2', 'k3', 'k4'].map((k) => map.get(k))).toEqual([undefined, undefined, 2, 3, 4]);
  });

  it('sweeps expired entries on insert', () => {
    let now = 0;
    const map = new TtlMap<number>(100, () => now);
    for (let i = 0; i < 50; i++) map.set(`k${i}`, i, 10);
    now = 20;
    map.set('fresh', 1, 10);
    expect(map.size).toBe(1);
  });
});
