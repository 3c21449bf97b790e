/**
 * The fixture face with its eyes shut or part of it covered, painted at test time: eyelids in
 * the skin tone sampled just under each eye (with or without a lash line), dark glasses, a
 * mask, a dark card, and hand shapes in the skin tone. Positions are in the 512 px still,
 * measured by hand: eyes centred at (203, 100.5) and (247, 101), ~18 and 22 px wide; nose tip
 * (224, 128); mouth (203..248, 139..152).
 */
import sharp from 'sharp';

async function skinUnder(still: Buffer, x: number, y: number): Promise<string> {
  const { data } = await sharp(still)
    .extract({ left: x - 2, top: y - 2, width: 5, height: 5 })
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const mean = [0, 1, 2].map((c) => {
    let sum = 0;
    for (let i = c; i < data.length; i += 3) sum += data[i] ?? 0;
    return Math.round(sum / (data.length / 3));
  });
  return `rgb(${mean.join(',')})`;
}

function lid(cx: number, cy: number, width: number, skin: string, lash: boolean): string {
  const fill = `<ellipse cx="${cx}" cy="${cy}" rx="${width / 2 + 3}" ry="7" fill="${skin}" filter="url(#soft)"/>`;
  const line = `<path d="M ${cx - width / 2} ${cy + 1} Q ${cx} ${cy + 4} ${cx + width / 2} ${cy + 1}" stroke="#3a2a20" stroke-width="1.4" fill="none"/>`;
  return lash ? fill + line : fill;
}

function hand(
  skin: string,
  palm: { cx: number; cy: number; rx: number; ry: number },
  fingers: ReadonlyArray<readonly [number, number, number]>,
): string {
  const f = fingers.map(([x, y, h]) => `<rect x="${x}" y="${y}" width="13" height="${h}" rx="6"/>`).join('');
  return `<g fill="${skin}" stroke="#b07a60" stroke-width="1"><ellipse cx="${palm.cx}" cy="${palm.cy}" rx="${palm.rx}" ry="${palm.ry}"/>${f}</g>`;
}

export type Cover =
  | 'eyes shut (lash line)'
  | 'eyes painted over'
  | 'one eye shut'
  | 'dark glasses'
  | 'mask over nose and mouth'
  | 'dark card over nose and mouth'
  | 'hand over the mouth'
  | 'hand over one eye';

/** What each cover should make the rules say, if the models could see it. */
export const COVERS: Readonly<Record<Cover, 'EYES_CLOSED' | 'FACE_IS_OCCLUDED'>> = {
  'eyes shut (lash line)': 'EYES_CLOSED',
  'eyes painted over': 'EYES_CLOSED',
  'one eye shut': 'EYES_CLOSED',
  'dark glasses': 'FACE_IS_OCCLUDED',
  'mask over nose and mouth': 'FACE_IS_OCCLUDED',
  'dark card over nose and mouth': 'FACE_IS_OCCLUDED',
  'hand over the mouth': 'FACE_IS_OCCLUDED',
  'hand over one eye': 'FACE_IS_OCCLUDED',
};

/** The still with one cover painted on. */
export async function covered(still: Buffer, cover: Cover): Promise<Buffer> {
  const left = await skinUnder(still, 203, 113);
  const right = await skinUnder(still, 247, 113);
  const shapes: Record<Cover, string> = {
    'eyes shut (lash line)': lid(203, 100.5, 18, left, true) + lid(247, 101, 22, right, true),
    'eyes painted over': lid(203, 100.5, 18, left, false) + lid(247, 101, 22, right, false),
    'one eye shut': lid(247, 101, 22, right, true),
    'dark glasses': '<rect x="188" y="91" width="76" height="20" rx="6" fill="#111"/>',
    'mask over nose and mouth': '<path d="M 190 118 L 262 118 L 258 168 Q 226 182 194 168 Z" fill="#9cc8e0"/>',
    'dark card over nose and mouth': '<rect x="192" y="114" width="68" height="50" fill="#333"/>',
    'hand over the mouth': hand(left, { cx: 226, cy: 160, rx: 34, ry: 24 }, [
      [196, 126, 36],
      [210, 121, 40],
      [224, 121, 40],
      [238, 125, 37],
    ]),
    'hand over one eye': hand(right, { cx: 258, cy: 118, rx: 22, ry: 28 }, [
      [230, 88, 30],
      [243, 84, 32],
      [256, 86, 30],
    ]),
  };
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="512" height="512"><defs><filter id="soft"><feGaussianBlur stdDeviation="1.5"/></filter></defs>${shapes[cover]}</svg>`;
  return sharp(still)
    .composite([{ input: Buffer.from(svg) }])
    .png()
    .toBuffer();
}
