// ARCHITECTURE.md made executable. Its "Code map and import rules" table and its "Package homes"
// table are the data: this test parses them and holds every source file of the repository to
// them (each file in one row, each import into its own row or one the row lists, no import up a
// floor, no two folders or rows importing each other, each package in its home, no I/O in the
// core). Changing the layout means changing that table; there is no other list.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './helpers.ts';
import { checkImports, coreRows, folderOf, importsOf, parseArchitecture, type Import } from './architecture-table.ts';

const doc = readFileSync(join(repoRoot, 'ARCHITECTURE.md'), 'utf8');
const arch = parseArchitecture(doc);

/** The source roots scanned; test/ is not (it may import anything and is not shipped). */
const ROOTS = ['grammar', 'compiler', 'lsp', 'scripts', 'bench', 'vscode-extension'];
const SKIP_DIRS = new Set(['node_modules', 'out', 'dist']);

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(join(repoRoot, dir)).sort()) {
    const p = `${dir}/${name}`;
    if (statSync(join(repoRoot, p)).isDirectory()) {
      if (!SKIP_DIRS.has(name)) out.push(...sourceFiles(p));
    } else if (/\.(ts|mjs)$/.test(name) && !name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

const files = ROOTS.flatMap(sourceFiles);
const imports = files.flatMap((f) => importsOf(f, readFileSync(join(repoRoot, f), 'utf8')));
const exists = (p: string) => existsSync(join(repoRoot, p));
const listing = (violations: string[]) => `${violations.length} violation(s) of ARCHITECTURE.md:\n  ${violations.join('\n  ')}`;

test('ARCHITECTURE.md: both tables parse, every row readable, and the table is consistent', () => {
  assert.equal(arch.errors.length, 0, listing(arch.errors));
  assert.ok(arch.rows.length >= 10, `only ${arch.rows.length} code-map rows were read`);
  assert.ok(arch.packages.length >= 5, `only ${arch.packages.length} package homes were read`);
});

test('the source tree keeps to the code map and the package homes', () => {
  assert.ok(files.length > 100, `only ${files.length} source files found`);
  const violations = checkImports(arch, files, imports, exists);
  assert.equal(violations.length, 0, listing(violations));
});

test('the core does no I/O: no node: modules, no process outside the shells', () => {
  const core = coreRows(arch.rows);
  assert.ok(core.some((r) => r.folders.includes('compiler/model/')) && !core.some((r) => r.folders.includes('lsp/')));
  const offenders: string[] = [];
  for (const f of files) {
    const row = folderOf(arch.rows, f)?.row;
    if (!row || !core.includes(row)) continue;
    for (const i of imports) if (i.file === f && i.specifier.startsWith('node:')) offenders.push(`${f} → ${i.specifier} (the core does no I/O)`);
    const code = readFileSync(join(repoRoot, f), 'utf8').replace(/\/\/.*$|\/\*[\s\S]*?\*\//gm, '');
    if (/\bprocess\.(env|argv|stdout|stderr|stdin|exit|cwd)/.test(code)) offenders.push(`${f} uses process (the core does no I/O)`);
  }
  assert.equal(offenders.length, 0, listing(offenders));
});

// ---- The checks can fail: each kind of violation, on a synthetic tree, is reported.

test('the import scanner sees static, re-exported, type-only and dynamic imports', () => {
  const src = [
    "import { a } from './a.ts';",
    "import type { B } from './b.ts';",
    "import { type C, type D } from './c.ts';",
    "import { type E, f } from './e.ts';",
    "export * from './g.ts';",
    "export type { H } from './h.ts';",
    "const m = await import('./m.ts');",
    "type N = typeof import('./n.ts');",
    "const dyn = await import(name);",
    "// import { z } from './commented-out.ts';",
  ].join('\n');
  const seen = importsOf('compiler/x.ts', src).map((i) => `${i.specifier}${i.typeOnly ? ' (type)' : ''}${i.unreadable ? ' (unreadable)' : ''}`);
  assert.deepEqual(seen, ['./a.ts', './b.ts (type)', './c.ts (type)', './e.ts', './g.ts', './h.ts (type)', './m.ts', './n.ts (type)', 'name (unreadable)']);
  // And on the real tree.
  assert.ok(imports.some((i) => i.file === 'grammar/parser.ts' && i.specifier === 'chevrotain'));
  assert.ok(imports.some((i) => i.file === 'compiler/cli/commands/lsp.ts' && i.specifier.endsWith('lsp/server.ts')), 'the on-demand import of the language server');
});

test('the checker reports an upward import, a loop, a file in no row, a misplaced package and a shell reaching into the core', () => {
  const fake: Import[] = [
    { file: 'compiler/model/conf.ts', specifier: '../lower/lower.ts', typeOnly: false }, // up from floor 2 to 4
    { file: 'scripts/a.mjs', specifier: '../bench/b.mjs', typeOnly: false }, // both may import anything, but not each other
    { file: 'bench/b.mjs', specifier: '../scripts/a.mjs', typeOnly: false },
    { file: 'compiler/stray/x.ts', specifier: '../model/conf.ts', typeOnly: false },
    { file: 'compiler/model/conf.ts', specifier: 'chevrotain', typeOnly: false },
    { file: 'compiler/model/conf.ts', specifier: 'left-pad', typeOnly: false },
    { file: 'lsp/hover.ts', specifier: '../compiler/model/conf.ts', typeOnly: false }, // a value past the entry modules
    { file: 'lsp/hover.ts', specifier: '../compiler/model/conf.ts', typeOnly: true }, // types may come from any floor below
    { file: 'grammar/parser.ts', specifier: '../compiler/text/line-index.ts', typeOnly: true }, // types follow the rule in the core
  ];
  const got = checkImports(arch, ['compiler/model/conf.ts', 'scripts/a.mjs', 'bench/b.mjs', 'compiler/stray/x.ts', 'lsp/hover.ts', 'grammar/parser.ts'], fake, () => true);
  const expect = (pattern: RegExp) => assert.ok(got.some((v) => pattern.test(v)), `expected a violation like ${pattern}, got:\n  ${got.join('\n  ')}`);
  expect(/^compiler\/model\/conf\.ts → compiler\/lower\/lower\.ts \(row compiler\/model\/ may import compiler\/diagnostics\.ts/);
  expect(/^folders import each other: (scripts\/ ⇄ bench\/|bench\/ ⇄ scripts\/)/);
  expect(/^compiler\/stray\/x\.ts \(in no row of the code map\)$/);
  expect(/^compiler\/model\/conf\.ts → chevrotain \(package chevrotain may be imported only by grammar\/\)$/);
  expect(/^compiler\/model\/conf\.ts → left-pad \(a package with no home/);
  expect(/^lsp\/hover\.ts → compiler\/model\/conf\.ts \(row lsp\/ may import .*compiler\/api\.ts.*; types from any floor below 9\)$/);
  expect(/^grammar\/parser\.ts → compiler\/text\/line-index\.ts \(row grammar\/ may import compiler\/diagnostics\.ts\)$/);
  assert.equal(got.filter((v) => v.startsWith('lsp/hover.ts')).length, 1, 'the type-only import from the shell is allowed');
  assert.equal(got.length, 7, `exactly the seven planted violations:\n  ${got.join('\n  ')}`);
});

test('the table parser rejects a row it cannot read and a table that permits an upward import or a loop', () => {
  const md = (rows: string) =>
    `## Code map and import rules\n\n| floor | folder(s) | owns | may import | and types from |\n|---|---|---|---|---|\n${rows}\n\n### Package homes\n\n| package | imported only by | imports |\n|---|---|---|\n| \`chevrotain\` | \`grammar/\` | values and types |\n`;
  const ok = parseArchitecture(md('| 1 | `a/` | x | nothing of ours | — |\n| 2 | `b/` | x | `a/` | — |'));
  assert.deepEqual(ok.errors, []);
  const errorsOf = (rows: string) => parseArchitecture(md(rows)).errors;
  assert.match(errorsOf('| 1 | a/ | x | nothing of ours | — |').join('\n'), /folder cell is not a list of backticked paths/);
  assert.match(errorsOf('| one | `a/` | x | nothing of ours | — |').join('\n'), /floor is neither/);
  assert.match(errorsOf('| 1 | `a/` | x | floors below | — |').join('\n'), /may-import cell/);
  assert.match(errorsOf('| 1 | `a/` | x | nothing of ours |').join('\n'), /expected 5 cells/);
  assert.match(errorsOf('| 1 | `a/` | x | `b/` | — |\n| 2 | `b/` | x | nothing of ours | — |').join('\n'), /floor 1 may import `b\/` on floor 2: up a floor/);
  assert.match(errorsOf('| 1 | `a/` | x | `b/` | — |\n| 1 | `b/` | x | `a/` | — |').join('\n'), /rows may import each other/);
  assert.match(errorsOf('| 1 | `a/` | x | `c/` | — |').join('\n'), /no row's folder/);
  assert.match(errorsOf('| 1 | `a/` | x | nothing of ours | — |\n| 1 | `a/` | x | nothing of ours | — |').join('\n'), /already in the row/);
  assert.match(parseArchitecture('# nothing here').errors.join('\n'), /no "## Code map and import rules" heading/);
});
