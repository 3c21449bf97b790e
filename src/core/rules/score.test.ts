import { describe, expect, it } from 'vitest';
import type { Readings } from './table.ts';
import { frameScore } from './score.ts';

const IDEAL: Readings = {
  faceCount: 1,
  faceSide: 300,
  eyeDistance: 139,
  faceWidthShare: 0.37,
  margin: 0.85,
  ovalOverflow: -0.25,
  yaw: 0,
  pitch: 0,
  roll: 0,
  brightness: 140,
  clipped: 0,
  unevenness: 0.05,
  sharpness: 0.6,
  motion: 0,
  eyeOpenness: 0.35,
  meshConfidence: 1,
  cropHeight: 1080,
};

describe('frameScore', () => {
  it('is 1 for an ideal frame', () => {
    expect(frameScore(IDEAL).score).toBeCloseTo(1, 5);
  });

  it.each<[string, Partial<Readings>, keyof ReturnType<typeof frameScore>, number]>([
    // name, change, the part that drops, its value
    ['sharpness at the limit', { sharpness: 0.25 }, 'sharpness', 0],
    ['half-way sharp', { sharpness: 0.375 }, 'sharpness', 0.5],
    ['moving at the limit', { motion: 0.08 }, 'sharpness', 0],
    ['moving half the limit', { motion: 0.04 }, 'sharpness', 0.5],
    ['yaw at the limit', { yaw: 20 }, 'frontality', 0.6],
    ['roll at the limit', { roll: 30 }, 'frontality', 0.8],
    ['outline out of the oval at the limit', { ovalOverflow: 0.15 }, 'centring', 0],
    ['outline touching the oval', { ovalOverflow: 0 }, 'centring', 0.375],
    ['dark at the limit', { brightness: 60 }, 'exposure', 0],
    ['bright at the limit', { brightness: 220 }, 'exposure', 0],
    ['clipping at the limit', { clipped: 0.2 }, 'exposure', 0],
  ])('%s', (_name, patch, part, value) => {
    const s = frameScore({ ...IDEAL, ...patch });
    expect(s[part]).toBeCloseTo(value, 5);
    expect(s.score).toBeLessThan(1);
  });

  it('orders frames as a person would: sharp and frontal beats blurred or turned', () => {
    const sharp = frameScore(IDEAL).score;
    const soft = frameScore({ ...IDEAL, sharpness: 0.3 }).score;
    const turned = frameScore({ ...IDEAL, yaw: 14 }).score;
    const moving = frameScore({ ...IDEAL, motion: 0.05 }).score;
    expect(sharp).toBeGreaterThan(turned);
    expect(turned).toBeGreaterThan(soft);
    expect(sharp).toBeGreaterThan(moving);
  });

  it('scores unreadable parts as middling, never as perfect', () => {
    const s = frameScore({
      ...IDEAL,
      sharpness: null,
      yaw: null,
      pitch: null,
      roll: null,
      ovalOverflow: null,
      brightness: null,
    });
    expect(s.score).toBeGreaterThan(0.3);
    expect(s.score).toBeLessThan(0.7);
  });
});
