// In-process timing of each compile phase on the files given as arguments (warm, median of 20).
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { parse } from '../grammar/parser.ts';
import { lower } from '../compiler/lower/lower.ts';
import { emitClusterConf } from '../compiler/emit/cluster-conf.ts';
import { validateSchema } from '../compiler/import/schema.ts';

const secrets = { env: () => 'bench', readFile: () => undefined };
function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1];
}

const t0 = performance.now();
parse('cluster c { }');
console.log(`\nparser construction + first parse: ${(performance.now() - t0).toFixed(1)} ms (once per process)`);
console.log('in-process phases, warm (median of 20): parse / lower / emit / schema check of the compiled model');
for (const file of process.argv.slice(2)) {
  const text = readFileSync(file, 'utf8');
  const p: number[] = [];
  const l: number[] = [];
  const e: number[] = [];
  const v: number[] = [];
  for (let i = 0; i < 20; i++) {
    let t = performance.now();
    const parsed = parse(text);
    p.push(performance.now() - t);
    t = performance.now();
    const lowered = lower(parsed.file, { secrets });
    l.push(performance.now() - t);
    t = performance.now();
    if (lowered.cluster) emitClusterConf(lowered.cluster);
    e.push(performance.now() - t);
    t = performance.now();
    if (lowered.cluster) validateSchema(lowered.cluster, { everything: true });
    v.push(performance.now() - t);
  }
  const kb = (text.length / 1024).toFixed(0);
  console.log(`  ${file.split('/').pop()!.padEnd(36)} ${kb.padStart(5)} KB  ${median(p).toFixed(1).padStart(6)} / ${median(l).toFixed(1).padStart(6)} / ${median(e).toFixed(1).padStart(6)} / ${median(v).toFixed(1).padStart(6)} ms`);
}
