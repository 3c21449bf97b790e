/**
 * The few modules of Human's TypeScript source the worker runs, reached through the
 * `human-source/` alias (src/tooling/analysis-aliases.ts). Declared here, narrowly, so the
 * type checker reads our promises about them rather than Human's own source.
 */
declare module 'human-source/face/blazeface' {
  import type { GraphModel } from '@tensorflow/tfjs-converter';
  import type { Tensor4D } from '@tensorflow/tfjs-core';
  import type { Config } from '@vladmandic/human';

  /** A face as the detector boxes it: enlarged and squared, in the input's pixels. */
  export interface DetectBox {
    startPoint: [number, number];
    endPoint: [number, number];
    /** The detector's six keypoints, in the input's pixels. */
    landmarks: number[][];
    confidence: number;
    size: [number, number];
  }
  export function load(config: Config): Promise<GraphModel>;
  export function getBoxes(input: Tensor4D, config: Config): Promise<DetectBox[]>;
}

declare module 'human-source/face/facemeshutil' {
  import type { Tensor } from '@tensorflow/tfjs-core';
  import type { DetectBox } from 'human-source/face/blazeface';

  /** [x, y, width, height] in whole pixels, inside the input. */
  export function clampBox(box: DetectBox, input: Tensor): [number, number, number, number];
  /** [x, y, width, height] as shares of the input. */
  export function getRawBox(box: DetectBox, input: Tensor): [number, number, number, number];
}

declare module 'human-source/tfjs/load' {
  import type { Config } from '@vladmandic/human';

  export function setModelLoadOptions(config: Config): void;
  /** Per model file (its name without `.json`): whether it loaded, and how many weight bytes. */
  export const modelStats: Record<string, { loaded: boolean; sizeLoadedWeights: number } | undefined>;
}

declare module 'human-source/tfjs/constants' {
  /** Makes the scalar tensors Human's modules divide and subtract with. */
  export function init(): void;
}

declare module 'human-source/config' {
  import type { Config } from '@vladmandic/human';

  /** Human's defaults, which its constructor merges a user's config into. */
  export const defaults: Config;
}

declare module 'human-source/util/util' {
  /** Human's deep merge, as its constructor merges a config (arrays concatenate). */
  export function mergeDeep(...objects: object[]): unknown;
}
