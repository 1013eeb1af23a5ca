// The short seeded fuzzing run of `npm test`: a fixed seed and a fixed number of inputs (so the
// same inputs every time, about half a minute on a quiet machine) through every core entry and
// every language-server feature (test/fuzz/targets.ts). It fails on any deterministic invariant
// (a throw, an internal diagnostic, a span or range outside the text, a formatter that is not
// idempotent, compiled XML that is not well-formed or not read back equal); slow calls are only
// reported (no timed assertions in tests): `npm run fuzz` counts them.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fuzz } from './engine.ts';
import { loadSeeds } from './seeds.ts';
import { DETERMINISTIC } from './targets.ts';

const SEED = 0x0b5e55ed;
const INPUTS = 6000;

test(`fuzzing: ${INPUTS} mutated inputs of seed ${SEED} break no invariant`, async (t) => {
  const { seeds, skipped } = loadSeeds();
  for (const s of skipped) t.diagnostic(s);
  assert.ok(seeds.filter((s) => s.kind === 'cluster').length >= 100, 'the examples and fixtures are the seeds');
  const report = await fuzz({ seed: SEED, seeds, maxInputs: INPUTS });
  t.diagnostic(`${report.inputs} inputs in ${(report.elapsedMs / 1000).toFixed(1)} s (${(report.inputs / (report.elapsedMs / 1000)).toFixed(0)}/s): ${[...report.perTarget].map(([name, s]) => `${name} ${s.inputs}`).join(', ')}`);
  for (const s of report.slowCalls.slice(0, 5)) t.diagnostic(`slow call (not a failure here; npm run fuzz counts it): ${s.call} ${Math.round(s.ms)} ms`);
  assert.equal(report.inputs, INPUTS);
  // Every target got its share, so a target that silently stopped running would show.
  for (const [name, s] of report.perTarget) assert.ok(s.inputs >= INPUTS / 50, `target ${name} ran on only ${s.inputs} inputs`);
  assert.ok(report.perTarget.size >= 10, `only ${report.perTarget.size} targets ran`);
  const broken = report.findings.filter((f) => DETERMINISTIC.has(f.failure.invariant));
  assert.deepEqual(
    broken.map((f) => `${f.failure.invariant} in ${f.failure.target} (${f.failure.call}): ${f.failure.detail}\n    replay: npm run fuzz -- --seed ${SEED} --case ${f.kase.index}  (input from ${f.kase.seed.name}, ${f.kase.steps.join(', ')})\n    input: ${JSON.stringify(f.kase.input.text.slice(0, 400))}`),
    [],
  );
});
