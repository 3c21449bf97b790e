/**
 * The benchmark page: the widget mounted with autoStart, recording when things happen. Built
 * for production by e2e/bench/guidance.ts, so figures are what a host's users get.
 */
import { createRoot } from 'react-dom/client';
import { ANALYSIS_MARKS } from '../../../src/core/analysis/client/client.ts';
import type { GuidanceSnapshot } from '../../../src/core/guidance/types.ts';
import { OkayLiveCapture } from '../../../src/react/index.ts';

export interface BenchMarks {
  mount: number;
  firstFrame: number | null;
  /** The analysis client's mark: frames can be analysed (the detector is in). */
  detectorReady: number | null;
  analysisReady: number | null;
  firstHint: number | null;
  firstHintCode: string | null;
  capture: number | null;
  fps: number[];
  analysisMs: number[];
  longTasks: Array<{ start: number; duration: number }>;
  analysis: string;
  /** The worker's latest memory reading (tensors, WASM heap). */
  memory: GuidanceSnapshot['analysisMemory'];
}

declare global {
  interface Window {
    __bench: BenchMarks;
  }
}

const marks: BenchMarks = {
  mount: performance.now(),
  firstFrame: null,
  detectorReady: null,
  analysisReady: null,
  firstHint: null,
  firstHintCode: null,
  capture: null,
  fps: [],
  analysisMs: [],
  longTasks: [],
  analysis: 'loading',
  memory: null,
};
window.__bench = marks;

new PerformanceObserver((list) => {
  for (const e of list.getEntries()) marks.longTasks.push({ start: e.startTime, duration: e.duration });
}).observe({ type: 'longtask', buffered: true });

new PerformanceObserver((list) => {
  for (const e of list.getEntries()) if (e.name === ANALYSIS_MARKS.detector) marks.detectorReady ??= e.startTime;
}).observe({ type: 'mark', buffered: true });

// The first camera frame painted in the preview.
new MutationObserver((_m, observer) => {
  const video = document.querySelector('video');
  if (!video) return;
  observer.disconnect();
  video.requestVideoFrameCallback(() => {
    marks.firstFrame ??= performance.now();
  });
}).observe(document.body, { childList: true, subtree: true });

function onGuidance(s: GuidanceSnapshot) {
  marks.analysis = s.analysis;
  marks.memory = s.analysisMemory ?? marks.memory;
  if (s.analysis === 'ready') marks.analysisReady ??= performance.now();
  if (s.frame > 0 && marks.firstHint === null) {
    marks.firstHint = performance.now();
    marks.firstHintCode = s.hint?.code ?? '';
  }
  if (s.frame > 0 && s.fps > 0) {
    marks.fps.push(s.fps);
    marks.analysisMs.push(s.analysisMs);
  }
}

// ?baseline: the same page and camera with no analysis (its assets cannot be found), to tell
// the main-thread cost of guidance from that of the camera, React and the test camera.
const query = new URLSearchParams(location.search);
const baseline = query.has('baseline');
// ?manual: the widget idle (analysis preloaded) until "Start camera", for the memory benchmark.
const manual = query.has('manual');

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <OkayLiveCapture
      autoStart={!manual}
      autoSubmit={false}
      journeyId="bench"
      {...(baseline ? { assetsBaseUrl: '/no-analysis-assets/' } : {})}
      onGuidance={onGuidance}
      onCapture={() => {
        marks.capture ??= performance.now();
      }}
    />,
  );
}
