#!/usr/bin/env node
// How long `simulateModel` takes to examine every set of failed nodes (exhaustive up to 16
// nodes, so 2^n − 1 scenarios) on generated clusters of 2..16 nodes with 10..1000 services,
// plus one 32-node cluster (sampled). Services are spread over ordered, unordered and restricted
// failover domains. Two variants: no exclusive service, and one service in twenty exclusive
// (services that always land alike are placed once per scenario either way; see
// docs/simulation.md). In-process, model built beforehand, median of a few runs. Prints
// figures; asserts nothing. Run: node bench/simulate.mjs
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
    const { model } = modelOf(generateClusterConf(nodes, services, exclusiveEvery), 'xml');
    const scenarios = 2 ** nodes - 1;
    const runs = scenarios * services > 5e6 ? 1 : 3;
    const { ms, result } = time(model, runs);
    rows.push([nodes, services, exclusiveEvery ? '1 in 20' : 'none', result.method.scenarios, ms, (ms * 1e6) / (result.method.scenarios * services)]);
    process.stderr.write(`  ${nodes} nodes, ${services} services, exclusive ${exclusiveEvery ? '1 in 20' : 'none'}: ${ms.toFixed(1)} ms\n`);
  }
if (!argNodes) {
  const { model } = modelOf(generateClusterConf(32, 1000), 'xml');
  const { ms, result } = time(model, 1);
  rows.push([32, 1000, '1 in 20', `${result.method.scenarios} (sampled)`, ms, (ms * 1e6) / (result.method.scenarios * 1000)]);
}

console.log(`simulateModel, all failure sets (node ${process.version}, ${process.platform}/${process.arch})`);
console.log('| nodes | services | exclusive | scenarios | time | per scenario × service |');
console.log('|---:|---:|---|---:|---:|---:|');
for (const [n, s, x, sc, ms, ns] of rows) console.log(`| ${n} | ${s} | ${x} | ${sc} | ${ms >= 1000 ? (ms / 1000).toFixed(2) + ' s' : ms.toFixed(1) + ' ms'} | ${ns.toFixed(0)} ns |`);
