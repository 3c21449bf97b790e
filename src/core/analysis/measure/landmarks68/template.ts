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
  [-114.31, -91.7, 67.99],
  [-93.05, -94.55, 28.55],
  [-71.21, -95.62, 10.75],
  [-51.61, -93.68, 1.15],
  [-34.76, -87.8, -2.45],
  [31.93, -88.5, -5.46],
  [48.09, -92.87, -2.02],
  [66.81, -95.5, 6.4],
  [87.11, -93.93, 20.46],
  [107.46, -90.49, 48.59],
  [-1.63, -54.65, -1.86],
  [-0.17, -29.09, -19.22],
  [-0.55, -4.97, -36.05],
  [-0.13, 13.25, -45.28],
  [-20.36, 28.34, -17.09],
  [-11.54, 31.17, -13.17],
  [0.24, 33.49, -20.27],
  [12.36, 30.59, -19.19],
  [21.75, 28.65, -12.14],
  [-81.08, -60.02, 25.21],
  [-67.99, -63.2, 18.24],
  [-52.99, -64.59, 17.46],
  [-37.27, -58.24, 22.19],
  [-50.42, -51.96, 17.38],
  [-67.0, -53.53, 17.39],
  [33.76, -58.69, 26.4],
  [50.31, -65.3, 18.26],
  [64.89, -64.53, 16.18],
  [77.86, -60.19, 20.39],
  [65.36, -52.71, 16.47],
  [48.89, -54.09, 20.23],
  [-39.25, 80.36, -0.65],
  [-24.85, 68.32, -11.2],
  [-7.23, 60.68, -19.83],
  [1.67, 62.75, -21.19],
  [10.49, 60.97, -20.83],
  [28.58, 68.76, -12.79],
  [42.5, 79.97, 0.26],
  [29.47, 87.78, -8.84],
  [16.55, 93.07, -16.14],
  [2.55, 94.27, -16.45],
  [-11.59, 93.83, -14.29],
  [-24.47, 90.15, -4.88],
  [-35.58, 80.4, -1.25],
  [-10.76, 73.9, -14.03],
  [1.05, 72.69, -18.26],
  [13.64, 72.58, -16.57],
  [40.72, 78.6, -1.53],
  [13.9, 78.79, -9.01],
  [2.07, 78.55, -10.33],
  [-10.19, 78.52, -7.71],
];
