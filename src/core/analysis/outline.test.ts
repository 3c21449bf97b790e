import { describe, expect, it } from 'vitest';
import { OVAL } from '../rules/table.ts';
import { CHIN, FOREHEAD_TOP, NASION, SILHOUETTE } from './landmarks.ts';
import { FOREHEAD_SHARE, faceOutline, fitInOval, ovalIn } from './outline.ts';
import type { Point } from './types.ts';

const CROP = { width: 810, height: 1080 };

/**
 * A face mesh in the image: the silhouette on an ellipse round (cx, cy), the bridge of the
 * nose `bridge` below the forehead top, the chin at the bottom; leaning `deg` clockwise.
 */
function face(cx: number, cy: number, rx: number, ry: number, bridge: number, deg = 0): Array<Point | undefined> {
  const t = (deg * Math.PI) / 180;
  const put = (dx: number, dy: number): Point => ({ x: cx + dx * Math.cos(t) - dy * Math.sin(t), y: cy + dx * Math.sin(t) + dy * Math.cos(t) });
  const mesh: Array<Point | undefined> = Array.from({ length: 468 }, () => undefined);
  SILHOUETTE.forEach((index, k) => {
    // Clockwise from the top, evenly round the ellipse.
    const a = (k / SILHOUETTE.length) * 2 * Math.PI;
    mesh[index] = put(rx * Math.sin(a), -ry * Math.cos(a));
  });
  mesh[NASION] = put(0, -ry + bridge);
  return mesh;
}

describe('faceOutline', () => {
  it('raises the forehead top to the hairline: half the bridge-to-chin length above the bridge', () => {
    const mesh = face(400, 500, 150, 200, 100);
    const outline = faceOutline(mesh) ?? [];
    // Bridge at y = 400, chin at 700: the hairline is 150 above the bridge, at 250; the mesh stopped at 300.
    expect(outline[0]?.y).toBeCloseTo(250, 6);
    expect(outline[0]?.x).toBeCloseTo(400, 6);
    // The chin and the cheeks below the bridge stay where the mesh put them.
    expect(outline[SILHOUETTE.indexOf(CHIN)]).toEqual(mesh[CHIN]);
    expect(outline[9]).toEqual(mesh[SILHOUETTE[9]]);
    // The temples move up by part of it.
    const temple = outline[3];
    const before = mesh[SILHOUETTE[3]];
    expect(temple && before ? before.y - temple.y : 0).toBeGreaterThan(0);
    expect(temple && before ? before.y - temple.y : 99).toBeLessThan(50);
  });

  it('raises along the face, not the image, when the head leans', () => {
    const outline = faceOutline(face(400, 500, 150, 200, 100, 30)) ?? [];
    const top = outline[0];
    const t = (30 * Math.PI) / 180;
    // 250 px above the centre along the leaning face's own up.
    expect(top?.x).toBeCloseTo(400 + 250 * Math.sin(t), 6);
    expect(top?.y).toBeCloseTo(500 - 250 * Math.cos(t), 6);
  });

  it('leaves a mesh that already reaches the hairline alone', () => {
    const mesh = face(400, 500, 150, 200, 160);
    expect(faceOutline(mesh)?.[0]).toEqual(mesh[FOREHEAD_TOP]);
  });

  it('needs the silhouette, the bridge and the chin', () => {
    const mesh = face(400, 500, 150, 200, 100);
    mesh[NASION] = undefined;
    expect(faceOutline(mesh)).toBeNull();
    expect(FOREHEAD_SHARE).toBeGreaterThan(0);
  });
});

/** Points round an ellipse centred (cx, cy). */
function ring(cx: number, cy: number, rx: number, ry: number): Point[] {
  return Array.from({ length: 72 }, (_, k) => ({ x: cx + rx * Math.cos((k * Math.PI) / 36), y: cy + ry * Math.sin((k * Math.PI) / 36) }));
}

describe('fitInOval', () => {
  const oval = ovalIn(CROP);

  it('draws the oval from the rules table, in crop pixels', () => {
    expect(oval).toEqual({ cx: OVAL.cx * 810, cy: OVAL.cy * 1080, rx: OVAL.rx * 810, ry: OVAL.ry * 1080 });
  });

  it.each<[string, Point[], number | 'inside', Point]>([
    ['the oval itself', ring(oval.cx, oval.cy, oval.rx, oval.ry), 0, { x: 0, y: 0 }],
    ['half the oval, centred', ring(oval.cx, oval.cy, oval.rx / 2, oval.ry / 2), -0.5, { x: 0, y: 0 }],
    ['a small face in a corner of the oval, still inside', ring(oval.cx + 100, oval.cy - 150, 60, 80), 'inside', { x: 100, y: -150 }],
    ['the oval moved a tenth of its width to the image right', ring(oval.cx + 0.2 * oval.rx, oval.cy, oval.rx, oval.ry), 0.2, { x: 0.2 * oval.rx, y: 0 }],
    ['a face below the oval', ring(oval.cx, oval.cy + oval.ry, 100, 140), (oval.ry + 140) / oval.ry - 1, { x: 0, y: oval.ry }],
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
