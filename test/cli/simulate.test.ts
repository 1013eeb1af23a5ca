// `quorate simulate` as a process: the summary of every example is checked in as a golden
// (UPDATE_GOLDENS=1 rewrites them, for intended changes only), one scenario in detail with
// --fail, JSON, raw cluster.conf input, and the errors.

import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { expectGolden, repoRoot, runCli, STACK_TRACE } from '../helpers.ts';

const goldenDir = join(repoRoot, 'test', 'golden', 'simulate');
const examples = readdirSync(join(repoRoot, 'examples')).filter((f) => f.endsWith('.cluster')).sort();

for (const ex of examples) {
  test(`simulate examples/${ex} matches its golden`, () => {
    const r = runCli(['simulate', `examples/${ex}`]);
    assert.equal(r.status, 0, r.stderr);
    expectGolden(join(goldenDir, ex.replace(/\.cluster$/, '.txt')), r.stdout);
  });
}

test('every example lints clean of errors', () => {
  const r = runCli(['lint', ...examples.map((e) => `examples/${e}`)]);
  assert.equal(r.status, 0, r.stdout + r.stderr);
});

test('simulate --fail: who is fenced after how long, where each service moves', () => {
  const r = runCli(['simulate', 'examples/cluster11-lab.cluster', '--fail', 'node1']);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^Failed: node1\.private\.cluster11\.example\.com$/m);
  assert.match(r.stdout, /Quorum: 2 votes left, quorum 2: quorate/);
  assert.match(r.stdout, /recovery can start after about 27 s/);
  assert.match(r.stdout, /public +node1\.private\.cluster11\.example\.com +-> +node2\.private\.cluster11\.example\.com +moves after about 27 s/);
  assert.match(r.stdout, /apache +node2\.private\.cluster11\.example\.com +-> +node2\.private\.cluster11\.example\.com +stays/);
  // The cluster.conf name works as well as the .cluster one.
  assert.equal(runCli(['simulate', 'examples/cluster11-lab.cluster', '--fail', 'node1.private.cluster11.example.com']).stdout, r.stdout);
  const two = runCli(['simulate', 'examples/cluster11-lab.cluster', '--fail', 'node1,node3', '--format', 'json']);
  const d = JSON.parse(two.stdout);
  assert.equal(d.quorum.quorate, false);
  assert.ok(d.services.every((s: { state: string }) => s.state === 'stopped'));
});

test('simulate reads raw cluster.conf too', () => {
  const r = runCli(['simulate', 'test/golden/examples/datacenter.cluster.conf', '--format', 'json']);
  assert.equal(r.status, 0, r.stderr);
  const s = JSON.parse(r.stdout);
  assert.equal(s.quorum.nodes, 5);
  assert.equal(s.method.kind, 'exhaustive');
  assert.equal(s.method.scenarios, 31);
  assert.deepEqual(
    JSON.parse(runCli(['simulate', 'examples/datacenter.cluster', '--format', 'json']).stdout),
    s,
    'the .cluster source and its compiled cluster.conf simulate the same',
  );
});

test('simulate: errors in the file exit 1; bad arguments exit 2', () => {
  const bad = runCli(['simulate', 'test/fixtures/bad/undefined-domain.cluster']);
  assert.equal(bad.status, 1);
  assert.match(bad.stderr, /has errors; fix them before simulating/);
  assert.doesNotMatch(bad.stderr, STACK_TRACE);
  const unknown = runCli(['simulate', 'examples/cluster11-lab.cluster', '--fail', 'node7']);
  assert.equal(unknown.status, 2);
  assert.match(unknown.stderr, /--fail names no node 'node7'; the nodes are node1\.private/);
  assert.equal(runCli(['simulate']).status, 2);
  assert.equal(runCli(['simulate', 'no/such.cluster']).status, 2);
});
