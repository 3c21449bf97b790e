import type { Readings } from '../table.ts';

/** A frame that meets every guidance target: the compliant camera clip's readings, rounded. For tests. */
export const COMPLIANT_READINGS: Readings = {
  faceCount: 1,
  faceSide: 300,
  eyeDistance: 139,
  faceWidthShare: 0.37,
  margin: 0.85,
  ovalOverflow: -0.33,
  yaw: 0,
  pitch: 11,
  roll: 3,
  brightness: 167,
  clipped: 0,
  unevenness: 0.11,
  sharpness: 0.66,
  motion: 0.01,
  eyeOpenness: 0.35,
  meshConfidence: 1,
  cropHeight: 1080,
};
