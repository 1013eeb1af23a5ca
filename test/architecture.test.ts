// ARCHITECTURE.md's import rules and invariants, checked on the source: the core does no I/O,
// each package lives in its one home, the floors only import downwards.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { repoRoot } from './helpers.ts';

function files(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(join(repoRoot, dir))) {
    const p = join(dir, name);
    if (statSync(join(repoRoot, p)).isDirectory()) out.push(...files(p));
    else if (/\.ts$/.test(name) && !name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

const sources = [...files('grammar'), ...files('compiler'), ...files('lsp')];
const importsOf = (f: string) => [...readFileSync(join(repoRoot, f), 'utf8').matchAll(/^(?:import|export)\s[^;]*?from\s+'([^']+)'/gms)].map((m) => m[1]);
const isShell = (f: string) => f.startsWith('compiler/cli/') || f.startsWith('lsp/');

test('the core does no I/O: no node: modules, no process outside compiler/cli and lsp', () => {
  const offenders: string[] = [];
  for (const f of sources.filter((x) => !isShell(x))) {
    const text = readFileSync(join(repoRoot, f), 'utf8');
    if (importsOf(f).some((m) => m.startsWith('node:'))) offenders.push(`${f}: imports a node: module`);
    if (/\bprocess\.(env|argv|stdout|stderr|exit|cwd)/.test(text.replace(/\/\/.*$|\/\*[\s\S]*?\*\//gm, ''))) offenders.push(`${f}: uses process`);
  }
  assert.deepEqual(offenders, []);
});

test('the import scanner sees imports (so the checks below can fail)', () => {
  assert.ok(importsOf('grammar/parser.ts').includes('chevrotain'));
  assert.ok(importsOf('compiler/api.ts').some((m) => m.startsWith('./lower/')));
});

test('each package lives in its one home', () => {
  const homes: [RegExp, (f: string) => boolean][] = [
    [/^chevrotain/, (f) => f.startsWith('grammar/')],
    [/^xmlbuilder2/, (f) => f.startsWith('compiler/emit/')],
    [/^prettier/, (f) => f.startsWith('compiler/format/')],
    [/^vscode-languageserver/, (f) => f.startsWith('lsp/')],
    [/^ajv/, (f) => f.startsWith('compiler/cli/')],
  ];
  const offenders: string[] = [];
  for (const f of sources) for (const m of importsOf(f)) for (const [pkg, ok] of homes) if (pkg.test(m) && !ok(f)) offenders.push(`${f} imports ${m}`);
  assert.deepEqual(offenders, []);
});

test('floors import downwards: grammar knows only diagnostics; the core never imports a shell', () => {
  const offenders: string[] = [];
  for (const f of sources) {
    for (const m of importsOf(f).filter((x) => x.startsWith('.'))) {
      const target = relative(repoRoot, join(repoRoot, f, '..', m));
      if (f.startsWith('grammar/') && !target.startsWith('grammar/') && target !== 'compiler/diagnostics.ts') offenders.push(`${f} → ${target}`);
      if (!isShell(f) && (target.startsWith('compiler/cli/') || target.startsWith('lsp/'))) offenders.push(`${f} → ${target}`);
      if (f.startsWith('compiler/catalogue/') && !target.startsWith('compiler/catalogue/')) offenders.push(`${f} → ${target}`);
      if (f.startsWith('compiler/model/') && !/^compiler\/(model|diagnostics)/.test(target)) offenders.push(`${f} → ${target}`);
    }
  }
  assert.deepEqual(offenders, []);
});
