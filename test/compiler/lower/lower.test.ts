// What the language means: typed values, derived settings and names, checked on the model and
// on the emitted XML through the public API.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, compileText } from '../../../compiler/api.ts';
import { attr, child, children } from '../../../compiler/model/conf.ts';

const twoNodes = 'node a = "a.example.com" { id = 1 }\n  node b = "b.example.com" { id = 2 }';

function model(body: string) {
  const a = analyze(`cluster c {\n  config_version = 7\n  ${body}\n}\n`);
  assert.deepEqual(a.diagnostics.filter((d) => d.severity === 'error'), []);
  return a.cluster!;
}

test('two one-vote nodes and no quorum disk: two_node=1 and expected_votes=1 are derived', () => {
  const cman = child(model(twoNodes), 'cman')!;
  assert.equal(attr(cman, 'two_node'), '1');
  assert.equal(attr(cman, 'expected_votes'), '1');
});

test('three nodes: nothing is derived (cman sums the votes itself)', () => {
  assert.equal(child(model(`${twoNodes}\n  node c3 = "c.example.com" { id = 3 }`), 'cman'), undefined);
});

test('a quorum disk: no two_node, expected_votes = node votes + qdisk votes', () => {
  const auto = child(model(`${twoNodes}\n  totem { token = 33s }\n  quorumd { label = "q" }`), 'cman')!;
  assert.equal(attr(auto, 'two_node'), undefined);
  assert.equal(attr(auto, 'expected_votes'), '3'); // 2 nodes + auto votes (nodes − 1)
  const explicit = child(model(`${twoNodes}\n  totem { token = 33s }\n  quorumd { label = "q"; votes = 3 }`), 'cman')!;
  assert.equal(attr(explicit, 'expected_votes'), '5');
});

test('what the admin writes wins over derivation', () => {
  const cman = child(model(`${twoNodes}\n  cman { two_node = false; expected_votes = 2 }`), 'cman')!;
  assert.equal(attr(cman, 'two_node'), '0');
  assert.equal(attr(cman, 'expected_votes'), '2');
});

test('two_node written as cman reads it (atoi, so "2" is on): expected_votes=1 is derived beside it', () => {
  const cman = child(model(`${twoNodes}\n  cman { raw { two_node = "2" } }`), 'cman')!;
  assert.equal(attr(cman, 'two_node'), '2');
  assert.equal(attr(cman, 'expected_votes'), '1');
});

test('a quorum disk and no nodes yet: no expected_votes="0" is derived (the fuzzer\'s reproducer)', () => {
  const a = analyze('cluster c{config_version=1 quorumd{label=""}}');
  const cman = a.cluster && child(a.cluster, 'cman');
  assert.equal(cman && attr(cman, 'expected_votes'), undefined);
});

test('durations are converted to each attribute\'s unit', () => {
  const m = model(`${twoNodes}\n  totem { token = 1m30s; join = 100ms }\n  fence_daemon { post_join_delay = 2m }`);
  assert.equal(attr(child(m, 'totem')!, 'token'), '90000');
  assert.equal(attr(child(m, 'totem')!, 'join'), '100');
  assert.equal(attr(child(m, 'fence_daemon')!, 'post_join_delay'), '120');
});

test('booleans come out as each attribute expects: 1/0 for rgmanager, yes/no and on/off for logging', () => {
  const m = model(`${twoNodes}\n  logging { to_syslog = false; debug = true }\n  service s { autostart = false; exclusive = true }`);
  const logging = child(m, 'logging')!;
  assert.equal(attr(logging, 'to_syslog'), 'no');
  assert.equal(attr(logging, 'debug'), 'on');
  const s = children(child(m, 'rm')!, 'service')[0];
  assert.equal(attr(s, 'autostart'), '0');
  assert.equal(attr(s, 'exclusive'), '1');
});

test('`use` emits ref= with the agent\'s primary attribute: an ip by its address, an fs by its name', () => {
  const m = model(`${twoNodes}\n  resources {\n    ip vip { address = "10.0.0.5/24" }\n    fs data { device = "/dev/sdb1"; mountpoint = "/d"; fstype = "ext4" }\n  }\n  service s { use data { use vip } }`);
  const s = children(child(m, 'rm')!, 'service')[0];
  assert.equal(s.children[0].tag, 'fs');
  assert.equal(attr(s.children[0], 'ref'), 'data');
  assert.equal(s.children[0].children[0].tag, 'ip');
  assert.equal(attr(s.children[0].children[0], 'ref'), '10.0.0.5/24');
});

test('failover domain members carry the nodes\' host names and priorities', () => {
  const m = model(`${twoNodes}\n  failover_domain d { ordered = true; members = [b: 1, a: 2] }`);
  const d = children(child(child(m, 'rm')!, 'failoverdomains')!, 'failoverdomain')[0];
  assert.deepEqual(d.children.map((n) => [attr(n, 'name'), attr(n, 'priority')]), [['b.example.com', '1'], ['a.example.com', '2']]);
});

test('config_version, cluster_id and the multicast address are emitted exactly as written', () => {
  const r = compileText(`cluster c {\n  config_version = 1234\n  cman { cluster_id = 777; multicast { addr = "239.192.3.9" } }\n  ${twoNodes}\n}\n`);
  const xml = r.outputs[0].text;
  assert.match(xml, /<cluster config_version="1234" name="c">/);
  assert.match(xml, /<cman cluster_id="777" expected_votes="1" two_node="1">\n\s+<multicast addr="239.192.3.9"\/>/);
});

test('a node without a host name is named by its identifier', () => {
  const m = model('node n1.example.com { id = 1 }\n  node n2.example.com { id = 2 }');
  assert.deepEqual(children(child(m, 'clusternodes')!, 'clusternode').map((n) => attr(n, 'name')), ['n1.example.com', 'n2.example.com']);
});

test('symbols: declarations and every reference to them', () => {
  const a = analyze(`cluster c {\n  config_version = 1\n  fence_device xvm : fence_xvm { }\n  node a { id = 1; fence { method m { device xvm { port = "a" } } } }\n  node b { id = 2; fence { method m { device xvm { port = "b" } } } }\n}\n`);
  const xvm = a.symbols.symbols.find((s) => s.kind === 'fence_device' && s.name === 'xvm')!;
  assert.ok(xvm);
  assert.equal(a.symbols.references.filter((r) => r.target === xvm).length, 2);
});
