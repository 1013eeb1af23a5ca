// `npm run fuzz -- [--minutes N] [--seed S] [--inputs N] [--slow-ms MS]`: the long fuzzing run.
// Prints progress and the final figures, writes each failing input (minimized) to
// fuzz-findings/<invariant>-<hash>.{cluster,conf} with a .txt beside it saying how to replay it,
// and exits 1 on any failure, slow calls included.
//
// `npm run fuzz -- --seed S --case I` replays case I of seed S (printing its input);
// `npm run fuzz -- --replay FILE --target T [--kind K] [--positions P]` runs one target on a file.

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { repoRoot } from '../helpers.ts';
import { contextFor, deployedOf, findingName, fuzz, makeCase, minimize, type Finding, type Report } from './engine.ts';
import type { Kind } from './mutate.ts';
import { loadSeeds } from './seeds.ts';
import { encode, runTarget, TARGETS } from './targets.ts';

const { values } = parseArgs({
  options: {
    minutes: { type: 'string' },
    seed: { type: 'string' },
    inputs: { type: 'string' },
    'slow-ms': { type: 'string' },
    case: { type: 'string' },
    replay: { type: 'string' },
    target: { type: 'string' },
    kind: { type: 'string' },
    positions: { type: 'string' },
  },
});

const seed = values.seed !== undefined ? Number(values.seed) : Date.now() % 2 ** 31;
const slowMs = values['slow-ms'] !== undefined ? Number(values['slow-ms']) : 1000;
const { seeds, skipped } = loadSeeds();
for (const s of skipped) console.log(`fuzz: ${s}`);

function replayLine(f: Finding, file: string): string {
  return `npm run fuzz -- --replay ${file} --target ${f.kase.target} --kind ${f.kase.input.kind} --positions ${f.kase.positions}   # or the unminimized case: npm run fuzz -- --seed ${seed} --case ${f.kase.index}`;
}

async function main(): Promise<number> {
  if (values.replay !== undefined) {
    const text = readFileSync(values.replay, 'utf8');
    const kind = (values.kind ?? (values.replay.endsWith('.cluster') ? 'cluster' : values.replay.endsWith('fence_virt.conf') ? 'fence-virt-conf' : 'cluster-conf')) as Kind;
    const targets = values.target ? [values.target] : TARGETS.filter((t) => t.kinds.includes(kind)).map((t) => t.name);
    let failed = 0;
    const deployed = deployedOf(seeds);
    for (const target of targets) {
      const input = { kind, text, bytes: encode(text) };
      // Once untimed, as the run warms up: first-call costs (prettier, ajv) are not findings.
      await runTarget(target, input, contextFor(Number(values.positions ?? 1), deployed, Infinity));
      const probe = await runTarget(target, input, contextFor(Number(values.positions ?? 1), deployed, slowMs));
      for (const f of probe.failures) { failed++; console.log(`${f.invariant} in ${f.target} (${f.call}): ${f.detail}`); }
    }
    console.log(failed ? `${failed} failure(s)` : 'no failure');
    return failed ? 1 : 0;
  }
  if (values.case !== undefined) {
    const kase = makeCase(seed, Number(values.case), seeds);
    console.log(`case ${kase.index} of seed ${seed}: ${kase.seed.name} (${kase.steps.join(', ')}) → target ${kase.target}\n----\n${kase.input.text}\n----`);
    const deployed = deployedOf(seeds);
    const probe = await runTarget(kase.target, kase.input, contextFor(kase.positions, deployed, slowMs));
    for (const f of probe.failures) {
      console.log(`${f.invariant} in ${f.target} (${f.call}): ${f.detail}`);
      const m = await minimize(kase, f, deployed, slowMs);
      if (m !== undefined) console.log(`minimized:\n----\n${m}\n----`);
    }
    return probe.failures.length ? 1 : 0;
  }

  const minutes = values.minutes !== undefined ? Number(values.minutes) : 1;
  const maxInputs = values.inputs !== undefined ? Number(values.inputs) : undefined;
  const kinds = new Map<string, number>();
  for (const s of seeds) kinds.set(s.kind, (kinds.get(s.kind) ?? 0) + 1);
  console.log(`fuzz: seed ${seed}, ${minutes} minute(s)${maxInputs !== undefined ? ` or ${maxInputs} inputs` : ''}, ${seeds.length} seed files (${[...kinds].map(([k, n]) => `${n} ${k}`).join(', ')}), slow = over ${slowMs} ms`);
  const report = await fuzz({
    seed, seeds, budgetMs: minutes * 60_000, ...(maxInputs !== undefined ? { maxInputs } : {}), slowMs, minimize: true,
    onProgress: (r) => console.log(`  ${Math.round(r.elapsedMs / 1000)} s: ${r.inputs} inputs (${rate(r)}/s), ${r.findings.length} distinct finding(s)`),
  });
  printReport(report);
  if (report.findings.length) {
    const dir = join(repoRoot, 'fuzz-findings');
    mkdirSync(dir, { recursive: true });
    for (const f of report.findings) {
      const name = findingName(f);
      const file = join('fuzz-findings', name);
      writeFileSync(join(repoRoot, file), f.minimized ?? f.kase.input.text);
      const about = [
        `${f.failure.invariant} in target ${f.failure.target}, call ${f.failure.call} (${f.count} input(s) failed this way)`,
        f.failure.detail,
        `seed file ${f.kase.seed.name}, mutations: ${f.kase.steps.join(', ')}${f.minimized === undefined ? ' (not minimized: its text alone did not fail the same way again; a slow call: not slow again)' : ''}`,
        `replay: ${replayLine(f, file)}`,
      ].join('\n');
      writeFileSync(join(repoRoot, `${file}.txt`), about + '\n');
      console.log(`\n${file}\n  ${about.replace(/\n/g, '\n  ')}`);
    }
  }
  return report.findings.length ? 1 : 0;
}

function rate(r: Report): string {
  return (r.inputs / Math.max(1, r.elapsedMs / 1000)).toFixed(1);
}

function printReport(r: Report): void {
  const count = (inv: string) => r.perInvariant.get(inv as never) ?? 0;
  console.log(`\nfuzz: ${r.inputs} inputs in ${(r.elapsedMs / 1000).toFixed(1)} s (${rate(r)} inputs/s; ${(r.minimizingMs / 1000).toFixed(1)} s of it minimizing findings), seed ${seed}`);
  console.log(`  per target: ${[...r.perTarget].sort((a, b) => b[1].inputs - a[1].inputs).map(([t, s]) => `${t} ${s.inputs} (${(s.ms / s.inputs).toFixed(1)} ms avg)`).join(', ')}`);
  console.log(`  exceptions ${count('exception')}, internal diagnostics ${count('internal')}, slow calls ${count('slow')}, spans outside ${count('span')}, LSP ranges outside ${count('lsp-range')}, not idempotent ${count('idempotence')}, compiled XML not well-formed ${count('well-formed')}, not read back equal ${count('read-back')}`);
  if (r.slowCalls.length) console.log(`  slowest calls: ${r.slowCalls.slice(0, 5).map((s) => `${s.call} ${Math.round(s.ms)} ms`).join(', ')}`);
  console.log(`  ${r.findings.length} distinct finding(s); load average ${loadavg().map((x) => x.toFixed(1)).join(' ')} on ${cpus().length} cores (times are wall clock: a busy machine makes calls slow)`);
}

process.exitCode = await main();
