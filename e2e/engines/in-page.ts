/**
 * What the engine checks read and do inside the page, written once for every driver: each
 * export is a self-contained function (no imports, no outer variables) that Playwright's
 * `page.evaluate` and Selenium's `executeScript` both send to the page as source. Each
 * returns plain JSON, which the checks (checks.ts) assert on in the test process.
 */

/** What the widget shows, read through the custom element's shadow root where there is one. */
export interface WidgetFacts {
  present: boolean;
  state: string;
  hint: string;
  hintMove: string;
  hintText: string;
  verdict: string;
  error: string;
  way: string;
  alert: string;
  resultTitle: string;
  /** Visible button and label texts, in document order. */
  actions: string[];
  fileInput: boolean;
  video: { width: number; height: number; time: number; paused: boolean } | null;
  /** The root's `data-guidance` (loading, ready, unavailable). */
  guidance: string;
  /** Median analysis time per frame in the worker, ms (`data-analysis-ms`); 0 before any frame. */
  analysisMs: number;
}

export function widgetFacts(): WidgetFacts {
  const host = document.querySelector('okaylive-capture');
  const root = host?.shadowRoot?.querySelector('.okl-root') ?? document.querySelector('.okl-root');
  const text = (selector: string): string => root?.querySelector(selector)?.textContent?.trim() ?? '';
  const visible = (el: Element): boolean => {
    const box = el.getBoundingClientRect();
    return box.width > 0 && box.height > 0 && getComputedStyle(el).visibility !== 'hidden';
  };
  const video = root?.querySelector('video') ?? null;
  const error = root?.querySelector('.okl-error[data-error]');
  return {
    present: Boolean(root),
    state: root?.getAttribute('data-state') ?? '',
    hint: root?.getAttribute('data-hint') ?? '',
    hintMove: root?.getAttribute('data-hint-move') ?? '',
    hintText: text('.okl-hint'),
    verdict: root?.getAttribute('data-verdict') ?? '',
    error: error?.getAttribute('data-error') ?? '',
    way: error?.getAttribute('data-way') ?? '',
    alert: root ? [...root.querySelectorAll('[role="alert"]')].map((el) => el.textContent?.trim() ?? '').join(' ') : '',
    resultTitle: text('.okl-result-title'),
    actions: root
      ? [...root.querySelectorAll('button, label.okl-button')]
          .filter(visible)
          .map((el) => el.textContent?.trim() ?? '')
          .filter(Boolean)
      : [],
    fileInput: Boolean(root?.querySelector('input[type="file"]')),
    video: video
      ? { width: video.videoWidth, height: video.videoHeight, time: video.currentTime, paused: video.paused }
      : null,
    guidance: root?.getAttribute('data-guidance') ?? '',
    analysisMs: Number(root?.getAttribute('data-analysis-ms') ?? 0),
  };
}

export interface PageFacts {
  title: string;
  /** The standalone bundle's global, on pages that load it. */
  okayLiveMount: boolean;
  customElement: boolean;
  /** The engine-check page's camera once it is set up (pages/capture.ts), else ''. */
  camera: string;
  /** The scripted camera is installed and answers getUserMedia. */
  scriptedCamera: boolean;
  /** The page's scripts, in order (a diagnosis when a check fails). */
  scripts: string[];
}

export function pageFacts(): PageFacts {
  const api: unknown = (window as unknown as Record<string, unknown>).OkayLive;
  return {
    title: document.title,
    okayLiveMount: typeof api === 'object' && api !== null && 'mount' in api && typeof api.mount === 'function',
    customElement: Boolean(customElements.get('okaylive-capture')),
    camera: (window as unknown as { __engineCamera?: string }).__engineCamera ?? '',
    scriptedCamera:
      '__scriptedCamera' in window && String(navigator.mediaDevices?.getUserMedia).includes('captureStream'),
    scripts: [...document.scripts].map((s) => s.src || `inline ${s.text.slice(0, 40)}`),
  };
}

/** Attributes of the page's <okaylive-capture> (auto-capture, manual-capture-after-ms…). */
export function setWidgetAttributes(attributes: Record<string, string>): number {
  const host = document.querySelector('okaylive-capture');
  if (!host) return 0;
  for (const [name, value] of Object.entries(attributes)) host.setAttribute(name, value);
  return Object.keys(attributes).length;
}

/** Moves the scripted camera's scene (e2e/support/scripted-camera-source.ts); false when there is no scripted camera. */
export function setScene(patch: Record<string, number | boolean>): boolean {
  const camera = (window as unknown as { __scriptedCamera?: { set(p: Record<string, number | boolean>): void } })
    .__scriptedCamera;
  if (!camera) return false;
  camera.set(patch);
  return true;
}

export interface CaptureRecord {
  sha256: string;
  bytes: number;
  type: string;
  width: number;
  height: number;
  mode: string;
}

/**
 * Records every `okaylive-capture` event from now on (the element's events bubble and are
 * composed), with a SHA-256 of the image, so the test can find that exact upload among
 * what the server received.
 */
export function recordCaptures(): boolean {
  const w = window as unknown as { __engineCaptures?: Promise<CaptureRecord>[] };
  if (w.__engineCaptures) return false;
  const records: Promise<CaptureRecord>[] = [];
  w.__engineCaptures = records;
  document.addEventListener('okaylive-capture', (event) => {
    const detail: unknown = (event as CustomEvent<unknown>).detail;
    if (typeof detail !== 'object' || detail === null || !('blob' in detail) || !(detail.blob instanceof Blob)) return;
    const blob = detail.blob;
    const meta: { width?: unknown; height?: unknown; mode?: unknown } =
      'meta' in detail && typeof detail.meta === 'object' && detail.meta !== null ? detail.meta : {};
    records.push(
      blob.arrayBuffer().then(async (buffer) => {
        const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', buffer));
        return {
          sha256: [...digest].map((b) => b.toString(16).padStart(2, '0')).join(''),
          bytes: blob.size,
          type: blob.type,
          width: typeof meta.width === 'number' ? meta.width : 0,
          height: typeof meta.height === 'number' ? meta.height : 0,
          mode: typeof meta.mode === 'string' ? meta.mode : '',
        };
      }),
    );
  });
  return true;
}

export async function captures(): Promise<CaptureRecord[]> {
  const w = window as unknown as { __engineCaptures?: Promise<CaptureRecord>[] };
  return Promise.all(w.__engineCaptures ?? []);
}

/** Errors the watch page (pages/watch.ts) recorded, for drivers that cannot hear the console themselves. */
export function watchedErrors(): string[] | null {
  return (window as unknown as { __engineConsole?: string[] }).__engineConsole ?? null;
}

/**
 * Puts a photo into the widget's file input as the file chooser would and tells React
 * (a `change` event). Used where the driver cannot reach an input inside a shadow root.
 */
export function choosePhotoInPage(photo: { base64: string; name: string; type: string }): boolean {
  const host = document.querySelector('okaylive-capture');
  const root = host?.shadowRoot ?? document;
  const input = root.querySelector('input[type="file"]');
  if (!(input instanceof HTMLInputElement)) return false;
  const bytes = Uint8Array.from(atob(photo.base64), (c) => c.charCodeAt(0));
  const transfer = new DataTransfer();
  transfer.items.add(new File([bytes], photo.name, { type: photo.type }));
  input.files = transfer.files;
  input.dispatchEvent(new Event('change', { bubbles: true }));
  return true;
}
