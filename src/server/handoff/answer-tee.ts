import type { ServerResponse } from 'node:http';
import type { HandoffAnswer } from './state.ts';

/** The upload route's answers are small JSON; anything longer is not kept for the desktop. */
const LONGEST_BODY = 64 * 1024;

/** The status a response that never went out is recorded with (nginx's "client closed"). */
export const NO_ANSWER_STATUS = 499;

function bodyOf(chunk: unknown): unknown {
  let text: string | null = null;
  if (typeof chunk === 'string') text = chunk;
  else if (chunk instanceof Uint8Array)
    text = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength).toString('utf8');
  if (text === null || text.length > LONGEST_BODY) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

/**
 * Calls `onAnswer` once with what this response told its client: the status, the JSON body
 * (null if it had none that parses) and any Retry-After. Only this response's `end` is
 * wrapped; the upload routes answer in one `end(text)`. A response that closes without ever
 * ending (the client went away) is reported as NO_ANSWER_STATUS with no body.
 */
export function teeAnswer(res: ServerResponse, onAnswer: (answer: HandoffAnswer) => void): void {
  let captured: HandoffAnswer | null = null;
  let reported = false;
  const report = (answer: HandoffAnswer): void => {
    if (reported) return;
    reported = true;
    onAnswer(answer);
  };
  const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
  const wrapped = (...args: unknown[]): ServerResponse => {
    if (captured === null) {
      // After writeHead its headers are readable here: the middleware set one (X-Request-Id) before any route ran.
      const retryAfter = res.getHeader('retry-after');
      captured = {
        status: res.statusCode,
        body: bodyOf(args[0]),
        ...(retryAfter === undefined ? {} : { retryAfter: String(retryAfter) }),
      };
    }
    return end(...args);
  };
  res.end = wrapped as ServerResponse['end'];
  res.once('finish', () => report(captured ?? { status: res.statusCode, body: null }));
  res.once('close', () =>
    report(res.writableFinished && captured ? captured : { status: NO_ANSWER_STATUS, body: null }),
  );
}
