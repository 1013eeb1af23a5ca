// How long formatting takes, in process and warm (median of 10): formatText on the lab example and
// on generated large clusters, with the share spent parsing (formatText parses the input, prettier
// parses it again through the plugin, and the output is parsed once more for the content check).
// Also `quorate fmt --check` end to end. Prints figures; asserts nothing.
// Run: node scripts/build.mjs && node --import tsx bench/format.ts
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parse } from '../grammar/parser.ts';
import { formatText } from '../compiler/format/index.ts';
// @ts-expect-error plain JS helper shared by the benchmarks
import { generateCluster } from './generate.mjs';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1];
}

const dir = mkdtempSync(join(tmpdir(), 'quorate-bench-fmt-'));
const inputs: [string, string][] = [['examples/cluster11-lab.cluster', readFileSync(new URL('../examples/cluster11-lab.cluster', import.meta.url), 'utf8')]];
for (const [nodes, services] of [[5, 10], [16, 100], [16, 1000]]) inputs.push([`generated ${nodes} nodes, ${services} services`, generateCluster({ nodes, services })]);

await formatText('cluster c { }\n');
console.log('formatText, warm (median of 10):         bytes   format    parse once');
for (const [label, text] of inputs) {
  const f: number[] = [];
  const p: number[] = [];
  for (let i = 0; i < 10; i++) {
    let t = performance.now();
    await formatText(text);
    f.push(performance.now() - t);
    t = performance.now();
    parse(text);
    p.push(performance.now() - t);
  }
  console.log(`  ${label.padEnd(36)} ${String(text.length).padStart(8)} ${median(f).toFixed(1).padStart(8)} ms ${median(p).toFixed(1).padStart(8)} ms`);
}

const cli = new URL('../dist/quorate.cjs', import.meta.url).pathname;
console.log('\nquorate fmt --check, whole process (median of 5):');
for (const [label, text] of inputs) {
  const file = join(dir, 'f.cluster');
  writeFileSync(file, text);
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    spawnSync(process.execPath, [cli, 'fmt', '--check', file]);
    times.push(performance.now() - t);
  }
  console.log(`  ${label.padEnd(36)} ${median(times).toFixed(0).padStart(8)} ms`);
}
