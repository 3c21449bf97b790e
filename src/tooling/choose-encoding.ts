/**
 * `npm run models:encoding`: which of the detector's tensors can be stored as uint8 and which
 * must stay float16. Reads a frame of every e2e camera clip and the rendered head at every
 * pose of the known-pose test, with the shipped float32 weights and with each trial plan,
 * through the reference engine's Node Human (as the tests read them). Greedy, largest tensor
 * first (encoding-search.ts): a tensor goes uint8 only if, with it and every tensor already
 * taken, each clip reads within tolerance with the same hint and verdict, no face's score
 * drops by more than SCORE_MARGIN (reading-diff.ts), and the head is still found in every
 * pose and passes the known-pose test's checks (e2e/head/known-poses.ts).
 *
 * Prints the steps, the result and its sizes; the list of uint8 tensors goes into
 * analysis-assets.ts by hand, as data. Needs the clips (`node e2e/setup/prepare.mjs`) and
 * Chromium for the head (as the known-pose test does). Takes about half an hour on two busy cores.
 */
import { brotliCompressSync, constants } from 'node:zlib';
import {
  judgeKnownPoses,
  judgeSpread,
  KNOWN_POSES,
  SPREAD_POSE,
  SPREAD_SHOTS,
  type PoseRow,
} from '../../e2e/head/known-poses.ts';
import { openHeadRenderer, type HeadPose } from '../../e2e/head/renderer.ts';
import { frameOf } from '../../e2e/head/read-pose.ts';
import { measure } from '../core/analysis/measure/measure.ts';
import { analysisImage } from '../server/reference/testing/scenes.ts';
import type { RgbaImage } from '../core/analysis/types.ts';
import { evaluate } from '../core/rules/evaluate.ts';
import { loadNodeDetector, type ModelSet } from '../server/reference/human-node.ts';
import { buildAnalysisAssets, shippedModel } from '../server/assets/analysis-assets.ts';
import { clipFrames } from './clip-frames.ts';
import { candidates, greedySearch } from './encoding-search.ts';
import {
  judgeFrame,
  SCORE_MARGIN,
  TOLERANCE_SHARE,
  type FrameReading,
  type FrameVerdict,
  type JudgeOptions,
} from './reading-diff.ts';
import { describePlan, reencodeModel, type EncodingPlan } from '../server/assets/weights.ts';

interface NamedFrame {
  name: string;
  image: RgbaImage;
  crop: { width: number; height: number };
  judge: JudgeOptions;
  /** For the rendered head: its true pose, and which of the known-pose checks it belongs to. */
  head?: { pose: HeadPose; check: 'known' | 'spread' };
}

/** What a trial reads on one frame: the scores and readings, and the head pose read. */
interface Read {
  frame: FrameReading;
  pose: HeadPose | null;
}

/**
 * The known-pose test's frames (every pose out to and past the limits, one pose at nine places
 * in the oval). Each must still be found with its score; their readings are judged as the test
 * judges them, over all of them (angle errors, captured or not, the spread).
 */
async function headFrames(): Promise<NamedFrame[]> {
  const renderer = await openHeadRenderer();
  try {
    const out: NamedFrame[] = [];
    const shots = [
      ...KNOWN_POSES.map((pose) => ({ pose, check: 'known' as const })),
      ...SPREAD_SHOTS.map((shot) => ({ pose: SPREAD_POSE, shot, check: 'spread' as const })),
    ];
    for (const { pose, check, ...rest } of shots) {
      const shot = 'shot' in rest ? rest.shot : undefined;
      const frame = await analysisImage(await frameOf(await renderer.render(pose, shot)));
      const at = shot?.at ? ` at ${shot.at.x},${shot.at.y}` : '';
      out.push({
        name: `head ${pose.yaw}/${pose.pitch}/${pose.roll}${at}`,
        ...frame,
        judge: { readings: false, verdict: false },
        head: { pose, check },
      });
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

async function readFrames(plan: EncodingPlan, frames: readonly NamedFrame[]): Promise<Read[]> {
  const detector = await loadNodeDetector(modelSet(plan));
  try {
    const out: Read[] = [];
    for (const { image, crop } of frames) {
      const faces = await detector.detect(image);
      const measurement = measure({ faces, image, crop });
      out.push({
        frame: { scores: faces.map((f) => f.score), readings: measurement.readings },
        pose: measurement.face?.pose ?? null,
      });
    }
    return out;
  } finally {
    detector.dispose();
  }
}

/** The known-pose test's verdicts on a trial's reads. */
function headFailures(frames: readonly NamedFrame[], reads: readonly Read[]): string[] {
  const rows = (check: 'known' | 'spread'): PoseRow[] =>
    frames.flatMap((f, i) => {
      const read = reads[i];
      if (f.head?.check !== check || !read) return [];
      const { readings } = read.frame;
      return [
        {
          pose: f.head.pose,
          read: read.pose,
          compliant: evaluate(readings, { mode: 'guide' }).compliant,
          overflow: readings.ovalOverflow,
        },
      ];
    });
  return [...judgeKnownPoses(rows('known')).failures, ...judgeSpread(rows('spread')).failures];
}

interface Trial {
  verdicts: FrameVerdict[];
  head: string[];
}

function judgeTrial(frames: readonly NamedFrame[], reference: readonly Read[], candidate: readonly Read[]): Trial {
  const verdicts = frames.map((frame, i) => {
    const [r, c] = [reference[i], candidate[i]];
    if (!r || !c) throw new Error(`no reading for ${frame.name}`);
    return judgeFrame(r.frame, c.frame, frame.judge);
  });
  return { verdicts, head: headFailures(frames, candidate) };
}

const passes = (t: Trial): boolean => t.head.length === 0 && t.verdicts.every((v) => v.failures.length === 0);

/** The worst of a trial, in words: its failures, else its largest move and score drop. */
function summary(trial: Trial, frames: readonly NamedFrame[]): string {
  const failing = [
    ...trial.verdicts.flatMap((v, i) =>
      v.failures.length > 0 ? [`${frames[i]?.name}: ${v.failures.join(', ')}`] : [],
    ),
    ...(trial.head.length > 0 ? [`head: ${trial.head.join(', ')}`] : []),
  ];
  if (failing.length > 0)
    return failing.slice(0, 2).join('; ') + (failing.length > 2 ? `; +${failing.length - 2} more` : '');
  const share = Math.max(...trial.verdicts.map((v) => v.worstShare));
  const drop = Math.max(...trial.verdicts.map((v) => v.scoreDrop));
  return `largest move ${share.toFixed(2)} of a tolerance, score drop ${drop.toFixed(2)}`;
}

const brotli = (bytes: Uint8Array): number =>
  brotliCompressSync(bytes, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
      [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
    },
  }).length;

function sizes(plan: EncodingPlan): string {
  const { json, bin } = shippedModel('blazeface');
  const out = reencodeModel(json, bin, plan, 'blazeface.bin').bin;
  return `${describePlan(plan)}: ${out.length.toLocaleString('en')} B, brotli ${brotli(out).toLocaleString('en')} B`;
}

async function main(): Promise<void> {
  const started = Date.now();
  const clips = (await clipFrames()).map((c) => ({ name: c.clip, image: c.image, crop: c.crop, judge: {} }));
  const frames: NamedFrame[] = [...clips, ...(await headFrames())];
  const reference = await readFrames('float32', frames);
  const own = headFailures(frames, reference);
  if (own.length > 0) throw new Error(`the shipped weights fail the known-pose checks themselves: ${own.join(', ')}`);
  const all = candidates(shippedModel('blazeface').json.weightsManifest.flatMap((g) => g.weights));
  console.log(
    `${frames.length} frames (${clips.length} clips, ${frames.length - clips.length} of the head); tolerance ${TOLERANCE_SHARE} of each rule's gap, score margin ${SCORE_MARGIN}; ${all.length} float tensors, largest first`,
  );
  const width = Math.max(...all.map((c) => c.name.length));
  const result = await greedySearch<Trial>(
    all,
    'uint8',
    'float16',
    async (plan) => {
      const trial = judgeTrial(frames, reference, await readFrames(plan, frames));
      return { ok: passes(trial), detail: trial };
    },
    ({ candidate, accepted, detail }) =>
      console.log(
        `${candidate.name.padEnd(width)} ${JSON.stringify(candidate.shape).padEnd(14)} ${String(candidate.values).padStart(5)}  ${accepted ? 'uint8  ' : 'float16'}  ${summary(detail, frames)}`,
      ),
  );
  console.log(`\n${sizes('float16')}\n${sizes(result.plan)}`);
  console.log(`\nkept float16: ${JSON.stringify(result.fineNames)}`);
  console.log(`\nuint8 (analysis-assets.ts, DETECTOR_UINT8):\n${JSON.stringify(result.coarseNames)}`);
  console.log(`\n${Math.round((Date.now() - started) / 1000)} s`);
}

await main();
