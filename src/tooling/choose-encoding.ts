/**
 * `npm run models:encoding`: which of the detector's tensors can be stored as uint8 and which
 * must stay float16. Reads a frame of every e2e camera clip and the rendered head at known
 * poses out to the pose limits, with the shipped float32 weights and with each trial plan,
 * through the reference engine's Node Human (the browser's detector and landmark network).
 * Greedy, largest tensor first (encoding-search.ts): a tensor goes uint8 only if, with it and
 * every tensor already taken, each frame reads within tolerance, with the same hint and
 * verdict, and no face's score drops by more than SCORE_MARGIN (reading-diff.ts).
 *
 * Prints the steps, the result and its sizes; the list of float16 tensors goes into
 * analysis-assets.ts by hand, as data. Needs the clips (`node e2e/setup/prepare.mjs`) and
 * Chromium for the head (as the known-pose test does). Takes a quarter of an hour on two cores.
 */
import { brotliCompressSync, constants } from 'node:zlib';
import { openHeadRenderer, type HeadPose } from '../../e2e/head/renderer.ts';
import { frameOf } from '../../e2e/head/read-pose.ts';
import { measure } from '../core/analysis/measure.ts';
import { analysisImage } from '../core/analysis/testing/scenes.ts';
import type { RgbaImage } from '../core/analysis/types.ts';
import { loadNodeDetector, type ModelSet } from '../server/reference/human-node.ts';
import { buildAnalysisAssets, shippedModel } from './analysis-assets.ts';
import { clipFrames } from './clip-frames.ts';
import { candidates, greedySearch } from './encoding-search.ts';
import { judgeFrame, SCORE_MARGIN, TOLERANCE_SHARE, type FrameReading, type FrameVerdict, type JudgeOptions } from './reading-diff.ts';
import { describePlan, reencodeModel, type EncodingPlan } from './weights.ts';

interface NamedFrame {
  name: string;
  image: RgbaImage;
  crop: { width: number; height: number };
  judge: JudgeOptions;
}

const along = (axis: keyof HeadPose, values: readonly number[]): HeadPose[] => values.map((v) => ({ yaw: 0, pitch: 0, roll: 0, [axis]: v }));

/**
 * Frontal, each axis out to its rule's limit (yaw 20°, pitch 25°, roll 30°: a face turned that
 * far must still be found and read), and the known-pose test's mixed poses.
 */
const POSES: HeadPose[] = [
  { yaw: 0, pitch: 0, roll: 0 },
  ...along('yaw', [-20, -10, 10, 20]),
  ...along('pitch', [-25, -20, -10, 10, 20, 25]),
  ...along('roll', [-30, -20, -10, 10, 20, 30]),
  { yaw: 10, pitch: 10, roll: 5 },
  { yaw: -10, pitch: -10, roll: -5 },
  { yaw: 8, pitch: -6, roll: 8 },
  { yaw: -6, pitch: 8, roll: -8 },
];

const poseName = (p: HeadPose): string => `pose ${p.yaw}/${p.pitch}/${p.roll}`;

/**
 * A rendered pose must still be found, with its score; its readings are the known-pose test's
 * to judge (angle errors over many poses, not one frame's). Where that test fixes the outcome
 * (captured within 10°, never from 25°) the verdict must stay; between, the angle sits on a
 * rule's band and either outcome is right.
 */
function poseJudge(p: HeadPose): JudgeOptions {
  const largest = Math.max(Math.abs(p.yaw), Math.abs(p.pitch), Math.abs(p.roll));
  return { readings: false, verdict: largest <= 10 || largest >= 25 };
}

async function poseFrames(): Promise<NamedFrame[]> {
  const renderer = await openHeadRenderer();
  try {
    const out: NamedFrame[] = [];
    for (const pose of POSES) {
      const frame = await analysisImage(await frameOf(await renderer.render(pose)));
      out.push({ name: poseName(pose), ...frame, judge: poseJudge(pose) });
    }
    return out;
  } finally {
    await renderer.close();
  }
}

/** The detector under `plan`, the rest as served; built without the shared cache, which would keep every trial. */
function modelSet(plan: EncodingPlan): ModelSet {
  const assets = buildAnalysisAssets({ blazeface: plan });
  return { names: assets.names, files: new Map(assets.files.map((f) => [f.name, f.bytes])) };
}

async function readFrames(plan: EncodingPlan, frames: readonly NamedFrame[]): Promise<FrameReading[]> {
  const detector = await loadNodeDetector(modelSet(plan));
  try {
    const out: FrameReading[] = [];
    for (const { image, crop } of frames) {
      const faces = await detector.detect(image);
      out.push({ scores: faces.map((f) => f.score), readings: measure({ faces, image, crop }).readings });
    }
    return out;
  } finally {
    detector.dispose();
  }
}

interface Trial {
  verdicts: FrameVerdict[];
}

/** The worst frame of a trial, in words: its failures, else its largest move and score drop. */
function summary(trial: Trial, frames: readonly NamedFrame[]): string {
  const failing = trial.verdicts.flatMap((v, i) => (v.failures.length > 0 ? [`${frames[i]?.name}: ${v.failures.join(', ')}`] : []));
  if (failing.length > 0) return failing.slice(0, 2).join('; ') + (failing.length > 2 ? `; +${failing.length - 2} frames` : '');
  const share = Math.max(...trial.verdicts.map((v) => v.worstShare));
  const drop = Math.max(...trial.verdicts.map((v) => v.scoreDrop));
  return `largest move ${share.toFixed(2)} of a tolerance, score drop ${drop.toFixed(2)}`;
}

const brotli = (bytes: Uint8Array): number =>
  brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } })
    .length;

function sizes(plan: EncodingPlan): string {
  const { json, bin } = shippedModel('blazeface');
  const out = reencodeModel(json, bin, plan, 'blazeface.bin').bin;
  return `${describePlan(plan)}: ${out.length.toLocaleString('en')} B, brotli ${brotli(out).toLocaleString('en')} B`;
}

async function main(): Promise<void> {
  const started = Date.now();
  const frames: NamedFrame[] = [...(await clipFrames()).map((c) => ({ name: c.clip, image: c.image, crop: c.crop, judge: {} })), ...(await poseFrames())];
  const reference = await readFrames('float32', frames);
  const all = candidates(shippedModel('blazeface').json.weightsManifest.flatMap((g) => g.weights));
  console.log(
    `${frames.length} frames (${frames.length - POSES.length} clips, ${POSES.length} poses); tolerance ${TOLERANCE_SHARE} of each rule's gap, score margin ${SCORE_MARGIN}; ${all.length} float tensors, largest first`,
  );
  const width = Math.max(...all.map((c) => c.name.length));
  const result = await greedySearch<Trial>(
    all,
    'uint8',
    'float16',
    async (plan) => {
      const candidate = await readFrames(plan, frames);
      const verdicts = reference.map((r, i) => {
        const [c, frame] = [candidate[i], frames[i]];
        if (!c || !frame) throw new Error(`no reading for frame ${i}`);
        return judgeFrame(r, c, frame.judge);
      });
      return { ok: verdicts.every((v) => v.failures.length === 0), detail: { verdicts } };
    },
    ({ candidate, accepted, detail }) =>
      console.log(
        `${candidate.name.padEnd(width)} ${JSON.stringify(candidate.shape).padEnd(14)} ${String(candidate.values).padStart(5)}  ${accepted ? 'uint8  ' : 'float16'}  ${summary(detail, frames)}`,
      ),
  );
  console.log(`\n${sizes('float16')}\n${sizes(result.plan)}`);
  console.log(`\nthe tensors kept float16 (analysis-assets.ts, DETECTOR_FLOAT16):\n${JSON.stringify(result.fineNames)}`);
  console.log(`\n${Math.round((Date.now() - started) / 1000)} s`);
}

await main();
