import type { IncomingMessage, ServerResponse } from 'node:http';
import { IMAGE_FILENAME, PART_IMAGE, PART_JOURNEY } from '../../core/api/contract.ts';
import type { UpstreamConfig } from '../config.ts';
import { readUpload } from '../multipart.ts';
import { contractError, sendJson } from '../respond.ts';

/** Only these fields of an upstream answer reach the browser. */
const PASSED_FIELDS = ['status', 'messageCode', 'message', 'journeyId', 'probability', 'score', 'quality'] as const;

function pick(body: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (typeof body !== 'object' || body === null) return out;
  for (const key of PASSED_FIELDS) if (key in body) out[key] = (body as Record<string, unknown>)[key];
  return out;
}

async function callUpstream(config: UpstreamConfig, path: string, init: RequestInit): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${config.baseUrl}${path}`, { ...init, signal: AbortSignal.timeout(config.timeoutMs) });
  const text = await response.text();
  try {
    return { status: response.status, body: JSON.parse(text) };
  } catch {
    return { status: response.status, body: null };
  }
}

/**
 * Answers for a failed upstream call. The browser learns that the gateway failed, never
 * where the gateway points or what it said about itself.
 */
function upstreamFailure(res: ServerResponse, error: unknown): void {
  const timedOut = error instanceof DOMException && (error.name === 'TimeoutError' || error.name === 'AbortError');
  sendJson(res, timedOut ? 504 : 502, contractError('UNEXPECTED_ERROR'));
}

export function createUpstreamRoutes(config: UpstreamConfig) {
  return {
    async journeyId(_req: IncomingMessage, res: ServerResponse): Promise<void> {
      try {
        const { status, body } = await callUpstream(config, '/api/ekyc/journeyid', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
          body: JSON.stringify({ username: config.username, password: config.password }),
        });
        if (body === null) return sendJson(res, 502, contractError('UNEXPECTED_ERROR'));
        sendJson(res, status, pick(body));
      } catch (error) {
        upstreamFailure(res, error);
      }
    },

    async okaylive(req: IncomingMessage, res: ServerResponse): Promise<void> {
      const result = await readUpload(req);
      if (!result.ok) return sendJson(res, result.rejection.status, contractError(result.rejection.message));
      const { upload } = result;
      const form = new FormData();
      form.append(PART_IMAGE, new Blob([new Uint8Array(upload.image)], { type: upload.mimeType || 'image/jpeg' }), upload.filename || IMAGE_FILENAME);
      form.append(PART_JOURNEY, upload.journeyId);
      try {
        const { status, body } = await callUpstream(config, '/api/ekyc/okaylive', { method: 'POST', body: form });
        if (body === null) return sendJson(res, 502, contractError('UNEXPECTED_ERROR'));
        sendJson(res, status, pick(body));
      } catch (error) {
        upstreamFailure(res, error);
      }
    },
  };
}
