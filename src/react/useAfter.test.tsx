// @vitest-environment jsdom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useAfter } from './useAfter.ts';

Object.assign(globalThis, { IS_REACT_ACT_ENVIRONMENT: true });

function Probe({ active }: { active: boolean }) {
  return <p data-after={String(useAfter(active, 1000))} />;
}

let root: Root;
let container: HTMLElement;
beforeEach(() => {
  vi.useFakeTimers();
  container = document.createElement('div');
  root = createRoot(container);
});
afterEach(() => {
  act(() => root.unmount());
  vi.useRealTimers();
});

const read = () => container.querySelector('p')?.getAttribute('data-after');

describe('useAfter', () => {
  it('turns true only after the condition held for the whole delay, and resets when it breaks', () => {
    act(() => root.render(<Probe active />));
    expect(read()).toBe('false');
    act(() => void vi.advanceTimersByTime(999));
    expect(read()).toBe('false');
    act(() => void vi.advanceTimersByTime(1));
    expect(read()).toBe('true');
    act(() => root.render(<Probe active={false} />));
    expect(read()).toBe('false');
    act(() => root.render(<Probe active />));
    act(() => void vi.advanceTimersByTime(500));
    expect(read()).toBe('false');
  });
});
