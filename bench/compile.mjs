#!/usr/bin/env node
// How long compiling takes: the CLI end to end (process start included) on the lab example and on
// generated large clusters, and the in-process phases (parse, lower, emit) once warm. Prints
// figures; asserts nothing. Run: npm run bench
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { generateCluster } from './generate.mjs';

const cli = new URL('../dist/quorate.cjs', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'quorate-bench-'));
const env = { ...process.env, IPMI_PASS: 'bench' };

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1];
}

function timeCli(file, runs = 7) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    const r = spawnSync(process.execPath, [cli, 'compile', file, '-o', dir], { env });
    times.push(performance.now() - t);
    if (r.status !== 0) throw new Error(`compile failed: ${r.stderr}`);
  }
  return median(times);
}

const inputs = [['examples/cluster11-lab.cluster', new URL('../examples/cluster11-lab.cluster', import.meta.url).pathname]];
for (const [nodes, services] of [[5, 10], [16, 100], [16, 1000]]) {
  const f = join(dir, `gen-${nodes}n-${services}s.cluster`);
  writeFileSync(f, generateCluster({ nodes, services }));
  inputs.push([`generated ${nodes} nodes, ${services} services`, f]);
}

console.log('quorate compile, whole process (median of 7):');
for (const [label, file] of inputs) console.log(`  ${label.padEnd(40)} ${timeCli(file).toFixed(0).padStart(6)} ms`);

// In-process phases, warm: the bundle exposes only the CLI, so time the phases from the sources.
const r = spawnSync(process.execPath, ['--import', 'tsx', new URL('./phases.ts', import.meta.url).pathname, ...inputs.map((x) => x[1])], { env, encoding: 'utf8' });
process.stdout.write(r.stdout);
if (r.status !== 0) process.stderr.write(r.stderr);
