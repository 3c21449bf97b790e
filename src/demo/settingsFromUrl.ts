import { PRESET_NAMES } from './requirementPresets.ts';
import type { ConsoleLocale, ConsoleSettings } from './Settings.tsx';

const LOCALES: readonly ConsoleLocale[] = ['en', 'ms', 'id', 'zh', 'th', 'vi', 'fil', 'ta'];

/**
 * The console's starting props from the address (?locale=zh&theme=dark&autoSubmit=off&autoCapture=off&overlay=off&handoff=off&requirements=strictAngles,longerHold),
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
    handoff: q.get('handoff') !== 'off',
    requirements: PRESET_NAMES.filter((name) => (q.get('requirements') ?? '').split(',').includes(name)),
  };
}
