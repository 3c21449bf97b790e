import { useEffect, useRef } from 'react';
import { useStore } from 'zustand';
import type { GuidanceSnapshot } from '../../core/guidance/types.ts';
import { useSessionContext } from '../context.ts';

/** This widget's guidance: the latest analysed frame's readings, rules, hint, window and best frame. */
export function useGuidance(): GuidanceSnapshot {
  return useStore(useSessionContext().store, (s) => s.guidance);
}

/** One field of this widget's guidance; re-renders only when that field changes. */
export function useGuidanceSelect<T>(select: (snapshot: GuidanceSnapshot) => T): T {
  return useStore(useSessionContext().store, (s) => select(s.guidance));
}

/** Calls back at most every `intervalMs`, and at once when the hint or the analysis status changes. */
export const GUIDANCE_EVENT_INTERVAL_MS = 200;

export function useGuidanceEvents(onGuidance: ((snapshot: GuidanceSnapshot) => void) | undefined, intervalMs = GUIDANCE_EVENT_INTERVAL_MS): void {
  const { store } = useSessionContext();
  const callback = useRef(onGuidance);
  callback.current = onGuidance;
  const enabled = onGuidance !== undefined;
  useEffect(() => {
    if (!enabled) return undefined;
    let last = 0;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const emit = () => {
      timer = null;
      last = performance.now();
      callback.current?.(store.getState().guidance);
    };
    const unsubscribe = store.subscribe((state, prev) => {
      if (state.guidance === prev.guidance) return;
      const urgent = state.guidance.hint?.code !== prev.guidance.hint?.code || state.guidance.analysis !== prev.guidance.analysis;
      const wait = intervalMs - (performance.now() - last);
      if (urgent || wait <= 0) {
        if (timer) clearTimeout(timer);
        emit();
      } else timer ??= setTimeout(emit, wait);
    });
    return () => {
      unsubscribe();
      if (timer) clearTimeout(timer);
    };
  }, [enabled, intervalMs, store]);
}
