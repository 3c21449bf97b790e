/**
 * One analysis thread (run by piscina through worker-entry.mjs). The models load once, when
 * the thread starts; each task is one upload's bytes, answered with the engine's outcome.
 */
import { analyseUpload, type AnalysisOutcome } from './analyse.ts';
import type { RuleRow } from '../../core/rules/table.ts';
import { loadNodeDetector } from './human-node.ts';

export interface AnalysisTask {
  bytes: Uint8Array;
  /** The rules with the host's overrides; the table's when absent. */
  rules?: readonly RuleRow[];
}

const detector = await loadNodeDetector();

export default function analyse(task: AnalysisTask | { ping: true }): Promise<AnalysisOutcome | 'ready'> {
  if ('ping' in task) return Promise.resolve('ready');
  return analyseUpload(task.bytes, (image) => detector.detect(image), task.rules);
}
