/**
 * The embedding steps as the documentation gives them. A fenced block right after a marker
 * comment is a step the consumer test executes exactly:
 *
 *   <!-- consumer-test: file=src/App.tsx -->     the block is that file of the app
 *   <!-- consumer-test: run=install -->          the block is run with `sh -e` in the app
 *   <!-- consumer-test: file=next:app/page.js -->  a file of another app (the Next.js one)
 *
 * docs/embedding.md holds every step; README.md, docs/INTEGRATION.md and docs/api.md may quote
 * any of them under the same marker, and a quote must be identical to the guide's (so no page
 * can drift from what the test runs).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const SNIPPET_SOURCES = ['docs/embedding.md', 'README.md', 'docs/INTEGRATION.md', 'docs/api.md'] as const;

export interface Snippet {
  /** `file=src/App.tsx` or `run=install`. */
  key: string;
  body: string;
  /** Where it was found, for messages: `docs/embedding.md:120`. */
  at: string;
}

const MARKED = /<!--\s*consumer-test:\s*((?:file|run)=[^\s]+)\s*-->\s*\n(`{3,})[^\n]*\n([\s\S]*?)\n\2[ \t]*(?:\n|$)/g;

/** Every marked block of one Markdown text. */
export function snippetsIn(markdown: string, source: string): Snippet[] {
  return [...markdown.matchAll(MARKED)].map((m) => ({
    key: m[1] ?? '',
    body: `${m[3] ?? ''}\n`,
    at: `${source}:${markdown.slice(0, m.index).split('\n').length}`,
  }));
}

/** The steps by key, from the guide and the README; throws when a quote differs from the guide. */
export function readSnippets(root: string): Map<string, Snippet> {
  const steps = new Map<string, Snippet>();
  for (const source of SNIPPET_SOURCES) {
    for (const snippet of snippetsIn(readFileSync(join(root, source), 'utf8'), source)) {
      const first = steps.get(snippet.key);
      if (first && first.body !== snippet.body)
        throw new Error(`${snippet.at} quotes ${snippet.key} differently from ${first.at}`);
      if (!first) steps.set(snippet.key, snippet);
    }
  }
  return steps;
}

/** One step the test needs; a missing one fails the test with the marker to add. */
export function step(steps: ReadonlyMap<string, Snippet>, key: string): Snippet {
  const found = steps.get(key);
  if (!found) throw new Error(`no <!-- consumer-test: ${key} --> block in ${SNIPPET_SOURCES.join(' or ')}`);
  return found;
}
