import type { WidgetError } from './types.ts';

/** What the person can do after a failure; the view shows one button for it (or none). */
export type Way = 'resend' | 'camera' | 'reconnect' | 'retake' | 'none';

/** Never a dead end, and never a recapture that a resend of the kept image would fix. */
export function wayForward(error: WidgetError, hasCapture: boolean): Way {
  if (error.source === 'api') {
    if (error.retryable && hasCapture) return 'resend';
    // The host's journey expired: only the host can bring a new one (it hears onError).
    if (error.code === 'INVALID_JOURNEY_ID') return 'none';
    return 'retake';
  }
  if (error.source === 'camera') {
    if (error.code === 'CAMERA_ENDED') return 'reconnect';
    return error.retryable ? 'camera' : 'none';
  }
  // Only the host's code can fix its settings.
  if (error.source === 'config') return 'none';
  return 'retake';
}

/** Camera faults and refused photos offer a photo instead. */
export function offersPhoto(error: WidgetError): boolean {
  return error.source === 'camera' || error.code === 'FILE_REJECTED' || error.code === 'FILE_UNREADABLE';
}
