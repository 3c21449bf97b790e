import type { AnalysisStatus } from '../analysis/client.ts';
import type { AnalysisFailure } from '../analysis/protocol.ts';
import { IDLE_SNAPSHOT, type GuidanceSnapshot } from '../guidance/types.ts';

/**
 * Guidance state of one widget: what the latest analysed frame showed. Part of the session
 * store, so hosts, the views and the demo console all read the same thing.
 */
export interface GuidanceSlice {
  guidance: GuidanceSnapshot;
  publishGuidance(snapshot: GuidanceSnapshot): void;
  setAnalysisStatus(status: AnalysisStatus, failure?: AnalysisFailure | null): void;
  /** Drops the last frame's readings (new camera session); keeps the analysis status. */
  clearGuidance(): void;
}

type Set = (patch: Partial<GuidanceSlice>) => void;
type Get = () => GuidanceSlice;

export function createGuidanceSlice(set: Set, get: Get): GuidanceSlice {
  return {
    guidance: IDLE_SNAPSHOT,
    publishGuidance: (snapshot) => set({ guidance: snapshot }),
    setAnalysisStatus: (analysis, analysisFailure = null) => {
      if (get().guidance.analysis !== analysis) set({ guidance: { ...get().guidance, analysis, analysisFailure } });
    },
    clearGuidance: () => {
      const { analysis, analysisFailure } = get().guidance;
      set({ guidance: { ...IDLE_SNAPSHOT, analysis, analysisFailure } });
    },
  };
}
