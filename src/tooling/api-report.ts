/**
 * The public API reports in api/: one `*.api.md` per published entry point, written by
 * API Extractor from the declarations the packages ship. A change to an exported name or type
 * changes a report, so it shows up in review as a diff.
 *
 *   npm run api:report   rebuild the declarations and rewrite the reports (commit the diff)
 *   npm run api:check    the same, but fail if a report is out of date (part of `npm test`)
 *
 * The entries come from the packages' own manifests (package-build.ts, package-manifest.ts,
 * server-package-manifest.ts), so a new entry point gets a report without editing this file.
 */
import {
  CompilerState,
  ConsoleMessageId,
  Extractor,
  ExtractorConfig,
  ExtractorLogLevel,
  type ExtractorMessage,
  type IConfigFile,
} from '@microsoft/api-extractor';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { rewriteDeclarationSpecifiers } from './declarations.ts';
import { LIBRARY_ENTRIES, ROOT } from './package-build.ts';
import { declarationOf, PACKAGE_NAME, STANDALONE_TYPES, subpath } from './package-manifest.ts';
import { SERVER_ENTRIES, SERVER_PACKAGE_NAME } from './server-package-manifest.ts';

// Not under node_modules: API Extractor takes any file there for another package and stops at it.
const CACHE = join(ROOT, 'dist-api');
const DECLARATIONS = join(CACHE, 'types');
const REPORTS = join(ROOT, 'api');

/** A failure already explained on the console: said in one line, without a stack. */
class Report extends Error {}

interface Entry {
  /** The package it ships in (API Extractor takes no subpath as a name). */
  packageName: string;
  /** As a host imports it: `okaylive-capture/core`. */
  specifier: string;
  /** The entry's declaration file, relative to the declarations' root (src/ as it is). */
  declaration: string;
  /** The report's name in api/, without `.api.md`. */
  report: string;
}

function entry(packageName: string, path: string, declaration: string): Entry {
  const specifier = path === '.' ? packageName : `${packageName}/${path.slice(2)}`;
  return { packageName, specifier, declaration, report: specifier.replace(/\//g, '-') };
}

/** Every entry with types: the widget's subpaths, its standalone globals, the server package's subpaths. */
function entries(): Entry[] {
  const fromSource = (source: string): string => declarationOf(source).replace(/^\.\/types\//, '');
  return [
    ...Object.entries(LIBRARY_ENTRIES).map(([name, source]) => entry(PACKAGE_NAME, subpath(name), fromSource(source))),
    entry(PACKAGE_NAME, './standalone', fromSource(STANDALONE_TYPES)),
    ...Object.entries(SERVER_ENTRIES).map(([path, { types }]) => entry(SERVER_PACKAGE_NAME, path, `${types}.d.ts`)),
  ];
}

/**
 * The declarations as the packages ship them: the two package builds' tsc settings in one run
 * (the union of their entries and ambient types), with the same specifier rewrite.
 */
async function emitDeclarations(list: readonly Entry[]): Promise<void> {
  await rm(DECLARATIONS, { recursive: true, force: true });
  await mkdir(CACHE, { recursive: true });
  const sources = [
    ...Object.values(LIBRARY_ENTRIES),
    STANDALONE_TYPES,
    ...Object.values(SERVER_ENTRIES).map(({ types }) => `src/${types}.ts`),
  ];
  if (sources.length !== list.length) throw new Error('every entry needs its source');
  const tsconfig = join(CACHE, 'tsconfig.json');
  const config = {
    extends: relative(CACHE, join(ROOT, 'src/tooling/tsconfig.package.json')),
    compilerOptions: { outDir: relative(CACHE, DECLARATIONS), types: ['node', 'vite/client'] },
    files: sources.map((source) => relative(CACHE, join(ROOT, source))),
  };
  await writeFile(tsconfig, JSON.stringify(config, null, 2));
  try {
    execFileSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', tsconfig], {
      stdio: 'inherit',
    });
  } catch {
    // tsc has printed its errors; its stack trace would only bury them.
    throw new Report('the declarations did not compile (above)');
  }
  await rewriteDeclarationSpecifiers(DECLARATIONS);
}

function configFor(item: Entry): IConfigFile {
  return {
    projectFolder: ROOT,
    mainEntryPointFilePath: join(DECLARATIONS, item.declaration),
    bundledPackages: [],
    compiler: {
      overrideTsconfig: {
        compilerOptions: {
          target: 'ES2022',
          module: 'ESNext',
          moduleResolution: 'Bundler',
          lib: ['ES2023', 'DOM', 'DOM.Iterable', 'WebWorker.ImportScripts'],
          types: ['node', 'vite/client'],
          jsx: 'react-jsx',
          strict: true,
          skipLibCheck: true,
        },
        files: [join(DECLARATIONS, item.declaration)],
      },
    },
    apiReport: {
      enabled: true,
      reportFileName: item.report,
      reportFolder: REPORTS,
      reportTempFolder: join(CACHE, 'reports'),
      includeForgottenExports: false,
    },
    docModel: { enabled: false },
    dtsRollup: { enabled: false },
    tsdocMetadata: { enabled: false },
    newlineKind: 'lf',
    messages: {
      compilerMessageReporting: { default: { logLevel: ExtractorLogLevel.Error } },
      extractorMessageReporting: {
        default: { logLevel: ExtractorLogLevel.Warning },
        // Release tags (@public, @beta) are a TSDoc convention this repository does not use:
        // everything an entry exports is public, and the curated entry files say so.
        'ae-missing-release-tag': { logLevel: ExtractorLogLevel.None },
        // Comments are asked of code review, not of the report generator.
        'ae-undocumented': { logLevel: ExtractorLogLevel.None },
        // A public type naming one its entry does not export (the session's environment names
        // many such seams). Not in the reports either: some land there with the declaration's
        // file and line, so an unrelated edit above it would fail the check.
        'ae-forgotten-export': { logLevel: ExtractorLogLevel.None, addToApiReportFile: false },
      },
      // The comments are prose for readers, not TSDoc: its syntax checks would flag every `@` and `{`.
      tsdocMessageReporting: { default: { logLevel: ExtractorLogLevel.None } },
    },
  };
}

/**
 * Said once by this script instead (the reports written, or the outdated ones with their diff),
 * not once per entry; API Extractor's banner and TypeScript version notice say nothing to act on.
 */
const QUIET: ReadonlySet<string> = new Set([
  ConsoleMessageId.Preamble,
  ConsoleMessageId.CompilerVersionNotice,
  ConsoleMessageId.ApiReportCreated,
  ConsoleMessageId.ApiReportCopied,
  ConsoleMessageId.ApiReportNotCopied,
  ConsoleMessageId.ApiReportDiff,
]);

async function main(): Promise<void> {
  const check = process.argv.includes('--check');
  const started = Date.now();
  const list = entries();
  await emitDeclarations(list);
  await mkdir(REPORTS, { recursive: true });

  const prepared = list.map((item) =>
    ExtractorConfig.prepare({
      configObject: configFor(item),
      configObjectFullPath: undefined,
      packageJsonFullPath: join(ROOT, 'package.json'),
      packageJson: { name: item.packageName, version: '0.0.0' },
    }),
  );
  // One TypeScript program for all entries: most of the time is spent building it.
  const [first] = prepared;
  if (!first) throw new Error('no entry points');
  const compilerState = CompilerState.create(first, {
    additionalEntryPoints: list.map((item) => join(DECLARATIONS, item.declaration)),
  });

  const stale: string[] = [];
  let failed = false;
  for (const [index, config] of prepared.entries()) {
    const item = list[index];
    if (!item) continue;
    const result = Extractor.invoke(config, {
      compilerState,
      localBuild: !check,
      messageCallback: (message: ExtractorMessage) => {
        if (QUIET.has(message.messageId)) message.handled = true;
        // API Extractor counts a handled warning too (a new report is one): only the ones shown fail.
        else if (message.logLevel === ExtractorLogLevel.Warning) failed = true;
      },
    });
    if (result.errorCount > 0) failed = true;
    if (result.apiReportChanged) stale.push(item.report);
  }

  // A report whose entry point is gone: deleted when writing, a failure when checking.
  const names = new Set(list.map((item) => `${item.report}.api.md`));
  for (const file of await readdir(REPORTS)) {
    if (!file.endsWith('.api.md') || names.has(file)) continue;
    if (check) {
      console.error(`api/${file} reports an entry point the packages no longer have.`);
      stale.push(file.replace(/\.api\.md$/, ''));
    } else await rm(join(REPORTS, file));
  }

  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (check && stale.length > 0) {
    for (const report of stale) {
      const expected = join(REPORTS, `${report}.api.md`);
      const actual = join(CACHE, 'reports', `${report}.api.md`);
      if (!existsSync(actual)) continue;
      if (!existsSync(expected)) {
        console.error(`\napi/${report}.api.md is missing: a new entry point.`);
        continue;
      }
      console.error(`\nThe public API of ${report} changed: api/${report}.api.md is out of date.`);
      try {
        execFileSync(
          'git',
          ['diff', '--no-index', '--no-color', '--', relative(ROOT, expected), relative(ROOT, actual)],
          { cwd: ROOT, stdio: 'inherit' },
        );
      } catch {
        // git diff exits 1 when the files differ: the diff is already printed.
      }
    }
    console.error(
      `\nIf the change is intended, run \`npm run api:report\` and commit the reports: a diff in api/ is a public API change to review.`,
    );
    process.exitCode = 1;
    return;
  }
  if (failed) {
    console.error('API Extractor reported problems (above).');
    process.exitCode = 1;
    return;
  }
  const verb = check ? 'checked' : 'written';
  console.log(
    `${list.length} API reports ${verb} in ${seconds} s${!check && stale.length > 0 ? `; changed: ${stale.join(', ')}` : ''}`,
  );
}

try {
  await main();
} catch (error) {
  if (!(error instanceof Report)) throw error;
  console.error(`api report: ${error.message}`);
  process.exitCode = 1;
}
