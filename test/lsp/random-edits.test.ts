// The language server under a seeded stream of random incremental edits (inserts, deletes,
// pasted blocks, out-of-range and inverted ranges, positions past the end of a line, 1 MB
// pastes), interleaved with every request and diagnostic pulls (test/lsp/random-edits-driver.ts):
// it never exits, answers every request (a result or an LSP error), publishes no `internal`
// diagnostic and no range outside its document. No timing assertions: bench/lsp-edits.mjs
// measures the latencies.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runRandomEdits } from './random-edits-driver.ts';

test('random edits with requests interleaved: the server keeps answering and its diagnostics stay inside the document', async () => {
  const r = await runRandomEdits({ seed: 0x13_03, edits: 300, bigEdits: 2 });
  assert.deepEqual(r.failures, []);
  assert.deepEqual(r.handlerErrors, [], 'no handler threw');
  assert.equal(r.exitedEarly, false, 'the server never exited during the run');
  assert.equal(r.exitCode, 0, 'and shut down cleanly at the end');
  assert.ok(r.largestDocument > 1024 * 1024, 'a 1 MB paste was part of the run');
  // Every request was answered: the latencies hold one entry per answered request.
  const answered = [...r.latencies.values()].reduce((n, b) => n + b.small.length + b.large.length, 0);
  assert.equal(answered, r.requests);
  assert.ok(r.requests >= 300 && r.diagnosticPulls >= 10);
});
