import type { ConsoleLocale, ConsoleSettings } from './Settings.tsx';

const LOCALES: readonly ConsoleLocale[] = ['en', 'ms', 'id', 'zh'];

/**
 * The console's starting props from the address (?locale=zh&theme=dark&autoSubmit=off&autoCapture=off&overlay=off),
 * so a view can be shared or scripted; anything else keeps the widget's defaults.
 */
export function settingsFromUrl(search: string): ConsoleSettings {
  const q = new URLSearchParams(search);
  const locale = q.get('locale');
  return {
    locale: LOCALES.find((l) => l === locale) ?? 'en',
    scheme: q.get('theme') === 'dark' ? 'dark' : 'light',
    cameraDeviceId: q.get('camera') || undefined,
    autoSubmit: q.get('autoSubmit') !== 'off',
    autoCapture: q.get('autoCapture') !== 'off',
    overlay: q.get('overlay') !== 'off',
  };
}
