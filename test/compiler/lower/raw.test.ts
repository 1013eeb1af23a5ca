// The escape hatch: `xml = "…" { }` raw elements and `raw { }` raw attributes reach cluster.conf
// as written, in place, each use reported as a warning at its position. The rules do not look
// inside; the schema check of the compiled file does, so a vendor part the schema rejects is in
// the model (what compile would write) and compile refuses it (compile/schema-rejected).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileText, type CompileResult } from '../../../compiler/api.ts';
import { emitClusterConf } from '../../../compiler/emit/cluster-conf.ts';

/** The cluster.conf of the model when the only errors are the schema's verdict on raw parts (then compile writes nothing). */
function modelText(r: CompileResult): string {
  const errors = r.diagnostics.filter((d) => d.severity === 'error');
  assert.deepEqual(errors.filter((d) => d.rule !== 'compile/schema-rejected').map((d) => d.message), []);
  assert.equal(r.outputs.length, errors.length ? 0 : 1);
  return emitClusterConf(r.analysis!.cluster!);
}

const src = `cluster c {
  config_version = 2
  cman { raw { upgrading = "no" } xml = "vendor" { x = "1" } }
  raw { cman.two_node = absent; cman.expected_votes = absent; alias = "hello" }
  node n1 { id = 1 }
  xml = "clusternodes/clusternode" { name = "n2"; nodeid = "2"; xml = "fence" { } }
  xml = "rm/events" { xml = "event" { name = "e" } }
  xml = "gulm" { }
}
`;

test('raw elements and attributes are written as given, in source order within lists', () => {
  const r = compileText(src);
  const xml = modelText(r);
  assert.equal(r.outputs.length, 0, 'alias, upgrading, <vendor> and <gulm> are not in the schema');
  assert.match(xml, /<cluster alias="hello" config_version="2" name="c">/);
  assert.match(xml, /<clusternode name="n1" nodeid="1"\/>\n\s*<clusternode name="n2" nodeid="2">\n\s*<fence\/>/);
  assert.match(xml, /<cman upgrading="no">\n\s*<vendor x="1"\/>\n\s*<\/cman>/);
  assert.doesNotMatch(xml, /two_node|expected_votes/, 'absent takes back the derived two_node/expected_votes');
  assert.match(xml, /<rm>\n\s*<events>\n\s*<event name="e"\/>/);
  assert.match(xml, /<gulm\/>/);
});

test('every use of the escape hatch is a warning at its keyword', () => {
  const r = compileText(src);
  const raw = r.diagnostics.filter((d) => d.rule.startsWith('raw/'));
  assert.ok(raw.every((d) => d.severity === 'warning'));
  const at = raw.map((d) => `${d.rule}@${src.slice(d.span.start, d.span.end)}:${src.slice(0, d.span.start).split('\n').length}`);
  assert.deepEqual(at, [
    'raw/attribute@upgrading:3',
    'raw/xml-element@xml:3',
    'raw/attribute@cman.two_node:4',
    'raw/attribute@cman.expected_votes:4',
    'raw/attribute@alias:4',
    'raw/xml-element@xml:6',
    'raw/xml-element@xml:7',
    'raw/xml-element@xml:8',
  ]);
});

test('a partial cluster.conf: name and config_version can be left out explicitly', () => {
  const r = compileText('cluster sample {\n  raw { name = absent; config_version = absent; clusternodes = absent }\n  service s { }\n}\n');
  // What rg_test reads; the schema rejects a cluster.conf without these, so compile writes nothing.
  assert.equal(modelText(r), '<?xml version="1.0"?>\n<cluster>\n  <rm>\n    <service name="s"/>\n  </rm>\n</cluster>\n');
  assert.equal(r.outputs.length, 0, JSON.stringify(r.diagnostics));
});

test('malformed raw constructs are errors, not crashes', () => {
  for (const bad of ['xml "x" { }', 'xml = 1 { }', 'xml = "a b" { }', 'raw = "x"', 'raw { a { } }', 'raw { a = [1] }', 'cman { xml = "a/b" { } }']) {
    const r = compileText(`cluster c {\n  config_version = 1\n  ${bad}\n}\n`);
    assert.ok(r.diagnostics.some((d) => d.severity === 'error'), bad);
  }
});

test('a raw element name the emitter cannot write or libxml2 would not read is an error at its string, never an internal one', () => {
  for (const name of ['m:', 'm:x', ':x', 'rm/m:x', 'a b', '1x', '', 'rm//x', 'é']) {
    const text = `cluster c {\n  config_version = 1\n  node n1 { id = 1 }\n  node n2 { id = 2 }\n  xml = "${name}" { }\n}\n`;
    const r = compileText(text);
    assert.deepEqual(r.diagnostics.filter((d) => d.rule.endsWith('/internal')), [], name);
    const bad = r.diagnostics.filter((d) => d.rule === 'structure/raw-element');
    assert.equal(bad.length, 1, `${name}: ${JSON.stringify(r.diagnostics)}`);
    assert.equal(text.slice(bad[0]!.span.start, bad[0]!.span.end), `"${name}"`);
    if (name.includes(':')) assert.match(bad[0]!.message, /namespace/);
    assert.equal(r.outputs.length, 0);
  }
  const inBlock = compileText('cluster c {\n  config_version = 1\n  node n1 { id = 1 }\n  node n2 { id = 2 }\n  cman { xml = "m:x" { } }\n}\n');
  assert.deepEqual(inBlock.diagnostics.filter((d) => d.severity === 'error').map((d) => d.rule), ['structure/raw-element']);
});

test('xmlns is refused as a raw attribute: it would move cluster.conf out of the namespace cman reads', () => {
  const text = 'cluster c {\n  config_version = 1\n  node n1 { id = 1 }\n  node n2 { id = 2 }\n  raw { xmlns = "urn:x" }\n  xml = "vendor" { xmlns = "urn:y" }\n}\n';
  const r = compileText(text);
  assert.deepEqual(r.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.rule}@${text.slice(d.span.start, d.span.end)}`), ['structure/raw-attributes@xmlns', 'compile/schema-rejected@"vendor"', 'structure/raw-element@xmlns']);
});

test('raw element names with dots, dashes and underscores are written as given', () => {
  const r = compileText('cluster c {\n  config_version = 1\n  node n1 { id = 1 }\n  node n2 { id = 2 }\n  xml = "_vendor.x-1" { a.b-c_d = "1" }\n}\n');
  assert.match(modelText(r), /<_vendor\.x-1 a\.b-c_d="1"\/>/);
});
