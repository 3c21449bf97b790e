import { expect } from '@playwright/test';
import sharp from 'sharp';
import { measureImage } from './human-node.ts';

/**
 * What the server received from an auto-capture of a compliant face: a portrait JPEG at the
 * camera's full resolution (1080p camera: an 810x1080 crop) with one face that meets the
 * guidance targets, read back by the same analysis the server uses.
 */
export async function expectCompliantSelfie(bytes: Buffer | undefined): Promise<void> {
  if (!bytes) throw new Error('no image reached the server');
  const meta = await sharp(bytes).metadata();
  expect(meta.format).toBe('jpeg');
  expect(meta.height ?? 0).toBeGreaterThan(meta.width ?? 0);
  expect({ width: meta.width, height: meta.height }).toEqual({ width: 810, height: 1080 });
  const face = await measureImage(bytes);
  expect(face.readings.faceCount).toBe(1);
  expect(face.readings.faceSide).toBeGreaterThanOrEqual(260);
  expect(face.readings.eyeDistance).toBeGreaterThanOrEqual(90);
  // The face outline inside the drawn oval (the centring rule's target).
  expect(face.readings.ovalOverflow).toBeLessThanOrEqual(0.05);
}
