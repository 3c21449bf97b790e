/**
 * The session's side of the still check (capture/still-check.ts): what a still is compared
 * with, and how many blank stills are taken before the person is told.
 */
import type { AnalysisClient } from '../analysis/client/client.ts';
import { faceRegion, judgeStill, type ProbeStill, type StillExpectation } from '../capture/still-check.ts';
import type { Candidate } from '../guidance/loop.ts';
import type { Capture, CaptureMeta } from './types.ts';

/** Stills read back blank in a row before CAPTURE_BLANK: a one-off glitch never reaches the person. */
export const STILL_ATTEMPTS = 3;

/**
 * A manual capture pressed before the preview shows a frame (or while a new stream replaces
 * it) waits this many times STILL_WAIT_MS for one before going back to the camera.
 */
export const STILL_WAITS = 3;
export const STILL_WAIT_MS = 2000;

/** The analysed frame's face and its brightness reading, when the analysis read both. */
export function expectationOf(best: Pick<Candidate, 'face' | 'readings' | 'plan'>): StillExpectation | null {
  const luma = best.readings.brightness;
  if (!best.face || luma === null) return null;
  return { region: faceRegion(best.face.box, best.plan), luma };
}

/** True when the encoded still may be sent; a still that cannot even be decoded may not. */
export async function stillSendable(
  probe: ProbeStill,
  blob: Blob,
  expected: StillExpectation | null,
): Promise<boolean> {
  try {
    return judgeStill(await probe(blob, expected?.region ?? null), expected) === null;
  } catch {
    return false;
  }
}

/** The capture's metadata with what guidance was when it was taken and the stills refused before it. */
export function stamped(
  capture: Capture,
  analysis: Pick<AnalysisClient, 'status' | 'failure'>,
  stillRejected: number,
): Capture {
  const meta: CaptureMeta = { ...capture.meta, guidance: analysis.status, stillRejected };
  if (analysis.failure) meta.analysisFailure = analysis.failure;
  return { blob: capture.blob, meta };
}
