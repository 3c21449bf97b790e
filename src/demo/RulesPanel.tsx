import { within, type GuidanceSnapshot } from '../core/index.ts';
import { formatBound, formatValue, ruleLabel } from './format.ts';

/**
 * Every rule row of the latest `onGuidance` snapshot: the reading against the target guidance
 * aims for and the limit the server holds, and whether the widget counts it as passing.
 */
export function RulesPanel({ snapshot }: { snapshot: GuidanceSnapshot | null }) {
  const rows = snapshot?.rules ?? [];
  return (
    <section className="console-panel console-rules" aria-labelledby="console-rules-title">
      <h2 id="console-rules-title">Requirement rules, live</h2>
      <HintLine snapshot={snapshot} />
      {rows.length === 0 ? (
        <p className="console-empty">No analysed frame yet: start the camera.</p>
      ) : (
        <div className="console-scroll" tabIndex={0} role="region" aria-label="Rule readings">
          <table className="console-table">
            <thead>
              <tr>
                <th scope="col">Rule</th>
                <th scope="col">Reading</th>
                <th scope="col">Target</th>
                <th scope="col">Limit</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => {
                const inLimit = row.value === null || within(row.value, row.limit);
                return (
                  <tr key={row.id} data-rule={row.id} data-pass={String(row.pass)}>
                    <th scope="row">
                      {ruleLabel(row.id)} <code>{row.code}</code>
                    </th>
                    <td data-field="value">{formatValue(row.value, row.unit)}</td>
                    <td>{formatBound(row.target, row.unit)}</td>
                    <td data-in-limit={String(inLimit)}>
                      {formatBound(row.limit, row.unit)}
                      {!inLimit && <span className="console-outside"> (outside)</span>}
                    </td>
                    <td
                      className="console-status"
                      data-pass={String(row.pass)}
                      data-server-only={row.serverOnly ? 'true' : undefined}
                    >
                      {row.serverOnly ? (
                        // Read and shown, but only the server acts on it: no hint, no wait.
                        'server only'
                      ) : row.pending ? (
                        // The face mesh is still loading: no reading yet, and no capture until there is.
                        'pending'
                      ) : (
                        <>
                          <span aria-hidden="true">{row.pass ? '✓ ' : '✗ '}</span>
                          {row.pass ? 'pass' : 'fail'}
                        </>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function HintLine({ snapshot }: { snapshot: GuidanceSnapshot | null }) {
  if (!snapshot)
    return (
      <p className="console-hint" data-code="">
        Guidance: waiting for the camera.
      </p>
    );
  const status =
    snapshot.analysis === 'unavailable'
      ? `analysis unavailable (${snapshot.analysisFailure ?? 'unknown'})`
      : `analysis ${snapshot.stage}, frame ${snapshot.frame}, ${snapshot.fps.toFixed(1)} fps, ${Math.round(snapshot.analysisMs)} ms per frame`;
  return (
    <div className="console-hint-block">
      <p className="console-hint" data-code={snapshot.hint?.code ?? ''}>
        <strong>Hint: </strong>
        {snapshot.hint ? (
          <>
            <code>{snapshot.hint.code}</code> (from row <code>{snapshot.hint.row}</code>
            {snapshot.hint.move && (
              <>
                , move <code>{snapshot.hint.move}</code>
              </>
            )}
            )
          </>
        ) : snapshot.compliant ? (
          'none: every rule holds'
        ) : (
          'none'
        )}
      </p>
      <p className="console-muted">{status}</p>
    </div>
  );
}
