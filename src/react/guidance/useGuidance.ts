import type { GuidanceSnapshot } from '../../core/guidance/types.ts';
import { useSession } from '../context.ts';

/** This widget's guidance: the latest analysed frame's readings, rules, hint, window and best frame. */
export function useGuidance(): GuidanceSnapshot {
  return useSession((s) => s.guidance);
}

/** One field of this widget's guidance; re-renders only when that field changes. */
export function useGuidanceSelect<T>(select: (snapshot: GuidanceSnapshot) => T): T {
  return useSession((s) => select(s.guidance));
}
