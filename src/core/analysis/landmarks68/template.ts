import type { Vec3 } from './pnp.ts';

/**
 * A head's inner landmark points (indices.ts INNER: brows, nose, eyes, mouth; 17-67 in
 * order) in 3D, for the pose fit (pose.ts): x towards the person's left, y down the face, z
 * into the head, centred on their mean, in hundredths of the head scan's units (one unit is
 * about 5 cm; only the shape matters).
 *
 * Made from the textured head scan in e2e/fixtures/head (`npm run head:template`): the scan
 * rendered facing the camera and turned 5° each way, the landmark network run on each render
 * as the analysis runs it, and each landmark's pixel traced back onto the scan's surface,
 * averaged over the five renders. So the template is where the network puts each point on a
 * real head, and zero is the scan's own frame: its mirror plane for yaw and roll, and its
 * file's vertical for pitch (the scan's glabella-to-chin line leans 1.4° chin-forward of it).
 */
export const HEAD_TEMPLATE: readonly Vec3[] = [
  [-111.68, -90.76, 61.88],
  [-91.68, -94.6, 26.95],
  [-70.31, -95.91, 10.35],
  [-51.05, -94.08, 1.2],
  [-34.48, -88.28, -2.22],
  [32.04, -88.33, -5.03],
  [48.04, -92.52, -1.67],
  [66.68, -94.76, 6.31],
  [86.75, -92.61, 19.54],
  [106.74, -88.42, 46.38],
  [-1.6, -54.3, -2.48],
  [-0.39, -28.98, -19.68],
  [-0.87, -5.24, -36.47],
  [-0.59, 12.75, -45.08],
  [-20.49, 27.75, -17.0],
  [-11.81, 30.56, -12.61],
  [-0.16, 32.87, -19.66],
  [12.01, 30.17, -19.09],
  [21.31, 28.4, -12.54],
  [-79.93, -59.78, 24.98],
  [-67.11, -62.91, 18.15],
  [-52.29, -64.21, 17.66],
  [-36.79, -57.86, 22.57],
  [-49.79, -51.69, 17.72],
  [-66.16, -53.28, 17.31],
  [33.75, -57.91, 27.49],
  [50.23, -64.28, 19.38],
  [64.68, -63.28, 16.73],
  [77.46, -58.77, 20.5],
  [65.02, -51.53, 16.67],
  [48.56, -53.07, 20.43],
  [-39.01, 79.79, -0.36],
  [-24.98, 67.32, -10.92],
  [-7.55, 59.55, -19.59],
  [1.32, 61.66, -21.01],
  [10.14, 59.96, -20.72],
  [28.2, 67.99, -12.9],
  [42.03, 79.91, 1.56],
  [29.11, 87.73, -9.54],
  [16.24, 93.08, -15.79],
  [2.25, 94.34, -15.78],
  [-11.83, 93.69, -13.77],
  [-24.53, 89.75, -5.08],
  [-35.45, 79.82, -0.82],
  [-11.11, 72.89, -13.72],
  [0.65, 71.65, -18.1],
  [13.23, 71.74, -16.53],
  [40.22, 78.36, -1.25],
  [13.64, 78.71, -8.95],
  [1.74, 78.53, -8.83],
  [-10.42, 78.36, -6.57],
];
