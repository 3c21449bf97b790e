import { useCallback, useRef, useState } from 'react';
import { portraitCrop } from '../core/capture/crop.ts';
import { encodeCrop } from '../core/capture/encode.ts';
import { CROP_MIN_HEIGHT } from '../core/capture/limits.ts';
import { NON_BLOCKING, type RuleCode } from '../core/rules/codes.ts';
import type { Readings } from '../core/rules/table.ts';
import type { Capture, CaptureMeta } from '../core/session/types.ts';
import { useSessionContext } from './context.ts';

/** What the image-file fallback needs from face analysis: the rules at their limits on one still. */
export interface StillVerdict {
  evaluation: { failures: readonly RuleCode[]; compliant: boolean };
  measurement?: { readings: Readings };
}
export type StillAnalyser = (image: Blob) => Promise<StillVerdict>;

export type PhotoOutcome = { kind: 'unreadable' } | { kind: 'rejected'; code: RuleCode } | { kind: 'accepted'; capture: Capture };

/**
 * A photo from the device instead of a camera frame: decoded with its EXIF orientation, cut
 * to the same portrait crop and encoded like a frame (which also drops its metadata: no GPS
 * or device data leaves the phone), then checked by the same rules before any upload. When
 * analysis cannot run at all, the photo goes on and the server's own check decides.
 */
export async function readPhoto(file: Blob, analyse: StillAnalyser | undefined): Promise<PhotoOutcome> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  } catch {
    return { kind: 'unreadable' };
  }
  try {
    const encoded = await encodeCrop(bitmap, portraitCrop(bitmap.width, bitmap.height));
    const verdict = analyse ? await analyse(encoded.blob).catch(() => null) : null;
    const blocking = verdict?.evaluation.failures.find((code) => !NON_BLOCKING.has(code));
    if (blocking) return { kind: 'rejected', code: blocking };
    const meta: CaptureMeta = {
      width: encoded.width,
      height: encoded.height,
      bytes: encoded.blob.size,
      jpegQuality: encoded.jpegQuality,
      mode: 'file',
      camera: null,
      lowResolution: encoded.height < CROP_MIN_HEIGHT,
      capturedAt: new Date().toISOString(),
    };
    if (verdict) {
      if (verdict.measurement) meta.readings = verdict.measurement.readings;
      meta.failures = [...verdict.evaluation.failures];
    }
    return { kind: 'accepted', capture: { blob: encoded.blob, meta } };
  } catch {
    return { kind: 'unreadable' };
  } finally {
    bitmap.close();
  }
}

export interface FileCaptureOptions {
  analyse?: StillAnalyser | undefined;
  onCaptured: (capture: Capture) => void;
}

export interface FileCapture {
  choose: (file: File) => Promise<void>;
  /** A photo is being read and checked: the flow shows that, not the camera. */
  busy: boolean;
}

export function useFileCapture(options: FileCaptureOptions): FileCapture {
  const { store } = useSessionContext();
  const [busy, setBusy] = useState(false);
  const latest = useRef(options);
  latest.current = options;
  const choose = useCallback(
    async (file: File) => {
      if (!store.getState().beginCapture()) return;
      store.getState().setHint(null);
      setBusy(true);
      try {
        const outcome = await readPhoto(file, latest.current.analyse);
        const s = store.getState();
        if (outcome.kind === 'unreadable') s.fail({ code: 'FILE_UNREADABLE', source: 'capture', retryable: false });
        else if (outcome.kind === 'rejected') {
          s.setHint(outcome.code);
          s.fail({ code: 'FILE_REJECTED', source: 'capture', retryable: false });
        } else if (s.captured(outcome.capture)) latest.current.onCaptured(outcome.capture);
      } finally {
        setBusy(false);
      }
    },
    [store],
  );
  return { choose, busy };
}
