import { OVAL } from '../../core/rules/table.ts';

/** The face oval over the preview, drawn from the same numbers the centring rule checks. */
export function Oval({ tone }: { tone: 'neutral' | 'warn' | 'good' }) {
  const w = 300;
  const h = 400;
  const cx = OVAL.cx * w;
  const cy = OVAL.cy * h;
  const rx = OVAL.rx * w;
  const ry = OVAL.ry * h;
  // The shade is one path with the oval as its hole (even-odd), not a rectangle under a
  // <mask>: in a shadow root, Chromium keeps a removed tree alive when one of its elements
  // refers to a mask by url(#id), and with it the preview's <video> and the camera frames its
  // player holds (7–9 MB per mount and unmount, docs/performance.md).
  const hole = `M${cx - rx},${cy}a${rx},${ry} 0 1,0 ${2 * rx},0a${rx},${ry} 0 1,0 ${-2 * rx},0Z`;
  return (
    <svg
      className="okl-oval"
      data-tone={tone}
      viewBox={`0 0 ${w} ${h}`}
      preserveAspectRatio="none"
      aria-hidden="true"
      focusable="false"
    >
      <path className="okl-oval-shade" fillRule="evenodd" d={`M0,0H${w}V${h}H0Z${hole}`} />
      <ellipse className="okl-oval-ring" cx={cx} cy={cy} rx={rx} ry={ry} />
    </svg>
  );
}
