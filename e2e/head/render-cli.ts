/**
 * `npx tsx e2e/head/render-cli.ts out.png yaw pitch roll [atX atY]`: one still of the head scan
 * at a pose (degrees; conventions in e2e/head/renderer.ts), 1920x1080, for looking at.
 */
import { writeFileSync } from 'node:fs';
import { openHeadRenderer } from './renderer.ts';

const [out, ...numbers] = process.argv.slice(2);
const values = numbers.map(Number);
if (out === undefined || (values.length !== 3 && values.length !== 5) || values.some((v) => !Number.isFinite(v))) {
  console.error('usage: npx tsx e2e/head/render-cli.ts out.png yaw pitch roll [atX atY]');
  process.exit(2);
}
const [yaw = 0, pitch = 0, roll = 0, atX, atY] = values;
const renderer = await openHeadRenderer();
try {
  const started = performance.now();
  const png = await renderer.render(
    { yaw, pitch, roll },
    atX !== undefined && atY !== undefined ? { at: { x: atX, y: atY } } : undefined,
  );
  writeFileSync(out, png);
  console.log(`${out}: ${png.length} bytes in ${Math.round(performance.now() - started)} ms`);
} finally {
  await renderer.close();
}
