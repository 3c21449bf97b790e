import type { GuidanceSnapshot } from '../core/index.ts';

type Window = GuidanceSnapshot['window'];

const W = 320;
const H = 90;

/**
 * The stable window of the snapshot: the score of each compliant frame over time, the time
 * the window must hold (requiredMs), and the best frame so far, the one auto-capture sends.
 */
export function Timeline({
  stable,
  best,
  frozen,
}: {
  stable: Window;
  best: GuidanceSnapshot['best'];
  frozen: boolean;
}) {
  const start = stable.startedAt ?? stable.scores[0]?.at ?? 0;
  const span = Math.max(stable.requiredMs, stable.durationMs, 1);
  const x = (at: number) => ((at - start) / span) * W;
  const y = (score: number) => H - score * H;
  const summary =
    stable.scores.length === 0
      ? 'No stable window: the face is not compliant yet.'
      : `${stable.scores.length} compliant frames over ${Math.round(stable.durationMs)} ms (${Math.round(stable.requiredMs)} ms needed); best score ${best ? best.score.toFixed(3) : '—'}.`;
  return (
    <section className="console-panel console-timeline" aria-labelledby="console-timeline-title">
      <h2 id="console-timeline-title">Stable window{frozen ? ' at capture' : ''}</h2>
      <svg
        className="console-chart"
        viewBox={`0 0 ${W} ${H}`}
        preserveAspectRatio="none"
        role="img"
        aria-label={summary}
      >
        <line className="console-chart-axis" x1={0} y1={H / 2} x2={W} y2={H / 2} />
        {stable.requiredMs > 0 && (
          <line
            className="console-chart-required"
            x1={x(start + stable.requiredMs)}
            y1={0}
            x2={x(start + stable.requiredMs)}
            y2={H}
          />
        )}
        {stable.scores.map((p) => (
          <rect
            key={p.at}
            className={best && p.at === best.at ? 'console-chart-bar console-chart-best' : 'console-chart-bar'}
            x={Math.min(W - 4, Math.max(0, x(p.at) - 2))}
            y={y(p.score)}
            width={4}
            height={H - y(p.score)}
          />
        ))}
      </svg>
      <p className="console-muted" data-field="window">
        {summary}
      </p>
    </section>
  );
}
