import { OVAL, previewBox, previewPoint } from '../core/index.ts';
import { useGuidance } from '../react/index.ts';

/** viewBox units: the preview box is the 3:4 crop, so one uniform scale. */
const W = 300;
const H = 400;

/**
 * Drawn through the public `previewOverlay` prop, from the public `useGuidance()` hook: what
 * the widget measured on its latest frame, placed with `previewBox` / `previewPoint` over the
 * mirrored preview. The preview box itself is the portrait crop that would be uploaded.
 */
export function Overlay() {
  const g = useGuidance();
  const crop = g.crop;
  const tone = g.compliant ? 'good' : 'warn';
  const face = crop && g.face ? g.face : null;
  const box = face && crop ? previewBox(face.box, crop) : null;
  const eyes = face && crop ? [previewPoint(face.leftEye, crop), previewPoint(face.rightEye, crop)] : [];
  const centre = face && crop ? previewPoint(face.centre, crop) : null;
  // The face outline the centring rule compares with the oval.
  const outline = face && crop ? face.outline.map((p) => previewPoint(p, crop)) : [];
  return (
    <svg
      className="console-overlay"
      data-tone={tone}
      viewBox={`0 0 ${W} ${H}`}
      preserveAspectRatio="none"
      aria-hidden="true"
      focusable="false"
    >
      <rect className="console-overlay-crop" x={1.5} y={1.5} width={W - 3} height={H - 3} />
      <text className="console-overlay-label" x={8} y={18}>
        {crop ? `upload crop ${crop.width}×${crop.height}` : 'upload crop'}
      </text>
      <ellipse className="console-overlay-oval" cx={OVAL.cx * W} cy={OVAL.cy * H} rx={OVAL.rx * W} ry={OVAL.ry * H} />
      {outline.length > 2 && (
        <polygon
          className="console-overlay-outline"
          points={outline.map((p) => `${(p.x * W).toFixed(1)},${(p.y * H).toFixed(1)}`).join(' ')}
        />
      )}
      {box && face && (
        <g
          className="console-overlay-face"
          data-face-x={(box.x + box.width / 2).toFixed(4)}
          data-face-y={(box.y + box.height / 2).toFixed(4)}
        >
          <rect
            className="console-overlay-box"
            x={box.x * W}
            y={box.y * H}
            width={box.width * W}
            height={box.height * H}
          />
          <text className="console-overlay-label" x={box.x * W} y={Math.max(14, box.y * H - 6)}>
            {`face ${Math.round(Math.min(face.box.width, face.box.height))} px`}
          </text>
        </g>
      )}
      {eyes.length === 2 && eyes[0] && eyes[1] && (
        <g className="console-overlay-eyes">
          <line x1={eyes[0].x * W} y1={eyes[0].y * H} x2={eyes[1].x * W} y2={eyes[1].y * H} />
          {eyes.map((p, i) => (
            <circle key={i} className="console-overlay-eye" cx={p.x * W} cy={p.y * H} r={4} />
          ))}
        </g>
      )}
      {centre && <circle className="console-overlay-face-centre" cx={centre.x * W} cy={centre.y * H} r={3} />}
    </svg>
  );
}
