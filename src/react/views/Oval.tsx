import { useId } from 'react';
import { OVAL } from '../../core/rules/table.ts';

/** The face oval over the preview, drawn from the same numbers the centring rule checks. */
export function Oval({ tone }: { tone: 'neutral' | 'warn' | 'good' }) {
  // One mask id per widget: two widgets on a page must not share it.
  const mask = `okl-oval-mask-${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;
  const w = 300;
  const h = 400;
  return (
    <svg className="okl-oval" data-tone={tone} viewBox={`0 0 ${w} ${h}`} preserveAspectRatio="none" aria-hidden="true" focusable="false">
      <defs>
        <mask id={mask}>
          <rect width={w} height={h} fill="white" />
          <ellipse cx={OVAL.cx * w} cy={OVAL.cy * h} rx={OVAL.rx * w} ry={OVAL.ry * h} fill="black" />
        </mask>
      </defs>
      <rect className="okl-oval-shade" width={w} height={h} mask={`url(#${mask})`} />
      <ellipse className="okl-oval-ring" cx={OVAL.cx * w} cy={OVAL.cy * h} rx={OVAL.rx * w} ry={OVAL.ry * h} />
    </svg>
  );
}
