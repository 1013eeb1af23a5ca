#!/usr/bin/env node
// How long `simulateModel` takes to examine every set of failed nodes (exhaustive up to 16
// nodes, so 2^n − 1 scenarios) on generated clusters of 2..16 nodes with 10..1000 services,
// plus one 32-node cluster (sampled). Services are spread over ordered, unordered and restricted
// failover domains. Two variants: no exclusive service, and one service in twenty exclusive
// (services that always land alike are placed once per scenario either way; see
// docs/simulation.md). In-process, model built beforehand, median of a few runs. Prints
// figures; asserts nothing. Then the 100-node, 200-exclusive-service case of issue 13 as a
// ratio against an exhaustive 16-node run. Run: node bench/simulate.mjs
import { performance } from 'node:perf_hooks';
import { register } from 'tsx/esm/api';

register();
const { modelOf, simulateModel } = await import('../compiler/lint.ts');
const { generateClusterConf } = await import('./generate.mjs');

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1];
}

function time(model, runs) {
  const times = [];
  let result;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    result = simulateModel(model);
    times.push(performance.now() - t);
  }
  return { ms: median(times), result };
}

// `node bench/simulate.mjs 16 1000` runs one cell of the grid.
const [argNodes, argServices] = process.argv.slice(2).map(Number);
const rows = [];
const grid = argNodes ? [argNodes] : [2, 4, 8, 12, 14, 16];
for (const exclusiveEvery of [0, 20])
for (const nodes of grid)
  for (const services of argServices ? [argServices] : [10, 100, 1000]) {
    const { model } = modelOf(generateClusterConf(nodes, services, exclusiveEvery), 'cluster-conf');
    const scenarios = 2 ** nodes - 1;
    const runs = scenarios * services > 5e6 ? 1 : 3;
    const { ms, result } = time(model, runs);
    rows.push([nodes, services, exclusiveEvery ? '1 in 20' : 'none', result.method.scenarios, ms, (ms * 1e6) / (result.method.scenarios * services)]);
    process.stderr.write(`  ${nodes} nodes, ${services} services, exclusive ${exclusiveEvery ? '1 in 20' : 'none'}: ${ms.toFixed(1)} ms\n`);
  }
if (!argNodes) {
  const { model } = modelOf(generateClusterConf(32, 1000), 'cluster-conf');
  const { ms, result } = time(model, 1);
  rows.push([32, 1000, '1 in 20', `${result.method.scenarios} (sampled)`, ms, (ms * 1e6) / (result.method.scenarios * 1000)]);
}

// Issue 13 class 9: 100 nodes, 200 services, every one exclusive (sampled; the work budget
// caps it). Timed side by side with a baseline (16 nodes, 100 services, one in twenty exclusive,
// exhaustive), alternating, so the ratio holds on a busy machine where the times do not.
const big = modelOf(generateClusterConf(100, 200, 1), 'cluster-conf').model;
const base = modelOf(generateClusterConf(16, 100, 20), 'cluster-conf').model;
const bigTimes = [];
const baseTimes = [];
let bigResult;
for (let i = 0; i < 3; i++) {
  const a = time(base, 1);
  baseTimes.push(a.ms);
  const b = time(big, 1);
  bigTimes.push(b.ms);
  bigResult = b.result;
}
const work = bigResult.method.work;

console.log(`simulateModel, all failure sets (node ${process.version}, ${process.platform}/${process.arch})`);
console.log('| nodes | services | exclusive | scenarios | time | per scenario × service |');
console.log('|---:|---:|---|---:|---:|---:|');
for (const [n, s, x, sc, ms, ns] of rows) console.log(`| ${n} | ${s} | ${x} | ${sc} | ${ms >= 1000 ? (ms / 1000).toFixed(2) + ' s' : ms.toFixed(1) + ' ms'} | ${ns.toFixed(0)} ns |`);
console.log('');
console.log(`100 nodes × 200 exclusive services: ${median(bigTimes).toFixed(0)} ms, ${(median(bigTimes) / median(baseTimes)).toFixed(2)}× the 16 × 100 (1 in 20) exhaustive run (${median(baseTimes).toFixed(0)} ms), median of 3 alternating`);
console.log(`  ${bigResult.method.scenarios} failure sets (${bigResult.method.kind}${bigResult.method.description ? `: ${bigResult.method.description}` : ''})`);
if (work) console.log(`  work: ${work.placements} placements, ${work.evaluations} of ${work.budget} node evaluations budgeted`);
