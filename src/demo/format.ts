import type { Bound } from '../core/index.ts';

/** What each rule row measures, in the words an integrator reads the rules table with. */
const LABELS: Record<string, string> = {
  faceFound: 'Face found',
  singleFace: 'Face count',
  faceSide: 'Face size',
  eyeDistance: 'Eye distance',
  faceWidthShare: 'Face width (too close)',
  margin: 'Margin to crop edge',
  ovalOverflow: 'Outside the oval',
  yaw: 'Yaw',
  pitch: 'Pitch',
  roll: 'Roll',
  darkness: 'Brightness (dark)',
  brightness: 'Brightness (bright)',
  clipped: 'Clipped highlights',
  unevenness: 'Evenness of light',
  sharpness: 'Sharpness',
  motion: 'Motion',
  eyeOpenness: 'Eyes open',
  meshConfidence: 'Unobstructed face',
  cropHeight: 'Crop height',
};

export function ruleLabel(id: string): string {
  return LABELS[id] ?? id;
}

export function formatValue(value: number | null | undefined, unit: string): string {
  if (value === null || value === undefined) return '—';
  switch (unit) {
    case 'px':
      return `${Math.round(value)} px`;
    case 'deg':
      return `${value.toFixed(1)}°`;
    case 'count':
      return String(Math.round(value));
    case 'luma':
      return value.toFixed(0);
    case 'share':
    case 'score':
    default:
      return value.toFixed(2);
  }
}

export function formatBound(bound: Bound, unit: string): string {
  const min = bound.min === undefined ? null : `≥ ${formatValue(bound.min, unit)}`;
  const max = bound.max === undefined ? null : `≤ ${formatValue(bound.max, unit)}`;
  return [min, max].filter(Boolean).join(' and ') || 'any';
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(2)} MB`;
}

/** The body as sent, re-indented when it is JSON. */
export function prettyBody(body: string): string {
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}
