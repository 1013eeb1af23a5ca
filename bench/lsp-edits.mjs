#!/usr/bin/env node
// The language server under 2,000 random edits (test/lsp/random-edits-driver.ts: inserts,
// deletes, pasted blocks, out-of-range and inverted ranges, a few 1 MB pastes) interleaved with
// every kind of request: prints p50/p95/p99/max latency per request kind, for documents under
// 100 KB and, separately, over. Run `npm run build` first. Asserts nothing; target: p99 < 200 ms
// under 100 KB. EDITS, BIG_EDITS and SEED override the run; QUORATE_CLI runs another build
// (a copy of an older dist/quorate.cjs) for a before/after comparison.
import { tsImport } from 'tsx/esm/api';

const { runRandomEdits, quantiles, SMALL_DOCUMENT } = await tsImport('../test/lsp/random-edits-driver.ts', import.meta.url);
const edits = Number(process.env.EDITS ?? 2000);
const bigEdits = Number(process.env.BIG_EDITS ?? 5);
const seed = Number(process.env.SEED ?? 0x2000);
const t0 = Date.now();
const r = await runRandomEdits({ seed, edits, bigEdits, log: (l) => console.error(`  … ${l}`), ...(process.env.QUORATE_CLI ? { cli: process.env.QUORATE_CLI } : {}) });
const fmt = (v) => (Number.isNaN(v) ? '-' : v.toFixed(1));
console.log(`${edits} edits (${bigEdits} of ~1 MB), ${r.requests} requests, ${r.diagnosticPulls} diagnostic pulls, largest document ${(r.largestDocument / 1024).toFixed(0)} KB, ${((Date.now() - t0) / 1000).toFixed(0)} s`);
for (const [label, side] of [[`documents under ${SMALL_DOCUMENT / 1024} KB`, 'small'], [`documents of ${SMALL_DOCUMENT / 1024} KB or more`, 'large']]) {
  console.log(`\n${label} (ms)\n${'kind'.padEnd(20)}${['n', 'p50', 'p95', 'p99', 'max'].map((h) => h.padStart(9)).join('')}`);
  const all = [];
  for (const [kind, b] of [...r.latencies].sort()) {
    const v = b[side];
    if (v.length === 0) continue;
    all.push(...v);
    const q = quantiles(v);
    console.log(`${kind.padEnd(20)}${[String(q.n), fmt(q.p50), fmt(q.p95), fmt(q.p99), fmt(q.max)].map((x) => x.padStart(9)).join('')}`);
  }
  const q = quantiles(all);
  console.log(`${'all'.padEnd(20)}${[String(q.n), fmt(q.p50), fmt(q.p95), fmt(q.p99), fmt(q.max)].map((x) => x.padStart(9)).join('')}${side === 'small' ? `   (target p99 < 200 ms: ${q.p99 < 200 ? 'met' : 'NOT met'})` : ''}`);
}
console.log(`\nLSP error answers by code: ${JSON.stringify(Object.fromEntries(r.errorAnswers))}; handler errors: ${r.handlerErrors.length}; failures: ${r.failures.length}; server exit code ${r.exitCode}`);
console.log('slowest requests:');
for (const x of r.slowest.slice(0, 6)) console.log(`  ${x.ms.toFixed(0).padStart(6)} ms  ${x.kind} on ${x.uri.split('/').pop()} (${(x.size / 1024).toFixed(0)} KB)`);
for (const f of r.failures.slice(0, 20)) console.log(`  failure: ${f}`);
