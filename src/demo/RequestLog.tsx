import { formatBytes, prettyBody } from './format.ts';
import type { ExchangeEntry, SentPart } from './recordingFetcher.ts';
import { VerdictBars } from './VerdictBars.tsx';

/** Every call the widget made through the console's `fetcher`, newest first. */
export function RequestLog({ entries }: { entries: ExchangeEntry[] }) {
  return (
    <section className="console-panel console-requests" aria-labelledby="console-requests-title">
      <h2 id="console-requests-title">Requests and responses</h2>
      {entries.length === 0 ? (
        <p className="console-empty">
          No request yet: the widget calls {'{apiBaseUrl}'}/journeyid and /okaylive through the fetcher prop.
        </p>
      ) : (
        <ol className="console-log">
          {entries.map((entry) => (
            <Exchange key={entry.id} entry={entry} />
          ))}
        </ol>
      )}
    </section>
  );
}

function Exchange({ entry }: { entry: ExchangeEntry }) {
  const parsed = parseJson(entry.body);
  const status = entry.failure ? `failed: ${entry.failure}` : entry.status === 0 ? 'waiting…' : `HTTP ${entry.status}`;
  return (
    <li className="console-exchange" data-url={entry.url} data-status={entry.status}>
      <h3 className="console-exchange-title">
        <code>
          {entry.method} {entry.url}
        </code>{' '}
        <span data-field="status">{status}</span>
        {entry.latencyMs !== null && <span data-field="latency">, {entry.latencyMs} ms</span>}
      </h3>
      {entry.parts.length > 0 && (
        <table className="console-table console-parts">
          <caption>multipart/form-data parts sent</caption>
          <thead>
            <tr>
              <th scope="col">part</th>
              <th scope="col">content</th>
              <th scope="col">size</th>
            </tr>
          </thead>
          <tbody>
            {entry.parts.map((part) => (
              <tr key={part.name} data-part={part.name}>
                <th scope="row">
                  <code>{part.name}</code>
                </th>
                <td>{describePart(part)}</td>
                <td>{part.kind === 'file' ? formatBytes(part.size) : `${part.size} chars`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {entry.body !== null && entry.url.endsWith('/okaylive') && <VerdictBars body={parsed} />}
      {entry.body !== null && (
        <details className="console-raw">
          <summary>Raw response body</summary>
          <pre data-field="body">{prettyBody(entry.body)}</pre>
        </details>
      )}
    </li>
  );
}

function describePart(part: SentPart): string {
  if (part.kind === 'text') return `text: ${part.value ?? ''}`;
  const image =
    part.image === undefined
      ? 'decoding…'
      : 'error' in part.image
        ? `not decodable (${part.image.error})`
        : `${part.image.width}×${part.image.height} px`;
  return `file ${part.filename ?? ''} (${part.contentType || 'no type'}), ${image}`;
}

function parseJson(body: string | null): unknown {
  if (body === null) return null;
  try {
    return JSON.parse(body);
  } catch {
    return null;
  }
}
