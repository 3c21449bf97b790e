import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * tsc keeps `./props.ts` specifiers, which consumers without allowImportingTsExtensions cannot
 * resolve: they become `./props.js`. Side-effect CSS imports carry no types and would need a
 * CSS module declaration in every consumer: they go.
 */
export async function rewriteDeclarationSpecifiers(dir: string): Promise<void> {
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.d.ts')) continue;
    const file = join(entry.parentPath, entry.name);
    const text = await readFile(file, 'utf8');
    const rewritten = text
      .replace(/^import\s+['"][^'"]+\.css['"];\n/gm, '')
      .replace(/((?:from|import)\s*\(?\s*['"])(\.{1,2}\/[^'"]+?)\.tsx?(['"])/g, '$1$2.js$3');
    if (rewritten !== text) await writeFile(file, rewritten);
  }
}
