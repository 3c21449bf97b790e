/**
 * The browser APIs the widget uses or falls back from, as this engine has them: read in the
 * page and in a module worker like the analysis worker. Self-contained (sent to the page as
 * source by every driver). The matrix in docs/browsers.md is written from what this saw.
 */
export interface WorkerFeatures {
  offscreenCanvas2d: boolean;
  /** createImageBitmap(source, sx, sy, sw, sh, { resizeWidth, resizeHeight }) gives the asked size. */
  imageBitmapResize: boolean;
  videoFrame: boolean;
  /** createImageBitmap(VideoFrame, …) with a resize: the painting path. */
  videoFrameResize: boolean;
  /** VideoFrame.copyTo(…, { rect, format: 'RGBA' }) converts an I420 frame's rectangle: the worker's copy path. */
  videoFrameCopyRgba: boolean;
  /** convertToBlob({ type: 'image/jpeg' }) gives a JPEG, and a higher quality gives more bytes. */
  jpeg: boolean;
  jpegQuality: boolean;
  webAssembly: boolean;
  /** A SIMD module validates: tfjs' fast WASM build. */
  wasmSimd: boolean;
  error: string;
}

export interface EngineFeatures {
  userAgent: string;
  getUserMedia: boolean;
  /** `navigator.permissions.query({ name: 'camera' })`: its state, or the error's name. */
  cameraPermissionQuery: string;
  videoFrame: boolean;
  requestVideoFrameCallback: boolean;
  canvasCaptureStream: boolean;
  canvasFilter: boolean;
  offscreenCanvas: boolean;
  /** A worker with { type: 'module' } runs (the analysis worker is an ES module). */
  moduleWorker: boolean;
  worker: WorkerFeatures | null;
}

export async function engineFeatures(): Promise<EngineFeatures> {
  const workerSource = `
    const SIMD = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 10, 1, 8, 0, 65, 0, 253, 15, 253, 98, 11]);
    const out = { offscreenCanvas2d: false, imageBitmapResize: false, videoFrame: typeof VideoFrame === 'function', videoFrameResize: false,
      jpeg: false, jpegQuality: false, webAssembly: typeof WebAssembly === 'object', wasmSimd: false, videoFrameCopyRgba: false, error: '' };
    try {
      out.wasmSimd = out.webAssembly && WebAssembly.validate(SIMD);
      const canvas = new OffscreenCanvas(64, 48);
      const ctx = canvas.getContext('2d');
      out.offscreenCanvas2d = Boolean(ctx);
      // Noise, so that JPEG quality changes the size.
      const image = ctx.createImageData(64, 48);
      for (let i = 0; i < image.data.length; i++) image.data[i] = (i * 7919) % 251;
      ctx.putImageData(image, 0, 0);
      const small = await createImageBitmap(canvas, 8, 8, 32, 24, { resizeWidth: 16, resizeHeight: 12, resizeQuality: 'medium' });
      out.imageBitmapResize = small.width === 16 && small.height === 12;
      const low = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.3 });
      const high = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.95 });
      out.jpeg = low.type === 'image/jpeg';
      out.jpegQuality = out.jpeg && high.size > low.size;
      if (out.videoFrame) {
        const frame = new VideoFrame(small, { timestamp: 0 });
        const scaled = await createImageBitmap(frame, 0, 0, 8, 6, { resizeWidth: 4, resizeHeight: 3 });
        out.videoFrameResize = scaled.width === 4 && scaled.height === 3;
        frame.close();
        // The worker's own self-test (frame-copy.ts): luma 40 left, 220 right, neutral chroma.
        const yuv = new Uint8Array(24);
        for (let i = 0; i < 16; i++) yuv[i] = i % 4 < 2 ? 40 : 220;
        yuv.fill(128, 16);
        const i420 = new VideoFrame(yuv, { format: 'I420', codedWidth: 4, codedHeight: 4, timestamp: 0 });
        try {
          const rgba = new Uint8Array(32);
          await i420.copyTo(rgba, { rect: { x: 2, y: 0, width: 2, height: 4 }, format: 'RGBA', colorSpace: 'srgb' });
          out.videoFrameCopyRgba = Array.from(rgba).every((v, i) => i % 4 === 3 || v >= 180);
        } catch {
          out.videoFrameCopyRgba = false;
        } finally {
          i420.close();
        }
      }
    } catch (error) {
      out.error = String(error);
    }
    postMessage(out);
    export {};
  `;
  const url = URL.createObjectURL(new Blob([workerSource], { type: 'text/javascript' }));
  const worker = await new Promise<WorkerFeatures | null>((resolve) => {
    let w: Worker;
    try {
      w = new Worker(url, { type: 'module' });
    } catch {
      resolve(null);
      return;
    }
    const timer = setTimeout(() => resolve(null), 10_000);
    w.onmessage = (event: MessageEvent<WorkerFeatures>) => {
      clearTimeout(timer);
      resolve(event.data);
      w.terminate();
    };
    // A classic-only worker fails to parse the `export`: no module workers.
    w.onerror = () => {
      clearTimeout(timer);
      resolve(null);
      w.terminate();
    };
  });
  URL.revokeObjectURL(url);
  let cameraPermissionQuery: string;
  try {
    cameraPermissionQuery = (await navigator.permissions.query({ name: 'camera' })).state;
  } catch (error) {
    cameraPermissionQuery = error instanceof Error ? `unsupported (${error.name})` : 'unsupported';
  }
  const canvas = document.createElement('canvas');
  return {
    userAgent: navigator.userAgent,
    getUserMedia: typeof navigator.mediaDevices?.getUserMedia === 'function',
    cameraPermissionQuery,
    videoFrame: typeof VideoFrame === 'function',
    requestVideoFrameCallback: 'requestVideoFrameCallback' in HTMLVideoElement.prototype,
    canvasCaptureStream: typeof canvas.captureStream === 'function',
    canvasFilter: 'filter' in (canvas.getContext('2d') ?? {}),
    offscreenCanvas: typeof OffscreenCanvas === 'function',
    moduleWorker: worker !== null,
    worker,
  };
}
