// The fuzzer's own parts can fail: the same seed makes the same inputs, each invariant check
// catches what it is for, and the minimizer shrinks an input to what still fails.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { makeCase, minimizeText } from './engine.ts';
import { MUTATIONS, mutate, prng, type Seed } from './mutate.ts';
import { Probe } from './targets.ts';

const seeds: Seed[] = [
  { name: 'a.cluster', kind: 'cluster', text: 'cluster c {\n  config_version = 1\n  node n1 { nodeid = 1 }\n}\n' },
  { name: 'b.conf', kind: 'cluster-conf', text: '<cluster name="c" config_version="1">\n  <clusternodes/>\n</cluster>\n' },
];

test('the same seed makes the same cases; another seed other ones', () => {
  const a = Array.from({ length: 50 }, (_, i) => makeCase(7, i, seeds));
  const b = Array.from({ length: 50 }, (_, i) => makeCase(7, i, seeds));
  const c = Array.from({ length: 50 }, (_, i) => makeCase(8, i, seeds));
  assert.deepEqual(a.map((k) => [k.input.text, k.target, k.positions]), b.map((k) => [k.input.text, k.target, k.positions]));
  assert.notDeepEqual(a.map((k) => k.input.text), c.map((k) => k.input.text));
  assert.ok(a.some((k) => k.input.text !== k.seed.text), 'the inputs are mutated');
});

test('every mutation changes some input, and none grows one past the limit', () => {
  const r = prng(1);
  for (const [name, m] of Object.entries(MUTATIONS)) {
    let changed = 0;
    for (let i = 0; i < 40; i++) for (const s of seeds) if (m(s.text, r, s.kind, seeds) !== s.text) changed++;
    assert.ok(changed > 0, `${name} never changed an input`);
  }
  for (let i = 0; i < 200; i++) assert.ok(mutate(seeds[0]!, r, seeds).text.length <= 20_000);
});

test('the probe catches a throw, an internal diagnostic, a span outside the text and a range outside the document', () => {
  const p = new Probe('t', 1000);
  assert.equal(p.run('boom', () => { throw new TypeError('x is undefined'); }), undefined);
  p.diagnostics('d', [{ rule: 'lower/internal', severity: 'error', message: 'lowering failed', span: { start: 0, end: 0 } }], 5);
  p.diagnostics('d', [{ rule: 'type/x', severity: 'error', message: 'm', span: { start: 3, end: 6 } }], 5);
  p.diagnostics('ok', [{ rule: 'type/x', severity: 'error', message: 'm', span: { start: 5, end: 5 } }], 5);
  const doc = TextDocument.create('file:///x', 'quorate', 1, 'ab\ncd');
  p.lspRanges('r', { range: { start: { line: 1, character: 0 }, end: { line: 1, character: 3 } } }, doc, [2, 2]);
  p.lspRanges('r ok', [{ range: { start: { line: 0, character: 0 }, end: { line: 1, character: 2 } } }], doc, [2, 2]);
  assert.deepEqual(p.failures.map((f) => `${f.invariant} ${f.call}`), ['exception boom', 'internal d', 'span d', 'lsp-range r']);
});

test('the minimizer keeps only what the failure needs', async () => {
  const text = 'cluster c {\n  config_version = 1\n  totem { token = 10s }\n  node n1 { nodeid = 1 }\n}\n';
  const small = await minimizeText(text, 'cluster', (t) => t.includes('token') && t.includes('nodeid'), 10_000);
  assert.ok(small.length < text.length / 3, `not minimized: ${JSON.stringify(small)}`);
  assert.ok(small.includes('token') && small.includes('nodeid'));
});
