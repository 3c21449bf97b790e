/**
 * Which browser's settings the person has to open to allow the camera again. Only the
 * wording of the help changes with it; nothing else depends on the user agent.
 */
export type BrowserFamily = 'chrome' | 'edge' | 'firefox' | 'safari' | 'android' | 'ios' | 'other';

export interface BrowserHints {
  userAgent: string;
  /** iPadOS 13+ reports a Mac user agent; touch points tell the two apart. */
  maxTouchPoints?: number;
}

export function browserFamily({ userAgent, maxTouchPoints = 0 }: BrowserHints): BrowserFamily {
  const ua = userAgent;
  const iPadAsMac = /Macintosh/.test(ua) && maxTouchPoints > 1;
  // Every browser on iOS is WebKit underneath and shares Safari's camera settings.
  if (/iPhone|iPad|iPod/.test(ua) || iPadAsMac) return 'ios';
  if (/Android/.test(ua)) return 'android';
  if (/Edg(e|A|iOS)?\//.test(ua)) return 'edge';
  if (/Firefox\/|FxiOS\//.test(ua)) return 'firefox';
  if (/Chrome\/|Chromium\/|CriOS\//.test(ua)) return 'chrome';
  if (/Safari\//.test(ua) && /Version\//.test(ua)) return 'safari';
  return 'other';
}
