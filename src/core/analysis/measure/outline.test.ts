import { describe, expect, it } from 'vitest';
import { OVAL } from '../../rules/table.ts';
import { CHIN, JAW, NASION } from './landmarks68/indices.ts';
import { HAIRLINE_SHARE, landmarkOutline } from './landmarks68/outline.ts';
import { fitInOval, ovalIn } from './outline.ts';
import type { Point } from '../types.ts';

const CROP = { width: 810, height: 1080 };

/**
 * 68 landmarks with the jaw on the lower half of an ellipse round (cx, cy) from ear to ear,
 * the nasion `bridge` above the centre; leaning `deg` clockwise. Only what the outline reads.
 */
function face(cx: number, cy: number, rx: number, ry: number, bridge: number, deg = 0): Array<Point | undefined> {
  const t = (deg * Math.PI) / 180;
  const put = (dx: number, dy: number): Point => ({
    x: cx + dx * Math.cos(t) - dy * Math.sin(t),
    y: cy + dx * Math.sin(t) + dy * Math.cos(t),
  });
  const points: Array<Point | undefined> = Array.from({ length: 68 }, () => undefined);
  JAW.forEach((index, k) => {
    // From the person's right ear (image left), down to the chin and up to the left ear.
    const a = Math.PI - (k / (JAW.length - 1)) * Math.PI;
    points[index] = put(rx * Math.cos(a), ry * Math.sin(a));
  });
  points[NASION] = put(0, -bridge);
  return points;
}

describe('landmarkOutline', () => {
  it('keeps the jaw line and closes it over the forehead at the hairline, above the nasion by a share of the nasion-to-chin length', () => {
    const points = face(400, 500, 150, 200, 100);
    const outline = landmarkOutline(points) ?? [];
    // Nasion at y = 400, chin at 700.
    const top = Math.min(...outline.map((p) => p.y));
    expect(top).toBeCloseTo(400 - HAIRLINE_SHARE * 300, 0);
    expect(outline).toContainEqual(points[CHIN]);
    expect(Math.min(...outline.map((p) => p.x))).toBeCloseTo(250, 6);
    expect(Math.max(...outline.map((p) => p.x))).toBeCloseTo(550, 6);
  });

  it('a leaning head keeps its shape: the outline leans with it', () => {
    const upright = landmarkOutline(face(400, 500, 150, 200, 100)) ?? [];
    const leaning = landmarkOutline(face(400, 500, 150, 200, 100, 30)) ?? [];
    const t = (30 * Math.PI) / 180;
    upright.forEach((p, i) => {
      const dx = p.x - 400;
      const dy = p.y - 500;
      expect(leaning[i]?.x).toBeCloseTo(400 + dx * Math.cos(t) - dy * Math.sin(t), 6);
      expect(leaning[i]?.y).toBeCloseTo(500 + dx * Math.sin(t) + dy * Math.cos(t), 6);
    });
  });

  it('needs the jaw ends, the nasion and the chin', () => {
    const points = face(400, 500, 150, 200, 100);
    points[NASION] = undefined;
    expect(landmarkOutline(points)).toBeNull();
    expect(landmarkOutline([])).toBeNull();
  });
});

/** Points round an ellipse centred (cx, cy). */
function ring(cx: number, cy: number, rx: number, ry: number): Point[] {
  return Array.from({ length: 72 }, (_, k) => ({
    x: cx + rx * Math.cos((k * Math.PI) / 36),
    y: cy + ry * Math.sin((k * Math.PI) / 36),
  }));
}

describe('fitInOval', () => {
  const oval = ovalIn(CROP);

  it('draws the oval from the rules table, in crop pixels', () => {
    expect(oval).toEqual({ cx: OVAL.cx * 810, cy: OVAL.cy * 1080, rx: OVAL.rx * 810, ry: OVAL.ry * 1080 });
  });

  it.each<[string, Point[], number | 'inside', Point]>([
    ['the oval itself', ring(oval.cx, oval.cy, oval.rx, oval.ry), 0, { x: 0, y: 0 }],
    ['half the oval, centred', ring(oval.cx, oval.cy, oval.rx / 2, oval.ry / 2), -0.5, { x: 0, y: 0 }],
    [
      'a small face in a corner of the oval, still inside',
      ring(oval.cx + 100, oval.cy - 150, 60, 80),
      'inside',
      { x: 100, y: -150 },
    ],
    [
      'the oval moved a tenth of its width to the image right',
      ring(oval.cx + 0.2 * oval.rx, oval.cy, oval.rx, oval.ry),
      0.2,
      { x: 0.2 * oval.rx, y: 0 },
    ],
    [
      'a face below the oval',
      ring(oval.cx, oval.cy + oval.ry, 100, 140),
      (oval.ry + 140) / oval.ry - 1,
      { x: 0, y: oval.ry },
    ],
  ])('%s', (_name, outline, overflow, offset) => {
    const fit = fitInOval(outline, CROP);
    if (overflow === 'inside') expect(fit?.overflow).toBeLessThan(0);
    else expect(fit?.overflow).toBeCloseTo(overflow, 6);
    expect(fit?.offset.x).toBeCloseTo(offset.x, 6);
    expect(fit?.offset.y).toBeCloseTo(offset.y, 6);
  });

  it('has nothing to say about no outline', () => {
    expect(fitInOval([], CROP)).toBeNull();
  });
});
