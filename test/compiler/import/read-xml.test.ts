// The positional XML reader: spans on elements, names and attribute values; comments kept;
// malformed XML gives positioned diagnostics and never throws.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MAX_DEPTH, readClusterConf } from '../../../compiler/import/read-xml.ts';
import { LineIndex } from '../../../compiler/text/line-index.ts';
import { requireShared } from '../../helpers.ts';

const sample = `<?xml version="1.0"?>
<!-- the lab cluster -->
<cluster name="lab" config_version="3">
  <clusternodes>
    <clusternode name="n1" nodeid="1"/>
    <clusternode
        name='n2' nodeid="2"/>
    <!-- trailing -->
  </clusternodes>
  <rm><service name="a &amp; b" autostart="yes"/></rm>
</cluster>
`;

test('elements, names and attribute values keep their line:column', () => {
  const { root, diagnostics } = readClusterConf(sample);
  assert.deepEqual(diagnostics, []);
  assert.ok(root);
  const idx = new LineIndex(sample);
  assert.equal(root.tag, 'cluster');
  assert.deepEqual(root.comments, ['the lab cluster']);
  assert.deepEqual(idx.position(root.span!.start), { line: 3, column: 1 });
  const nodes = root.children[0];
  assert.deepEqual(nodes.trailingComments, ['trailing']);
  const n2 = nodes.children[1];
  assert.equal(n2.attributes[0].value, 'n2');
  assert.deepEqual(idx.position(n2.attributes[0].span!.start), { line: 7, column: 15 });
  assert.deepEqual(idx.position(n2.attributes[0].nameSpan!.start), { line: 7, column: 9 });
  assert.deepEqual(idx.position(n2.nameSpan!.start), { line: 6, column: 6 });
  const svc = root.children[1].children[0];
  assert.equal(svc.attributes[0].value, 'a & b');
  const autostart = svc.attributes[1];
  assert.equal(sample.slice(autostart.span!.start, autostart.span!.end), 'yes');
  assert.deepEqual(idx.position(autostart.span!.start), { line: 10, column: 44 });
});

test('malformed XML gives positioned xml/malformed errors and a best-effort tree', () => {
  const cases: Array<[string, string, RegExp]> = [
    ['<cluster><a x="1" x="2"/></cluster>', 'x="2"', /written twice/],
    ['<cluster><a></b></cluster>', '</b>', /does not match/],
    ['<cluster>', 'cluster', /never closed/],
    ['<cluster a=1/>', '1', /must be quoted/],
    ['<cluster a="&foo;"/>', '&foo;', /unknown entity/],
    ['<cluster/> junk', 'junk', /after the root/],
    ['<cluster><!-- a -- b --></cluster>', '--', /not allowed inside an XML comment/],
    ['', '', /no root element/],
    ['<cluster a="x" <b/></cluster>', 'cluster', /not ended/],
  ];
  for (const [text, at, message] of cases) {
    const r = readClusterConf(text);
    const d = r.diagnostics.find((x) => message.test(x.message));
    assert.ok(d, `${text}: expected ${message}, got ${JSON.stringify(r.diagnostics)}`);
    assert.equal(d.rule, 'xml/malformed');
    assert.equal(d.severity, 'error');
    assert.equal(d.span.start, text.indexOf(at, at.startsWith('-') ? text.indexOf('a') : 0) === -1 ? 0 : d.span.start);
    assert.ok(text.slice(d.span.start).startsWith(at.replace(/=.*/, '')), `${text}: span at ${d.span.start} should point at ${at}`);
  }
});

test('arbitrary garbage never throws', () => {
  const chars = '<>/="\'&;!?-[] abc\n';
  let seed = 42;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  for (let k = 0; k < 2000; k++) {
    let s = '';
    for (let j = 0; j < 40; j++) s += chars[Math.floor(rnd() * chars.length)];
    const r = readClusterConf(s);
    for (const d of r.diagnostics) assert.ok(d.span.start >= 0 && d.span.end <= s.length && d.span.start <= d.span.end, `${JSON.stringify(s)} ${JSON.stringify(d)}`);
  }
  // Deep nesting needs no recursion; what is nested deeper than MAX_DEPTH is read but kept out of
  // the model, so no later phase walks more than MAX_DEPTH levels.
  const deep = '<a>'.repeat(100000) + '</a>'.repeat(100000);
  const read = readClusterConf(deep);
  assert.deepEqual(read.diagnostics.map((d) => [d.rule, d.span.start]), [['xml/too-deep', (MAX_DEPTH + 1) * 3 + 1]]);
  let levels = 0;
  for (let e = read.root; e; e = e.children[0]) levels++;
  assert.equal(levels, MAX_DEPTH + 1);
});

test('every corpus, schema-check and rg_test file reads without malformed-XML errors', (t) => {
  const shared = requireShared(t);
  if (!shared) return;
  const dirs = ['corpus/cluster.conf', 'reference/schema-checks/valid', 'reference/schema-checks/invalid', 'reference/rg_test-samples'];
  let count = 0;
  for (const d of dirs)
    for (const f of readdirSync(join(shared, d)).filter((x) => x.endsWith('.conf'))) {
      const r = readClusterConf(readFileSync(join(shared, d, f), 'utf8'));
      assert.deepEqual(r.diagnostics, [], `${d}/${f}`);
      assert.equal(r.root?.tag, 'cluster', `${d}/${f}`);
      count++;
    }
  assert.ok(count > 40);
});

test('names are read exactly however many share a length and first letter; values decode the same either way', () => {
  // More than the reader keeps per (length, first letter) bucket of names it has seen.
  const names = Array.from({ length: 40 }, (_, k) => `a${String(k).padStart(2, '0')}`);
  const attrs = names.map((n, k) => `${n}="v${k}"`).join(' ');
  const text = `<cluster name="c" config_version="1">\n  <x ${attrs}/>\n  <y ${attrs}/>\n  <z plain="one two" tab="a\tb" amp="x&amp;y" nl="p\nq"/>\n</cluster>\n`;
  const r = readClusterConf(text);
  assert.deepEqual(r.diagnostics, []);
  for (const e of r.root!.children.slice(0, 2)) {
    assert.deepEqual(e.attributes.map((a) => a.name), names);
    assert.deepEqual(e.attributes.map((a) => a.value), names.map((_, k) => `v${k}`));
    for (const a of e.attributes) assert.equal(text.slice(a.nameSpan!.start, a.nameSpan!.end), a.name);
  }
  const z = r.root!.children[2]!;
  assert.deepEqual(z.attributes.map((a) => [a.name, a.value]), [['plain', 'one two'], ['tab', 'a b'], ['amp', 'x&y'], ['nl', 'p q']]);
  assert.deepEqual(z.attributes.map((a) => text.slice(a.span!.start, a.span!.end)), ['one two', 'a\tb', 'x&amp;y', 'p\nq']);
});

test('namespace errors libxml2 reports are xml/malformed errors at the name: an empty prefix or local part, an undeclared prefix', () => {
  const at = (text: string) => readClusterConf(text).diagnostics.map((d) => `${d.rule}@${text.slice(d.span.start, d.span.end)}`);
  assert.deepEqual(at('<cluster><m:/></cluster>'), ['xml/malformed@m:']);
  assert.deepEqual(at('<cluster><:x/></cluster>'), ['xml/malformed@:x']);
  assert.deepEqual(at('<cluster><m:x/></cluster>'), ['xml/malformed@m:x']);
  assert.deepEqual(at('<cluster><x a:b="1"/></cluster>'), ['xml/malformed@a:b']);
  assert.deepEqual(at('<cluster xmlns:m="urn:m"><y><m:x m:a="1"/></y></cluster>'), [], 'declared around it');
  assert.deepEqual(at('<cluster><m:x xmlns:m="urn:m"/><x xml:lang="en"/></cluster>'), [], 'declared on it; xml: is predefined');
});

test('attribute values are normalised as XML does: literal tabs and line breaks are spaces, character references keep their character', () => {
  const { root, diagnostics } = readClusterConf('<cluster a="x&#10;y&#9;z&#13;" b="x\ny\tz\r\nw\rv" c="p&amp;amp;ss&amp;#33;"><e>t\r\nu\rv&#13;</e></cluster>');
  assert.deepEqual(diagnostics, []);
  assert.equal(root!.attributes[0]!.value, 'x\ny\tz\r');
  assert.equal(root!.attributes[1]!.value, 'x y z w v');
  assert.equal(root!.attributes[2]!.value, 'p&amp;ss&#33;');
  assert.equal(root!.children[0]!.text, 't\nu\nv\r');
});
