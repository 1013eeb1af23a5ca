// The fuzzer's seeds: the examples, the test fixtures, and (when ../shared or $QUORATE_SHARED is
// there) the real cluster.conf corpus and the fence_virt.conf reference set.

import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { inputKindOf } from '../../compiler/api.ts';
import { repoRoot, sharedDir } from '../helpers.ts';
import type { Kind, Seed } from './mutate.ts';

function files(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...files(p));
    else out.push(p);
  }
  return out;
}

/** Only the inputs a reader of ours reads (not READMEs, tables, JSON settings). */
function kindOf(path: string, text: string, fenceVirt: boolean): Kind | undefined {
  if (fenceVirt) return path.endsWith('.conf') ? 'fence-virt-conf' : undefined;
  if (!/\.(cluster|conf|xml)$/.test(path)) return undefined;
  return inputKindOf(path, text);
}

export interface SeedSet {
  seeds: Seed[];
  /** What was not found, to print. */
  skipped: string[];
}

export function loadSeeds(): SeedSet {
  const seeds: Seed[] = [];
  const skipped: string[] = [];
  const add = (path: string, label: string, fenceVirt = false) => {
    const text = readFileSync(path, 'utf8');
    const kind = kindOf(path, text, fenceVirt);
    if (kind) seeds.push({ name: label, kind, text });
  };
  for (const f of files(join(repoRoot, 'examples'))) if (f.endsWith('.cluster')) add(f, relative(repoRoot, f));
  for (const f of files(join(repoRoot, 'test/fixtures'))) add(f, relative(repoRoot, f));
  const shared = sharedDir();
  if (!shared) skipped.push('../shared not found (set QUORATE_SHARED): the cluster.conf corpus and the fence_virt.conf reference set are not used as seeds');
  else {
    const corpus = join(shared, 'corpus/cluster.conf');
    const fv = join(shared, 'reference/fence_virt.conf');
    if (existsSync(corpus)) for (const f of files(corpus)) add(f, `shared/${relative(shared, f)}`);
    else skipped.push(`${corpus} not found: no corpus seeds`);
    if (existsSync(fv)) for (const f of files(fv)) add(f, `shared/${relative(shared, f)}`, true);
    else skipped.push(`${fv} not found: no fence_virt.conf reference seeds`);
  }
  return { seeds, skipped };
}
