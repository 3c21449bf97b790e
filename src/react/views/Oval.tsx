import { OVAL } from '../../core/rules/table.ts';

/** The face oval over the preview, drawn from the same numbers the centring rule checks. */
export function Oval({ tone }: { tone: 'neutral' | 'warn' | 'good' }) {
  const w = 300;
  const h = 400;
  return (
    <svg className="okl-oval" data-tone={tone} viewBox={`0 0 ${w} ${h}`} preserveAspectRatio="none" aria-hidden="true" focusable="false">
      <defs>
        <mask id="okl-oval-mask">
          <rect width={w} height={h} fill="white" />
          <ellipse cx={OVAL.cx * w} cy={OVAL.cy * h} rx={OVAL.rx * w} ry={OVAL.ry * h} fill="black" />
        </mask>
      </defs>
      <rect className="okl-oval-shade" width={w} height={h} mask="url(#okl-oval-mask)" />
      <ellipse className="okl-oval-ring" cx={OVAL.cx * w} cy={OVAL.cy * h} rx={OVAL.rx * w} ry={OVAL.ry * h} />
    </svg>
  );
}
