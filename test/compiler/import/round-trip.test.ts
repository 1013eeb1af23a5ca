// compile(import(x)) is x: for every schema-valid corpus file, every rg_test sample (partial
// files holding only <rm>, which the schema rejects: compile refuses them and the model it would
// write is compared) and every compiled example. Both sides are canonicalised (attribute
// order, layout and comments aside; the children of <cluster> and <rm> are an interleave, so
// their order is free; everywhere else element order counts; an agent-read boolean compares by
// what the agent reads, so monitor_link="yes" written back as "1" is the same) and must be
// identical. And every
// corpus file, valid or not, imports without a crash with each raw construct reported.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileText } from '../../../compiler/api.ts';
import { canonical } from '../../../compiler/import/canonical.ts';
import { meaningIn } from '../../../compiler/import/meaning.ts';
import { readClusterConf } from '../../../compiler/import/read-xml.ts';
import { validateSchema } from '../../../compiler/import/schema.ts';
import { emitClusterConf } from '../../../compiler/emit/cluster-conf.ts';
import { importClusterConf } from '../../../compiler/api.ts';
import { parse } from '../../../grammar/parser.ts';
import type { Entry } from '../../../grammar/syntax.ts';
import { repoRoot, requireShared, requireTool } from '../../helpers.ts';

/**
 * A file the schema rejects (a partial rg_test sample, vendor elements) imports all the same, but
 * compile refuses the source (`compile/schema-rejected`, and nothing else) and writes nothing; the
 * model it would have written must still be the file. A file the schema accepts compiles.
 */
function roundTrip(text: string, label: string): void {
  const imported = importClusterConf(text);
  assert.ok(imported.source, `${label}: no source`);
  const compiled = compileText(imported.source);
  const errors = compiled.diagnostics.filter((d) => d.severity === 'error');
  assert.deepEqual(errors.filter((d) => d.rule !== 'compile/schema-rejected').map((d) => d.message), [], `${label}: the imported source does not compile:\n${imported.source}`);
  const inputRejected = validateSchema(readClusterConf(text).root!, { everything: true }).length > 0;
  assert.equal(errors.length > 0, inputRejected, `${label}: compile refuses the imported source exactly when the schema rejects the input: ${errors.map((d) => d.message).join('; ')}`);
  assert.equal(compiled.outputs.length, inputRejected ? 0 : 1, `${label}: what compile writes`);
  const back = inputRejected ? emitClusterConf(compiled.analysis!.cluster!) : compiled.outputs[0]!.text;
  const x = readClusterConf(text).root!;
  const y = readClusterConf(back).root!;
  const a = canonical(x, meaningIn(x));
  const b = canonical(y, meaningIn(y));
  if (a !== b) assert.fail(`${label}: compile(import(x)) differs from x\n--- source:\n${imported.source}\n--- x:\n${a}\n--- compile(import(x)):\n${b}`);
}

const list = (dir: string, ext: string) => readdirSync(dir).filter((f) => f.endsWith(ext)).sort().map((f) => join(dir, f));

test('round trip: every schema-valid corpus and schema-check file', (t) => {
  const shared = requireShared(t);
  if (!shared || !requireTool(t, 'xmllint', 'libxml2-utils')) return;
  const rng = join(shared, 'reference', 'cluster.rng');
  const files = [...list(join(shared, 'corpus', 'cluster.conf'), '.conf'), ...list(join(shared, 'reference', 'schema-checks', 'valid'), '.conf')];
  let valid = 0;
  for (const f of files) {
    if (spawnSync('xmllint', ['--noout', '--relaxng', rng, f]).status !== 0) continue;
    valid++;
    roundTrip(readFileSync(f, 'utf8'), f);
  }
  assert.ok(valid >= 15, `only ${valid} schema-valid files`);
});

test('round trip: every rg_test sample (partial files with only <rm>)', (t) => {
  const shared = requireShared(t);
  if (!shared) return;
  const files = list(join(shared, 'reference', 'rg_test-samples'), '.conf');
  assert.ok(files.length >= 10);
  for (const f of files) roundTrip(readFileSync(f, 'utf8'), f);
});

test('round trip: every compiled example', () => {
  const files = list(join(repoRoot, 'test', 'golden', 'examples'), '.cluster.conf');
  assert.ok(files.length >= 10);
  for (const f of files) roundTrip(readFileSync(f, 'utf8'), f);
});

test('compiled examples import natively: no escape hatch needed', () => {
  for (const f of list(join(repoRoot, 'test', 'golden', 'examples'), '.cluster.conf')) {
    const r = importClusterConf(readFileSync(f, 'utf8'));
    assert.deepEqual(r.diagnostics.filter((d) => d.rule.startsWith('import/')).map((d) => d.message), [], f);
    assert.doesNotMatch(r.source!, /\bxml = |\braw \{/, f);
  }
});

/** Top-level `xml` entries (not nested in another) and the attributes of `raw { }` blocks. */
function rawUses(entries: readonly Entry[], out = { elements: 0, attributes: 0 }) {
  for (const e of entries) {
    if (e.kind.text === 'xml') out.elements++;
    else if (e.kind.text === 'raw') out.attributes += e.body?.entries.length ?? 0;
    else if (e.body) rawUses(e.body.entries, out);
  }
  return out;
}

test('every corpus file, valid or not, imports; each raw construct is reported at its XML position', (t) => {
  const shared = requireShared(t);
  if (!shared) return;
  const files = [
    ...list(join(shared, 'corpus', 'cluster.conf'), '.conf'),
    ...list(join(shared, 'reference', 'schema-checks', 'valid'), '.conf'),
    ...list(join(shared, 'reference', 'schema-checks', 'invalid'), '.conf'),
    ...list(join(shared, 'reference', 'rg_test-samples'), '.conf'),
  ];
  let reported = 0;
  for (const f of files) {
    const text = readFileSync(f, 'utf8');
    const r = importClusterConf(text);
    assert.ok(r.source, f);
    const parsed = parse(r.source);
    assert.deepEqual(parsed.diagnostics, [], `${f}: the imported source does not parse`);
    const uses = rawUses(parsed.file.entries);
    const elements = r.diagnostics.filter((d) => d.rule === 'import/raw-element');
    const attributes = r.diagnostics.filter((d) => d.rule === 'import/raw-attribute');
    assert.equal(elements.length, uses.elements, `${f}: each raw element is reported once`);
    assert.equal(attributes.length, uses.attributes, `${f}: each raw attribute is reported once`);
    for (const d of elements) {
      const tag = /^<([^>\s]+)>/.exec(d.message)![1];
      assert.equal(text.slice(d.span.start, d.span.end), tag, `${f}: ${d.message} points at the element name`);
    }
    for (const d of attributes) {
      const name = /^([A-Za-z_][\w.-]*)=/.exec(d.message)?.[1];
      if (name) assert.equal(text.slice(d.span.start, d.span.end), name, `${f}: ${d.message} points at the attribute name`);
    }
    reported += elements.length + attributes.length;
  }
  assert.ok(reported > 50);
});

test('bad input imports without an exception', () => {
  for (const text of ['', 'garbage', '<cluster', '<rm/>', '<cluster><clusternodes><clusternode/></clusternodes></cluster>', '<cluster name="x" config_version="1"><rm><service><fs ref="nope"/></service></rm></cluster>']) {
    const r = importClusterConf(text);
    assert.ok(Array.isArray(r.diagnostics));
  }
});

test('truncated and deeply nested files import without an exception', (t) => {
  const deep = '<cluster name="c" config_version="1"><rm>' + '<service name="s">'.repeat(5000) + '</service>'.repeat(5000) + '</rm></cluster>';
  assert.ok(Array.isArray(importClusterConf(deep).diagnostics));
  const shared = requireShared(t);
  if (!shared) return;
  const text = readFileSync(join(shared, 'corpus', 'cluster.conf', '049.conf'), 'utf8');
  for (let cut = 0; cut < text.length; cut += 97) {
    const r = importClusterConf(text.slice(0, cut));
    if (r.source) assert.deepEqual(parse(r.source).diagnostics, [], `cut at ${cut}: the source parses`);
  }
});

test('round trip: a file full of what the language cannot say (vendor elements everywhere, odd values, escapes)', () => {
  const nasty = `<?xml version="1.0"?>
<!-- top -->
<cluster name="odd &amp; long cluster name" config_version="0042" alias="x">
  <cman port="5405" two_node="yes"><multicast addr="239.1.1.1" vendor="&quot;q&quot;"/><vendor_ext a="1"/></cman>
  <totem token="10001" secauth="off" weird="&lt;&gt;"/>
  <logging><logging_daemon name="qdiskd" debug="on"/><logging_daemon name="custom" debug="on"/></logging>
  <clusternodes vendor="1">
    <!-- node comment -->
    <clusternode name="1node" nodeid="1" votes="1" extra="y">
      <altname name="1node-b"/>
      <fence><method name="first one"><device name="fd-1" port="1" unknown="u"/><device name="custom" x="1"/></method></fence>
      <unfence><device name="fd-1" action="on"/></unfence>
      <vendor/>
    </clusternode>
    <clusternode name="n2.example.com" nodeid="2"/>
    <clusternode name="n3.example.com" nodeid="3"/>
  </clusternodes>
  <fencedevices>
    <fencedevice name="fd-1" agent="fence_ipmilan" ipaddr="10.0.0.1" lanplus="yes" passwd="p&amp;w"/>
    <fencedevice name="custom" agent="fence_custom_vendor"/>
  </fencedevices>
  <rm log_level="7">
    <failoverdomains>
      <failoverdomain name="d 1" ordered="1"><failoverdomainnode name="1node" priority="1"/></failoverdomain>
      <failoverdomain name="d2" ordered="1" vendor="v"><failoverdomainnode name="n2.example.com" priority="01"/></failoverdomain>
    </failoverdomains>
    <resources>
      <ip address="10.0.0.10" monitor_link="yes"/>
      <fs name="data fs" device="/dev/x" mountpoint="/x" fstype="ext4"><fs name="nested" device="/dev/y" mountpoint="/y"/></fs>
      <script name="s1" file="/etc/init.d/s1"/>
      <acme name="a1"/>
    </resources>
    <service name="svc one" domain="d2" autostart="yes" recovery="bogus">
      <ip ref="10.0.0.10" __independent_subtree="2" __max_restarts="03"/>
      <fs ref="data fs"><script ref="s1" extra="1"/></fs>
      <acme ref="a1"/>
      <action name="status" interval="1m" depth="*"/>
    </service>
    <vm name="guest" domain="d 1" depend="service:svc one" migrate="pause"/>
    <events><event name="e1">text &amp; more</event></events>
  </rm>
  <gulm><lockserver name="x"/></gulm>
</cluster>
`;
  roundTrip(nasty, 'nasty');
  const r = importClusterConf(nasty);
  assert.ok(r.diagnostics.filter((d) => d.rule.startsWith('import/')).length >= 15);
});
