import type { FullResult, Reporter, TestCase, TestResult } from '@playwright/test/reporter';

/**
 * Ends every Playwright run with the engines the engine checks ran in (e2e/projects/engines.ts):
 * each engine's version as the browser reported it and its results, or why it did not run,
 * so a run never looks green while an engine was quietly left out.
 */
interface Row {
  versions: Set<string>;
  passed: number;
  failed: number;
  skipped: number;
  reasons: Set<string>;
  /** Median per-frame analysis time the guided checks read from the widget, ms. */
  analysisMs: number[];
  /** How the worker takes a frame's crop here: copied out (VideoFrame.copyTo) or painted; null when not read. */
  frames: 'copied' | 'painted' | null;
}

function framePath(features: string): Row['frames'] {
  try {
    const parsed: unknown = JSON.parse(features);
    const worker = typeof parsed === 'object' && parsed !== null && 'worker' in parsed ? parsed.worker : null;
    const copied =
      typeof worker === 'object' && worker !== null && 'videoFrameCopyRgba' in worker
        ? worker.videoFrameCopyRgba
        : null;
    return copied === null ? null : copied === true ? 'copied' : 'painted';
  } catch {
    return null;
  }
}

const ENGINES = ['chromium', 'firefox', 'webkit'] as const;

class EnginesReporter implements Reporter {
  private readonly rows = new Map<string, Row>();

  printsToStdio(): boolean {
    return false;
  }

  onTestEnd(test: TestCase, result: TestResult): void {
    const project = test.parent.project()?.name ?? '';
    const engine = /^engines-(chromium|firefox|webkit)/.exec(project)?.[1];
    if (!engine) return;
    const row = this.rows.get(engine) ?? {
      versions: new Set<string>(),
      passed: 0,
      failed: 0,
      skipped: 0,
      reasons: new Set<string>(),
      analysisMs: [],
      frames: null,
    };
    this.rows.set(engine, row);
    // Playwright lists a runtime annotation on both the test and its result: each counts once.
    const seen = new Set<string>();
    for (const a of [...test.annotations, ...result.annotations]) {
      const key = `${a.type}:${a.description ?? ''}`;
      if (seen.has(key)) continue;
      seen.add(key);
      if (a.type === 'engine' && a.description) row.versions.add(a.description.replace(/^\w+ /, ''));
      if (a.type === 'skip' && a.description) row.reasons.add(a.description);
      if (a.type === 'analysis-ms' && a.description) row.analysisMs.push(Number(a.description));
      if (a.type === 'features' && a.description) row.frames = framePath(a.description);
    }
    if (result.status === 'passed') row.passed++;
    else if (result.status === 'skipped') row.skipped++;
    // A retried test counts once, by its last result.
    else if (result.retry === test.retries || result.status === 'interrupted') row.failed++;
  }

  onEnd(_result: FullResult): void {
    if (this.rows.size === 0) return;
    const lines = ENGINES.map((engine) => {
      const row = this.rows.get(engine);
      if (!row) return `  ${engine}: not run (its projects were not selected)`;
      const version =
        row.versions.size > 0 ? [...row.versions].join(', ') : 'version unknown (no test reached the browser)';
      const counts = [
        `${row.passed} passed`,
        row.failed ? `${row.failed} FAILED` : '',
        row.skipped ? `${row.skipped} SKIPPED` : '',
      ]
        .filter(Boolean)
        .join(', ');
      const why = row.reasons.size > 0 ? ` (${[...row.reasons].join('; ')})` : '';
      const ms =
        row.analysisMs.length > 0
          ? `; analysis ${row.analysisMs.map((v) => `${Math.round(v)} ms`).join(', ')} per frame (median of the guided check)`
          : '';
      const frames = row.frames ? `; frames ${row.frames} in the worker` : '';
      return `  ${engine} ${version}: ${counts}${why}${ms}${frames}`;
    });
    console.log(`\nEngine checks ran in:\n${lines.join('\n')}`);
  }
}

export default EnginesReporter;
