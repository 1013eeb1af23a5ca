// The simulator's work is bounded (issue 13, class 9): it counts what it does — node
// evaluations: one per node per failure set, plus the nodes each placement scores — and stops
// before the budget; the output says exactly what was examined. Work, never time, is asserted.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { modelOf, simulateModel } from '../../../compiler/lint.ts';
import type { ConfElement } from '../../../compiler/model/conf.ts';
import { SAMPLE_SIZE, WORK_BUDGET } from '../../../compiler/simulate/index.ts';

// The bench's generator (plain JavaScript, so typed here).
const generator = '../../../bench/generate.mjs';
const { generateClusterConf } = (await import(generator)) as { generateClusterConf: (nodes: number, services: number, exclusiveEvery: number) => string };

function model(nodes: number, services: number, exclusiveEvery: number): ConfElement {
  const { model: m } = modelOf(generateClusterConf(nodes, services, exclusiveEvery), 'cluster-conf');
  assert.ok(m);
  return m;
}

/** The most one failure set can cost: a vote per node, and every service placed over every node (plus its survivors). */
const oneSet = (nodes: number, services: number) => nodes + services * (3 * nodes + 2);

test('100 nodes × 200 exclusive services: within the work budget, every single and double failure, a stated sample', () => {
  const m = model(100, 200, 1);
  const s = simulateModel(m);
  assert.equal(s.method.kind, 'sampled');
  const { work } = s.method;
  assert.equal(work.budget, WORK_BUDGET);
  assert.ok(work.evaluations <= WORK_BUDGET + oneSet(100, 200), JSON.stringify(work));
  assert.ok(work.placements > 0 && work.evaluations > s.method.scenarios * 100, 'every failure set counts a vote per node, and placements score nodes');
  const d = (s.method as { description: string }).description;
  const sampled = Number(/plus (\d+) random failure sets \(size uniform in 3\.\.99/.exec(d)?.[1]);
  assert.ok(d.startsWith('every single and double failure, plus '), d);
  assert.equal(s.method.scenarios, 100 + 4950 + sampled, 'the scenarios are the ones the description names');
  assert.deepEqual(simulateModel(m), s, 'deterministic');
});

test('a smaller budget: fewer random sets, said so, and the work stays under it', () => {
  const m = model(100, 200, 1);
  const budget = 6_000_000;
  const s = simulateModel(m, { workBudget: budget });
  assert.equal(s.method.kind, 'sampled');
  assert.ok(s.method.work.evaluations <= budget + oneSet(100, 200), JSON.stringify(s.method.work));
  const d = (s.method as { description: string }).description;
  const m1 = /plus (\d+) random failure sets .*; the work budget \(6000000 node evaluations\) allowed (\d+) of the (\d+) random sets$/.exec(d);
  assert.ok(m1, d);
  assert.equal(m1[1], m1[2]);
  assert.equal(Number(m1[3]), SAMPLE_SIZE);
  assert.ok(Number(m1[1]) < SAMPLE_SIZE);
  assert.equal(s.method.scenarios, 5050 + Number(m1[1]));
  // Twice the budget buys more failure sets, and the same first ones: the sample is a prefix.
  const more = simulateModel(m, { workBudget: 2 * budget });
  assert.ok(more.method.scenarios > s.method.scenarios);
  assert.ok(more.method.work.evaluations > s.method.work.evaluations);
});

test('a budget too small for the next size samples it; one too small for the first stops part way and says where', () => {
  const m = model(100, 200, 1);
  const s = simulateModel(m, { workBudget: 200_000 });
  assert.ok(s.method.work.evaluations <= 200_000 + oneSet(100, 200), JSON.stringify(s.method.work));
  const d = (s.method as { description: string }).description;
  const m1 = /^every single failure, plus (\d+) random failure sets \(size uniform in 2\.\.99, .*\); the work budget \(200000 node evaluations\) did not allow every failure of 2 nodes and allowed (\d+) of the 20000 random sets$/.exec(d);
  assert.ok(m1, d);
  assert.equal(s.method.scenarios, 100 + Number(m1[1]));
  const tiny = simulateModel(m, { workBudget: 20_000 });
  assert.ok(tiny.method.work.evaluations <= 20_000 + oneSet(100, 200), JSON.stringify(tiny.method.work));
  const t = (tiny.method as { description: string }).description;
  const m2 = /^the first (\d+) of the 100 failures of 1 node \(in enumeration order\); the work budget \(20000 node evaluations\) stopped it there$/.exec(t);
  assert.ok(m2, t);
  assert.equal(tiny.method.scenarios, Number(m2[1]));
});

test('up to 16 nodes: exhaustive within the budget; beyond it, every size that fits, then a sample of the rest', () => {
  const m = model(10, 100, 5);
  const full = simulateModel(m);
  assert.equal(full.method.kind, 'exhaustive');
  assert.equal(full.method.scenarios, 1023);
  const budget = Math.floor(full.method.work.evaluations / 3);
  const part = simulateModel(m, { workBudget: budget });
  assert.equal(part.method.kind, 'sampled');
  assert.ok(part.method.work.evaluations <= budget + oneSet(10, 100));
  const d = (part.method as { description: string }).description;
  const k = d.startsWith('every single and double') ? 2 : d.startsWith('every single failure') ? 1 : Number(/^every failure of 1 to (\d+) nodes/.exec(d)?.[1]);
  assert.ok(k >= 1, d);
  assert.match(d, new RegExp(`random failure sets \\(size uniform in ${k + 1}\\.\\.9, .*did not allow every failure of ${k + 1} nodes`));
  // What the complete sizes find is what the exhaustive run finds there.
  const upTo = (s: typeof full) => JSON.stringify(s.findings.filter((f) => f.minFailures <= k));
  assert.equal(upTo(part), upTo(full));
});

test('the work counted grows with what is placed', () => {
  const small = simulateModel(model(12, 100, 1)).method.work;
  const big = simulateModel(model(12, 200, 1)).method.work;
  assert.ok(big.evaluations > small.evaluations, JSON.stringify({ small, big }));
});
