/**
 * Structured logs: one JSON object per line. What goes in is decided by the callers and kept
 * to facts an operator needs; never image bytes, credentials, upstream addresses or a full
 * journeyId (see redactJourneyId).
 */
export type LogValue = string | number | boolean | null | undefined;
export type LogFields = Record<string, LogValue>;

export interface Logger {
  info(event: string, fields?: LogFields): void;
  warn(event: string, fields?: LogFields): void;
  error(event: string, fields?: LogFields): void;
}

export type LogSink = (line: string) => void;

export function jsonLogger(sink: LogSink = (line) => process.stdout.write(`${line}\n`)): Logger {
  const write = (level: string, event: string, fields: LogFields = {}): void => {
    const entry: LogFields = { time: new Date().toISOString(), level, event };
    for (const [key, value] of Object.entries(fields)) if (value !== undefined) entry[key] = value;
    sink(JSON.stringify(entry));
  };
  return {
    info: (event, fields) => write('info', event, fields),
    warn: (event, fields) => write('warn', event, fields),
    error: (event, fields) => write('error', event, fields),
  };
}

export const silentLogger: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };

/**
 * Enough of a journeyId to follow one flow through the logs, too little to use it: the
 * journeyId is the only token an OkayLive call needs.
 */
export function redactJourneyId(journeyId: string | null | undefined): string | undefined {
  if (!journeyId) return undefined;
  const head = journeyId.slice(0, 4).replace(/[^A-Za-z0-9]/g, '?');
  return `${head}…(${journeyId.length})`;
}

/** An error's class and system code (ECONNREFUSED, ...): never its message, which may carry addresses. */
export function errorKind(error: unknown): { errorName: string; errorCode?: string } {
  if (!(error instanceof Error)) return { errorName: typeof error };
  const cause = (error as { cause?: unknown }).cause;
  const code =
    (error as { code?: unknown }).code ?? (cause instanceof Error ? (cause as { code?: unknown }).code : undefined);
  const out: { errorName: string; errorCode?: string } = { errorName: error.name };
  if (typeof code === 'string' && /^[A-Z0-9_]{2,40}$/.test(code)) out.errorCode = code;
  return out;
}
