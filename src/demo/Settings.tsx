import { useId } from 'react';
import type { CameraChange } from '../react/index.ts';
import { overridesOf, PRESET_NAMES, REQUIREMENT_PRESETS, type RequirementPreset } from './requirementPresets.ts';

export type ConsoleLocale = 'en' | 'ms' | 'id' | 'zh' | 'th' | 'vi' | 'fil' | 'ta';

export interface ConsoleSettings {
  locale: ConsoleLocale;
  scheme: 'light' | 'dark';
  /** undefined: the widget's own choice (front camera, better camera once labels are readable). */
  cameraDeviceId: string | undefined;
  autoSubmit: boolean;
  autoCapture: boolean;
  overlay: boolean;
  /** Offer "Continue on your phone" (the phone handoff). */
  handoff: boolean;
  /** Requirement switches that are on (see requirementPresets.ts). */
  requirements: RequirementPreset[];
}

const LOCALES: ReadonlyArray<[ConsoleLocale, string]> = [
  ['en', 'English (en)'],
  ['ms', 'Bahasa Melayu (ms)'],
  ['id', 'Bahasa Indonesia (id)'],
  ['zh', '中文 (zh)'],
  ['th', 'ไทย (th)'],
  ['vi', 'Tiếng Việt (vi)'],
  ['fil', 'Filipino (fil)'],
  ['ta', 'தமிழ் (ta)'],
];

/** The props a host would set: locale, theme, cameraDeviceId, autoSubmit, autoCapture, and the overlay. */
export function Settings({
  value,
  onChange,
  cameras,
}: {
  value: ConsoleSettings;
  onChange: (next: ConsoleSettings) => void;
  cameras: CameraChange | null;
}) {
  const set = <K extends keyof ConsoleSettings>(key: K, v: ConsoleSettings[K]) => onChange({ ...value, [key]: v });
  const id = useId();
  return (
    <fieldset className="console-settings">
      <legend>Widget props</legend>
      <span className="console-field">
        <label htmlFor={`${id}-locale`}>locale</label>
        <select
          id={`${id}-locale`}
          value={value.locale}
          onChange={(e) => set('locale', e.target.value as ConsoleLocale)}
        >
          {LOCALES.map(([tag, name]) => (
            <option key={tag} value={tag}>
              {name}
            </option>
          ))}
        </select>
      </span>
      <span className="console-field">
        <label htmlFor={`${id}-theme`}>theme</label>
        <select
          id={`${id}-theme`}
          value={value.scheme}
          onChange={(e) => set('scheme', e.target.value === 'dark' ? 'dark' : 'light')}
        >
          <option value="light">light</option>
          <option value="dark">dark</option>
        </select>
      </span>
      <span className="console-field">
        <label htmlFor={`${id}-camera`}>camera</label>
        <select
          id={`${id}-camera`}
          value={value.cameraDeviceId ?? ''}
          onChange={(e) => set('cameraDeviceId', e.target.value || undefined)}
        >
          <option value="">{cameras?.active ? `widget's choice (${cameras.active.label})` : "widget's choice"}</option>
          {(cameras?.cameras ?? []).map((c) => (
            <option key={c.deviceId} value={c.deviceId}>
              {c.label || c.deviceId}
              {c.virtual ? ' (virtual)' : ''}
              {c.infrared ? ' (infrared)' : ''}
            </option>
          ))}
        </select>
      </span>
      <label className="console-check">
        <input type="checkbox" checked={value.autoSubmit} onChange={(e) => set('autoSubmit', e.target.checked)} />
        <span>autoSubmit</span>
      </label>
      <label className="console-check">
        <input type="checkbox" checked={value.autoCapture} onChange={(e) => set('autoCapture', e.target.checked)} />
        <span>autoCapture</span>
      </label>
      <label className="console-check">
        <input type="checkbox" checked={value.overlay} onChange={(e) => set('overlay', e.target.checked)} />
        <span>overlay</span>
      </label>
      <label className="console-check">
        <input type="checkbox" checked={value.handoff} onChange={(e) => set('handoff', e.target.checked)} />
        <span>handoff</span>
      </label>
      <RequirementSwitches value={value.requirements} onChange={(next) => set('requirements', next)} />
    </fieldset>
  );
}

/** The `requirements` prop as switches, and the JSON they make (what a host would pass). */
function RequirementSwitches({
  value,
  onChange,
}: {
  value: readonly RequirementPreset[];
  onChange: (next: RequirementPreset[]) => void;
}) {
  const toggle = (name: RequirementPreset, on: boolean) =>
    onChange(PRESET_NAMES.filter((p) => (p === name ? on : value.includes(p))));
  const overrides = overridesOf(value);
  return (
    <span className="console-requirements" data-requirements={value.join(',')}>
      <span className="console-field">requirements</span>
      {PRESET_NAMES.map((name) => (
        <label key={name} className="console-check">
          <input type="checkbox" checked={value.includes(name)} onChange={(e) => toggle(name, e.target.checked)} />
          <span>{REQUIREMENT_PRESETS[name].label}</span>
        </label>
      ))}
      {overrides && <code className="console-requirements-json">{JSON.stringify(overrides)}</code>}
    </span>
  );
}
