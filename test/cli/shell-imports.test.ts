// The shells (compiler/cli, lsp) take values from the core through compiler/api.ts only; types
// may come from anywhere below. One entry means one place to change when the core moves.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { repoRoot } from '../helpers.ts';

function files(dir: string): string[] {
  return readdirSync(join(repoRoot, dir)).flatMap((name) => {
    const p = join(dir, name);
    return statSync(join(repoRoot, p)).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** Relative imports that bring values (not `import type`, not `export type`). */
function valueImports(file: string): string[] {
  const text = readFileSync(join(repoRoot, file), 'utf8');
  return [...text.matchAll(/^(?:import|export)\s+(?!type\s)[^;]*?from\s+'(\.[^']+)'/gms), ...text.matchAll(/\bimport\('(\.[^']+)'\)/g)].map((m) => relative(repoRoot, join(repoRoot, file, '..', m[1]!)));
}

test('compiler/cli and lsp import values from the core only through compiler/api.ts', () => {
  const shell = (t: string) => t.startsWith('compiler/cli/') || t.startsWith('lsp/');
  const offenders: string[] = [];
  const seen: string[] = [];
  for (const f of [...files('compiler/cli'), ...files('lsp')]) {
    for (const target of valueImports(f)) {
      seen.push(target);
      if (!shell(target) && target !== 'compiler/api.ts') offenders.push(`${f} → ${target}`);
    }
  }
  assert.ok(seen.includes('compiler/api.ts') && seen.includes('lsp/server.ts'), 'the scanner sees the imports');
  assert.deepEqual(offenders, []);
});
