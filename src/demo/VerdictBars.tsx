import { outcomeOf, PROBABILITY_THRESHOLD, QUALITY_THRESHOLD } from '../core/index.ts';

/** The service's numbers as read by the contract: probability and quality against their 0.5 thresholds. */
export function VerdictBars({ body }: { body: unknown }) {
  if (typeof body !== 'object' || body === null) return null;
  const record = body as Record<string, unknown>;
  const { probability, quality, score } = record;
  if (record.status !== 'success' || typeof probability !== 'number' || typeof quality !== 'number') {
    const code = typeof record.message === 'string' ? record.message : null;
    return code ? (
      <p className="console-verdict" data-outcome={/^(FACE_|TOO_MANY|EYES_)/.test(code) ? 'retake' : 'error'}>
        <strong>{/^(FACE_|TOO_MANY|EYES_)/.test(code) ? 'Retake' : 'Error'}: </strong>
        <code>{code}</code>
      </p>
    ) : null;
  }
  const outcome = outcomeOf(probability, quality);
  return (
    <div className="console-verdict" data-outcome={outcome}>
      <p>
        <strong>Outcome: </strong>
        {outcome === 'live' ? 'live' : outcome === 'not_live' ? 'not live' : 'retake (quality too low to judge)'}
      </p>
      <Bar
        name="probability"
        value={probability}
        threshold={PROBABILITY_THRESHOLD}
        rule="live when > 0.5"
        pass={probability > PROBABILITY_THRESHOLD}
      />
      <Bar
        name="quality"
        value={quality}
        threshold={QUALITY_THRESHOLD}
        rule="judgeable when ≥ 0.5"
        pass={quality >= QUALITY_THRESHOLD}
      />
      <p className="console-score" data-field="score">
        score {typeof score === 'number' ? score.toFixed(3) : '—'} <em>(for tuning only, not a decision value)</em>
      </p>
    </div>
  );
}

function Bar({
  name,
  value,
  threshold,
  rule,
  pass,
}: {
  name: string;
  value: number;
  threshold: number;
  rule: string;
  pass: boolean;
}) {
  return (
    <div className="console-bar" data-field={name} data-pass={String(pass)}>
      <span className="console-bar-label">
        {name} {value.toFixed(3)} <span className="console-muted">({rule})</span>
      </span>
      <span className="console-bar-track" aria-hidden="true">
        <span
          className="console-bar-fill"
          data-pass={String(pass)}
          style={{ width: `${Math.max(0, Math.min(1, value)) * 100}%` }}
        />
        <span className="console-bar-threshold" style={{ left: `${threshold * 100}%` }} />
      </span>
    </div>
  );
}
