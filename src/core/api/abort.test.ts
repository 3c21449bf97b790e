import { afterEach, describe, expect, it, vi } from 'vitest';
import { anySignal } from './abort.ts';

describe('anySignal', () => {
  afterEach(() => vi.unstubAllGlobals());

  it.each([
    ['with AbortSignal.any', false],
    ['without it (Safari before 17.4)', true],
  ])('%s: aborts when either signal does, with its reason', (_name, withoutAny) => {
    if (withoutAny)
      vi.stubGlobal(
        'AbortSignal',
        Object.assign(function () {}, { any: undefined }),
      );
    const caller = new AbortController();
    const timeout = new AbortController();
    const combined = anySignal([caller.signal, timeout.signal]);
    expect(combined.aborted).toBe(false);
    timeout.abort('timed out');
    expect(combined.aborted).toBe(true);
    expect(combined.reason).toBe('timed out');
  });

  it('is aborted at once when a signal already is', () => {
    const done = new AbortController();
    done.abort('gone');
    expect(anySignal([new AbortController().signal, done.signal]).aborted).toBe(true);
  });
});
