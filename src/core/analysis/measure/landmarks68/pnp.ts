/**
 * Head pose from 2D landmarks and a 3D template of the same points: the rotation and
 * position that, through a pinhole camera, put the template's points where the landmarks are
 * (least squares, Gauss-Newton with Levenberg's damping over six parameters). A perspective
 * model, so a head at the side of the picture that faces the same way as one in the middle
 * reads the same angles (a flat, weak-perspective fit reads the direction it is seen from).
 */
import type { Point } from '../../types.ts';

export type Vec3 = readonly [number, number, number];
/** Row-major 3x3. */
export type Mat3 = readonly [number, number, number, number, number, number, number, number, number];

export interface Camera {
  /** Focal length, px. */
  focal: number;
  /** Principal point, px. */
  cx: number;
  cy: number;
}

export interface PoseFit {
  /** Camera-from-template rotation (x right, y down, z away from the camera). */
  rotation: Mat3;
  translation: Vec3;
  /** Root-mean-square reprojection error, px. */
  rms: number;
}

/** Rodrigues: a rotation vector to its matrix. */
export function rotationOf(r: Vec3): Mat3 {
  const theta = Math.hypot(r[0], r[1], r[2]);
  if (theta < 1e-12) return [1, 0, 0, 0, 1, 0, 0, 0, 1];
  const [x, y, z] = [r[0] / theta, r[1] / theta, r[2] / theta];
  const c = Math.cos(theta);
  const s = Math.sin(theta);
  const t = 1 - c;
  return [
    t * x * x + c,
    t * x * y - s * z,
    t * x * z + s * y,
    t * x * y + s * z,
    t * y * y + c,
    t * y * z - s * x,
    t * x * z - s * y,
    t * y * z + s * x,
    t * z * z + c,
  ];
}

function project(m: Mat3, t: Vec3, p: Vec3, camera: Camera): Point {
  const x = m[0] * p[0] + m[1] * p[1] + m[2] * p[2] + t[0];
  const y = m[3] * p[0] + m[4] * p[1] + m[5] * p[2] + t[1];
  const z = m[6] * p[0] + m[7] * p[1] + m[8] * p[2] + t[2];
  const zz = Math.max(z, 1e-6);
  return { x: camera.cx + (camera.focal * x) / zz, y: camera.cy + (camera.focal * y) / zz };
}

function residuals(
  params: readonly number[],
  template: readonly Vec3[],
  image: readonly Point[],
  camera: Camera,
): number[] {
  const m = rotationOf([params[0] ?? 0, params[1] ?? 0, params[2] ?? 0]);
  const t: Vec3 = [params[3] ?? 0, params[4] ?? 0, params[5] ?? 0];
  const out: number[] = [];
  template.forEach((p, i) => {
    const q = project(m, t, p, camera);
    const target = image[i];
    out.push(q.x - (target?.x ?? 0), q.y - (target?.y ?? 0));
  });
  return out;
}

/** Solves the 6x6 system A·x = b by Gaussian elimination with partial pivoting. */
function solve(a: number[][], b: number[]): number[] | null {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i] ?? 0]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(m[r]?.[col] ?? 0) > Math.abs(m[pivot]?.[col] ?? 0)) pivot = r;
    const top = m[pivot];
    const current = m[col];
    if (!top || !current || Math.abs(top[col] ?? 0) < 1e-12) return null;
    m[pivot] = current;
    m[col] = top;
    for (let r = 0; r < n; r++) {
      const row = m[r];
      if (r === col || !row) continue;
      const k = (row[col] ?? 0) / (top[col] ?? 1);
      for (let c = col; c <= n; c++) row[c] = (row[c] ?? 0) - k * (top[c] ?? 0);
    }
  }
  return m.map((row, i) => (row[n] ?? 0) / (row[i] ?? 1));
}

const sumSq = (v: readonly number[]): number => v.reduce((s, x) => s + x * x, 0);

/**
 * Fits the template to the landmarks. `template[i]` and `image[i]` are the same point of the
 * face; the template is in any unit (its scale ends up in the translation's depth). The
 * start is the template facing the camera, at the distance its size in the image implies.
 */
export function fitPose(
  template: readonly Vec3[],
  image: readonly Point[],
  camera: Camera,
  iterations = 30,
): PoseFit | null {
  if (template.length < 4 || template.length !== image.length) return null;
  const mean = (f: (i: number) => number): number => template.reduce((s, _, i) => s + f(i), 0) / template.length;
  const spread3 = Math.sqrt(mean((i) => (template[i]?.[0] ?? 0) ** 2 + (template[i]?.[1] ?? 0) ** 2));
  const u = { x: mean((i) => image[i]?.x ?? 0), y: mean((i) => image[i]?.y ?? 0) };
  const spread2 = Math.sqrt(mean((i) => ((image[i]?.x ?? 0) - u.x) ** 2 + ((image[i]?.y ?? 0) - u.y) ** 2));
  if (spread2 <= 0 || spread3 <= 0) return null;
  const depth = (camera.focal * spread3) / spread2;
  let params = [0, 0, 0, ((u.x - camera.cx) * depth) / camera.focal, ((u.y - camera.cy) * depth) / camera.focal, depth];
  let error = sumSq(residuals(params, template, image, camera));
  let damping = 1e-3;
  for (let it = 0; it < iterations; it++) {
    const r0 = residuals(params, template, image, camera);
    // Numerical Jacobian: six parameters, a few dozen points; cheaper to write than to derive.
    const jac: number[][] = params.map((p, k) => {
      const step = k < 3 ? 1e-5 : Math.max(1e-4, Math.abs(p) * 1e-6);
      const moved = [...params];
      moved[k] = p + step;
      const r1 = residuals(moved, template, image, camera);
      return r1.map((v, i) => (v - (r0[i] ?? 0)) / step);
    });
    const jtj = jac.map((a) => jac.map((b) => a.reduce((s, v, i) => s + v * (b[i] ?? 0), 0)));
    const jtr = jac.map((a) => a.reduce((s, v, i) => s + v * (r0[i] ?? 0), 0));
    let improved = false;
    for (let attempt = 0; attempt < 8 && !improved; attempt++) {
      const damped = jtj.map((row, i) => row.map((v, j) => (i === j ? v * (1 + damping) : v)));
      const delta = solve(
        damped,
        jtr.map((v) => -v),
      );
      if (!delta) break;
      const next = params.map((p, k) => p + (delta[k] ?? 0));
      const nextError = sumSq(residuals(next, template, image, camera));
      if (nextError < error) {
        const gain = error - nextError;
        params = next;
        error = nextError;
        damping = Math.max(1e-7, damping / 3);
        improved = true;
        if (gain < 1e-9 * (1 + error)) it = iterations;
      } else damping *= 4;
    }
    if (!improved) break;
  }
  return {
    rotation: rotationOf([params[0] ?? 0, params[1] ?? 0, params[2] ?? 0]),
    translation: [params[3] ?? 0, params[4] ?? 0, params[5] ?? 0],
    rms: Math.sqrt(error / template.length),
  };
}
