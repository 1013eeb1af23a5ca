// How long reading raw cluster.conf takes, in process and warm (median of 10): the positional XML
// reader alone, reader + schema check (analyzeClusterConf), and the importer (which also lowers
// its own output to check it), on the largest corpus file and on generated large clusters
// (compiled to cluster.conf first). Prints figures; asserts nothing.
// Run: node --import tsx bench/import.ts
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { compileText } from '../compiler/api.ts';
import { analyzeClusterConf } from '../compiler/import/index.ts';
import { readClusterConf } from '../compiler/import/read-xml.ts';
import { importClusterConf } from '../compiler/api.ts';
// @ts-expect-error plain JS helper shared by the benchmarks
import { generateCluster } from './generate.mjs';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1]!;
}
function time(f: () => unknown): number {
  const xs: number[] = [];
  for (let i = 0; i < 10; i++) {
    const t = performance.now();
    f();
    xs.push(performance.now() - t);
  }
  return median(xs);
}

const inputs: [string, string][] = [];
const shared = process.env.QUORATE_SHARED ?? resolve(import.meta.dirname, '..', '..', 'shared');
const corpus = join(shared, 'corpus', 'cluster.conf');
if (existsSync(corpus)) {
  const files = readdirSync(corpus).filter((f) => f.endsWith('.conf')).map((f) => [f, readFileSync(join(corpus, f), 'utf8')] as [string, string]);
  files.sort((a, b) => b[1].length - a[1].length);
  inputs.push([`corpus ${files[0]![0]} (largest)`, files[0]![1]]);
}
for (const [nodes, services] of [[5, 10], [16, 100], [16, 1000]] as const) {
  const src = generateCluster({ nodes, services });
  const out = compileText(src, { secrets: { env: () => 'secret', readFile: () => 'secret' } }).outputs[0];
  if (out) inputs.push([`generated ${nodes} nodes, ${services} services`, out.text]);
}

importClusterConf(inputs[0]![1]);
console.log('warm, median of 10 (ms)                        bytes     read  read+schema     import');
for (const [label, text] of inputs) {
  const r = time(() => readClusterConf(text));
  const a = time(() => analyzeClusterConf(text));
  const i = time(() => importClusterConf(text));
  console.log(`${label.padEnd(42)} ${String(text.length).padStart(9)} ${r.toFixed(1).padStart(8)} ${a.toFixed(1).padStart(12)} ${i.toFixed(1).padStart(10)}`);
}
