/**
 * A host's own backend in Express (docs/INTEGRATION.md quotes this file; a test keeps the two
 * identical and runs it against a stand-in for Innov8tif). The two routes the widget calls:
 * the journey is created server to server, the selfie is forwarded, and the server, not the
 * browser, records the outcome.
 */
import express, { type NextFunction, type Request, type Response } from 'express';
import multer from 'multer';

export interface HostConfig {
  /** e.g. https://ekycportal.innov8tif.com: never sent to the browser. */
  baseUrl: string;
  username: string;
  password: string;
  /** Where the host keeps the outcome it acts on (a session, a database row). */
  recordOutcome: (journeyId: string, outcome: 'live' | 'not_live' | 'retake') => void;
}

const fail = (res: Response, status: number, message: string) =>
  res.status(status).json({ status: 'error', messageCode: null, message });
// What arrives from outside (a form, Innov8tif's JSON) is read field by field, never trusted as typed.
const record = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};

export function createHostApp(config: HostConfig): express.Express {
  const app = express();
  // Memory only: the selfie is never written to disk. 3 MB is OkayLive's own file limit.
  const upload = multer({
    storage: multer.memoryStorage(),
    limits: { fileSize: 3 * 1024 * 1024, files: 1, fields: 1 },
  });

  app.post('/api/ekyc/journeyid', async (_req, res) => {
    // Check your own login/session here first: each journey costs quota. Timeouts are 25 s,
    // under the widget's 30 s, so the browser always hears this answer before it gives up.
    const answer = await fetch(`${config.baseUrl}/api/ekyc/journeyid`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: config.username, password: config.password }),
      signal: AbortSignal.timeout(25_000),
    }).catch(() => null);
    const body = record(await answer?.json().catch(() => null));
    if (body.status !== 'success' || typeof body.journeyId !== 'string') return fail(res, 502, 'UNEXPECTED_ERROR');
    res.json({ status: 'success', journeyId: body.journeyId });
  });

  app.post('/api/ekyc/okaylive', upload.single('imageBest'), async (req, res) => {
    const { journeyId } = record(req.body);
    if (!req.file || typeof journeyId !== 'string') return fail(res, 400, 'MISSING_ARGUMENTS');
    const form = new FormData();
    form.append('imageBest', new Blob([new Uint8Array(req.file.buffer)], { type: req.file.mimetype }), 'selfie.jpg');
    form.append('journeyId', journeyId);
    const answer = await fetch(`${config.baseUrl}/api/ekyc/okaylive`, {
      method: 'POST',
      body: form,
      signal: AbortSignal.timeout(25_000),
    }).catch(() => null);
    const json: unknown = await answer?.json().catch(() => null);
    if (!answer || answer.status >= 500 || typeof json !== 'object' || json === null)
      return fail(res, 502, 'UNEXPECTED_ERROR');
    const { status, messageCode, message, probability, quality, score } = record(json);
    // The server decides: the same reading as the widget, on the service's own numbers.
    if (status === 'success' && typeof probability === 'number' && typeof quality === 'number') {
      config.recordOutcome(journeyId, quality < 0.5 ? 'retake' : probability > 0.5 ? 'live' : 'not_live');
    } else if (typeof message === 'string' && /^(FACE_|TOO_MANY_FACES|EYES_CLOSED)/.test(message)) {
      config.recordOutcome(journeyId, 'retake');
    }
    // Only the contract's fields go back: never upstream headers or anything else it sent.
    res.status(answer.status).json({ status, messageCode, message, probability, quality, score });
  });

  // multer's refusals: a file over 3 MB, extra files or fields.
  app.use((error: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (!(error instanceof multer.MulterError)) return next(error);
    if (error.code === 'LIMIT_FILE_SIZE') return fail(res, 413, 'PAYLOAD_TOO_LARGE');
    return fail(res, 400, 'MISSING_ARGUMENTS');
  });
  return app;
}
