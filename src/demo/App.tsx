import { useState } from 'react';
import type { Verdict } from '../core/api/verdict.ts';
import type { CaptureMeta, WidgetError } from '../core/session/types.ts';
import { OkayLiveCapture } from '../react/OkayLiveCapture.tsx';
import { useEngine } from './useEngine.ts';

const API_BASE = '/api/ekyc';

type LogEntry = { at: string; kind: string; detail: string };

export function App() {
  const engine = useEngine(API_BASE);
  const [log, setLog] = useState<LogEntry[]>([]);
  const add = (kind: string, detail: unknown) =>
    setLog((l) => [{ at: new Date().toLocaleTimeString(), kind, detail: JSON.stringify(detail) }, ...l].slice(0, 30));

  return (
    <main className="demo">
      <header className="demo-header">
        <h1>OkayLive selfie capture</h1>
        <p className="demo-engine" data-engine={engine}>
          {engine === 'reference' &&
            'Talking to the local reference engine: a development stand-in for OkayLive, not a certified presentation-attack detector.'}
          {engine === 'okaylive' && 'Talking to OkayLive through this server (credentials stay on the server).'}
          {engine === 'unknown' && 'Engine: unknown'}
        </p>
      </header>
      <div className="demo-body">
        <OkayLiveCapture
          apiBaseUrl={API_BASE}
          onCapture={(blob: Blob, meta: CaptureMeta) => add('capture', { bytes: blob.size, width: meta.width, height: meta.height })}
          onResult={(verdict: Verdict) => add('result', verdict)}
          onError={(error: WidgetError) => add('error', error)}
          onStateChange={(state) => add('state', state)}
        />
        <section className="demo-log" aria-label="Event log">
          <h2>Events</h2>
          <ol>
            {log.map((e, i) => (
              <li key={`${e.at}-${i}`}>
                <code>
                  {e.at} {e.kind} {e.detail}
                </code>
              </li>
            ))}
          </ol>
        </section>
      </div>
    </main>
  );
}
