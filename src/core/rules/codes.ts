import type { FaceCode } from '../api/contract.ts';

/**
 * Requirement codes. Where the contract has a FACE_* name we use it, so a hint in
 * the browser and an error from the service mean the same thing.
 */
export type RuleCode = FaceCode | 'TOO_DARK' | 'TOO_BRIGHT' | 'UNEVEN_LIGHT' | 'BLURRY' | 'LOW_RESOLUTION';

/**
 * The order in which failed rules are shown, one at a time: fix the coarse problem (where
 * the face is) before the fine one (light, stillness, eyes). LOW_RESOLUTION never blocks.
 */
export const HINT_PRIORITY: readonly RuleCode[] = [
  'FACE_NOT_FOUND',
  'TOO_MANY_FACES',
  'FACE_TOO_SMALL',
  'FACE_TOO_CLOSE',
  'FACE_CROPPED',
  'FACE_CLOSE_TO_BORDER',
  'FACE_ANGLE_TOO_LARGE',
  'TOO_DARK',
  'TOO_BRIGHT',
  'UNEVEN_LIGHT',
  'BLURRY',
  'EYES_CLOSED',
  'FACE_IS_OCCLUDED',
  'LOW_RESOLUTION',
];

export const NON_BLOCKING: ReadonlySet<RuleCode> = new Set<RuleCode>(['LOW_RESOLUTION']);
