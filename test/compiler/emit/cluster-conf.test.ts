// compiler/emit/cluster-conf.ts: model → cluster.conf bytes. Attributes in alphabetical order (as
// ccs writes them), elements in model order, escaping, comments, and the same bytes for the same
// model however its attributes were added.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { emitClusterConf } from '../../../compiler/emit/cluster-conf.ts';
import { type ConfElement, element, setAttribute } from '../../../compiler/model/conf.ts';

function el(tag: string, attrs: [string, string][], ...children: ConfElement[]): ConfElement {
  const e = element(tag);
  for (const [n, v] of attrs) setAttribute(e, n, v);
  e.children.push(...children);
  return e;
}

test('the XML header, two-space indentation, a final newline; empty elements self-close', () => {
  const model = el('cluster', [['name', 'c'], ['config_version', '1']], el('clusternodes', [], el('clusternode', [['name', 'a'], ['nodeid', '1']])), el('rm', []));
  assert.equal(
    emitClusterConf(model),
    '<?xml version="1.0"?>\n<cluster config_version="1" name="c">\n  <clusternodes>\n    <clusternode name="a" nodeid="1"/>\n  </clusternodes>\n  <rm/>\n</cluster>\n',
  );
});

test('attributes are written in alphabetical (code point) order, whatever the model order', () => {
  const out = emitClusterConf(el('cluster', [['name', 'c'], ['Zeta', '1'], ['config_version', '2'], ['_x', '3'], ['alpha', '4']]));
  assert.match(out, /<cluster Zeta="1" _x="3" alpha="4" config_version="2" name="c"\/>/);
});

test('elements keep the model order (lowering decides it, not the emitter)', () => {
  const out = emitClusterConf(el('rm', [], el('service', [['name', 'b']]), el('failoverdomains', []), el('service', [['name', 'a']])));
  const order = [...out.matchAll(/<(\w+)( name="(\w)")?/g)].map((m) => m[1] + (m[3] ?? ''));
  assert.deepEqual(order, ['rm', 'serviceb', 'failoverdomains', 'servicea']);
});

test('attribute values are escaped: & < > and " never break the XML', () => {
  const out = emitClusterConf(el('fencedevice', [['name', 'f'], ['passwd', `a&b<c>d"e'f`]]));
  assert.match(out, /<fencedevice name="f" passwd="a&amp;b&lt;c&gt;d&quot;e'f"\/>/);
});

test('comments come before their element; "--" inside one cannot end it early', () => {
  const node = el('clusternode', [['name', 'a']]);
  node.comments = ['the first node', 'a -- b'];
  const out = emitClusterConf(el('clusternodes', [], node));
  assert.match(out, /<clusternodes>\n {2}<!-- the first node -->\n {2}<!-- a - - b -->\n {2}<clusternode name="a"\/>/);
  assert.doesNotMatch(out.replace(/<!--|-->/g, ''), /--/);
});

test('the same model gives the same bytes, however and how often its attributes were set', () => {
  const a = el('cman', [['two_node', '1'], ['expected_votes', '1']]);
  const b = el('cman', [['expected_votes', '0'], ['two_node', '1']]);
  setAttribute(b, 'expected_votes', '1');
  const first = emitClusterConf(el('cluster', [['name', 'c']], a));
  assert.equal(emitClusterConf(el('cluster', [['name', 'c']], b)), first);
  assert.equal(emitClusterConf(el('cluster', [['name', 'c']], a)), first, 'emitting does not change the model');
});
