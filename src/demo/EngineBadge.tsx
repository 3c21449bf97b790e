import type { Engine } from './useEngine.ts';

/** The mode, from `GET {apiBaseUrl}/engine`: which engine answers, never where it is. */
export function EngineBadge({ engine, apiBaseUrl }: { engine: Engine; apiBaseUrl: string }) {
  return (
    <p className="demo-engine" data-engine={engine} role="status">
      <strong>Mode: </strong>
      {engine === 'reference' &&
        'local reference engine: a development stand-in for OkayLive, not a certified presentation-attack detector.'}
      {engine === 'okaylive' &&
        'upstream OkayLive, through this server (its address and credentials stay on the server).'}
      {engine === 'unknown' && `unknown (GET ${apiBaseUrl}/engine did not answer).`}
    </p>
  );
}
