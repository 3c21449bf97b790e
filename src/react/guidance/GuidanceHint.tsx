import type { MessageKey } from '../../core/i18n/translate.ts';
import type { HintMove } from '../../core/guidance/types.ts';
import type { RuleCode } from '../../core/rules/codes.ts';
import { useSession, useTranslate } from '../context.ts';
import './guidance.css';
import { useGuidanceSelect } from './useGuidance.ts';

/** A glyph per kind of problem, beside the text (never instead of it). */
/** Arrows point the way the person moves on the (mirrored) preview. */
const MOVE_ICONS: Record<HintMove, string> = {
  'move-left': '←',
  'move-right': '→',
  'move-up': '↑',
  'move-down': '↓',
  'turn-left': '↶',
  'turn-right': '↷',
  'chin-up': '↑',
  'chin-down': '↓',
  'tilt-left': '↺',
  'tilt-right': '↻',
};

const ICONS: Partial<Record<RuleCode, string>> = {
  FACE_NOT_FOUND: '◯',
  TOO_MANY_FACES: '⚠',
  FACE_TOO_SMALL: '⤢',
  FACE_TOO_CLOSE: '⤡',
  FACE_CROPPED: '⤡',
  FACE_CLOSE_TO_BORDER: '◎',
  FACE_ANGLE_TOO_LARGE: '↻',
  TOO_DARK: '☀',
  TOO_BRIGHT: '☼',
  UNEVEN_LIGHT: '◐',
  BLURRY: '✋',
  EYES_CLOSED: '◉',
  FACE_IS_OCCLUDED: '⊘',
};

/**
 * The one current instruction, announced politely to screen readers. Hysteresis upstream
 * (rows and hint selection) keeps it from changing faster than it can be read.
 */
export function GuidanceHint() {
  const t = useTranslate();
  const stage = useGuidanceSelect((g) => g.stage);
  const hint = useGuidanceSelect((g) => g.hint);
  const started = useGuidanceSelect((g) => g.frame > 0);
  const waiting = useGuidanceSelect((g) => g.pending.length > 0);
  const lowResolution = useGuidanceSelect((g) => g.lowResolution);
  const tone = useSession((s) => s.tone);
  let key: MessageKey;
  let icon = '';
  if (stage === 'unavailable') key = 'guidance.unavailable';
  else if (!started) key = 'guidance.loading';
  else if (hint) {
    // Which way to move, when the face says; else the rule's own words.
    key = hint.move
      ? `hint.${hint.move}`
      : hint.code === 'FACE_ANGLE_TOO_LARGE' && hint.row === 'roll'
        ? 'hint.FACE_ROLL'
        : `hint.${hint.code}`;
    icon = (hint.move ? MOVE_ICONS[hint.move] : undefined) ?? ICONS[hint.code] ?? '';
  } else if (waiting) {
    // Nothing to fix that the detector can see; the rest is read once the mesh is in.
    key = 'guidance.checking';
  } else {
    key = 'hint.OK';
    icon = '✓';
  }
  return (
    <div className="okl-guidance">
      <p className="okl-hint" data-tone={tone} data-code={hint?.code ?? ''} aria-live="polite" aria-atomic="true">
        {icon && (
          <span className="okl-hint-icon" aria-hidden="true">
            {icon}
          </span>
        )}
        {t(key)}
      </p>
      {/* Said once: a plain note, not a live region, so it is not repeated with every hint. */}
      {lowResolution && (
        <p className="okl-note" data-note="LOW_RESOLUTION">
          {t('hint.LOW_RESOLUTION')}
        </p>
      )}
    </div>
  );
}
