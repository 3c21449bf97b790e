/**
 * Whether the next frame needs the face mesh. A frame whose detector readings fail a rule at
 * its limit cannot be compliant, and its hint is a detector one (they come first), so the mesh
 * (about half a frame's inference) is skipped on the frame after it: that one is answered from
 * the detector alone, its mesh rows pending. Never two in a row: every other frame is a full
 * one, so a face the detector alone would not count (it needs a surer score without the mesh,
 * measure-detector.ts) cannot keep guidance in detector-only frames, and a face that comes
 * into place is seen with its mesh at most one frame late.
 */
import { evaluate } from '../rules/evaluate.ts';
import type { Readings } from '../rules/table.ts';
import { MESH_READINGS } from './measure-detector.ts';

/** A rule the detector alone reads fails at its limit (the mesh's rows do not count, with or without the mesh). */
export function detectorFails(readings: Readings): boolean {
  return evaluate(readings, { mode: 'limit', pending: MESH_READINGS }).failures.some((code) => code !== 'LOW_RESOLUTION');
}

export interface MeshSkip {
  /** Run the mesh on this frame? */
  needed(meshOptional: boolean): boolean;
  /** What the frame just analysed read, and whether the mesh ran on it. */
  record(readings: Readings, withMesh: boolean): void;
}

export function meshSkip(): MeshSkip {
  let fullFailed = false;
  let skipped = false;
  return {
    needed: (meshOptional) => !meshOptional || skipped || !fullFailed,
    record(readings, withMesh) {
      skipped = !withMesh;
      if (withMesh) fullFailed = detectorFails(readings);
    },
  };
}
