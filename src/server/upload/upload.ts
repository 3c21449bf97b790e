import type { IncomingMessage, ServerResponse } from 'node:http';
import { checkImage, decodes, type ImageCheck } from './image-check.ts';
import { isPlausibleJourneyId } from './journey-id.ts';
import { redactJourneyId, type LogFields } from '../http/log.ts';
import { readUpload, type OkayLiveUpload } from './multipart.ts';
import { refuseUnread, sendError } from '../http/respond.ts';

/** What each route fills in for the request's log line. */
export interface RouteContext {
  requestId: string;
  notes: LogFields;
  /** Keeps the request's admission place until `work` settles (work that outlives the request). */
  hold(work: Promise<unknown>): void;
  /** The journey a handoff bound this upload to: it replaces the multipart field, which the phone cannot know. */
  journeyId?: string;
}

/** After an early answer, read and drop at most this much more of the body, for this long. */
export const DRAIN_BYTES = 256 * 1024;
export const DRAIN_MS = 2_000;

/**
 * Reads and validates an OkayLive upload the same way in both modes: multipart shape, sizes,
 * a plausible journeyId. Answers the client itself and returns null when the upload is refused.
 */
export async function receiveUpload(
  req: IncomingMessage,
  res: ServerResponse,
  ctx: RouteContext,
): Promise<OkayLiveUpload | null> {
  const result = await readUpload(req);
  ctx.notes.bytesIn = result.bytesRead;
  if (!result.ok) {
    const { status, message, unread } = result.rejection;
    ctx.notes.outcome = message;
    if (unread) refuseUnread(req, res, status, message, { drainBytes: DRAIN_BYTES, drainMs: DRAIN_MS });
    else sendError(res, status, message);
    return null;
  }
  const upload = ctx.journeyId === undefined ? result.upload : { ...result.upload, journeyId: ctx.journeyId };
  ctx.notes.journey = redactJourneyId(upload.journeyId);
  ctx.notes.imageBytes = upload.image.length;
  if (!isPlausibleJourneyId(upload.journeyId)) {
    ctx.notes.outcome = 'INVALID_JOURNEY_ID';
    sendError(res, 400, 'INVALID_JOURNEY_ID');
    return null;
  }
  return upload;
}

/** The header-only image check, answering the client when it fails. */
export async function acceptImage(
  res: ServerResponse,
  ctx: RouteContext,
  bytes: Buffer,
): Promise<(ImageCheck & { ok: true }) | null> {
  const check = await checkImage(bytes);
  if (check.ok) {
    ctx.notes.image = `${check.format} ${check.width}x${check.height}`;
    return check;
  }
  ctx.notes.outcome = check.message;
  sendError(res, check.status, check.message);
  return null;
}

/**
 * The whole image decoded, answering the client as the reference engine would when it does
 * not: for upstream mode, where an undecodable image would otherwise cost a billed call.
 */
export async function acceptDecodable(res: ServerResponse, ctx: RouteContext, bytes: Buffer): Promise<boolean> {
  if (await decodes(bytes)) return true;
  ctx.notes.outcome = 'Failed to decode image';
  sendError(res, 400, 'Failed to decode image');
  return false;
}
