#!/usr/bin/env node
// `npm run bench`: every benchmark of issue "Fast at every size", one after the other in one run,
// each printing its figures as ratios measured side by side (a figure against its baseline in
// the same session, never against a number from another day): cold start-up against `node -e 0`,
// `quorate check` time per KB from 50 KB to 5 MB, exhaustive simulation by cluster size with and
// without exclusive services, the language server's edit → diagnostics latency and its
// per-request latency under random edits (absolute figures, p99 against its 200 ms target). Asserts
// nothing; the README's Performance table is copied from its output.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const here = (f) => fileURLToPath(new URL(f, import.meta.url));
const steps = [
  ['cold start-up (quorate lint of the lab cluster vs node -e 0)', [here('startup.mjs')]],
  ['quorate check, time per KB by file size', ['--import', 'tsx', here('schema.ts')]],
  ['exhaustive simulation by cluster size', [here('simulate.mjs')]],
  ['language server: edit → diagnostics on a 5,000-line file', [here('lsp.mjs')]],
  ['language server: 2,000 random edits with every request interleaved, latency per request kind', [here('lsp-edits.mjs')]],
  ['compile, whole process', [here('compile.mjs')]],
];
let failed = 0;
for (const [title, args] of steps) {
  process.stdout.write(`\n## ${title}\n\n`);
  const r = spawnSync(process.execPath, args, { stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
