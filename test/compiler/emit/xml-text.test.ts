// What cman reads is exactly what the admin wrote: every value is escaped so that the real XML
// parser (xmllint, libxml2 as cman uses it) reads it back unchanged — entity-shaped text, `<>"'`,
// newlines, tabs and carriage returns in attributes — and a character XML 1.0 cannot carry is
// refused at its string instead of making cluster.conf not well-formed.

import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileText, importClusterConf } from '../../../compiler/api.ts';
import { emitClusterConf } from '../../../compiler/emit/cluster-conf.ts';
import { element, setAttribute } from '../../../compiler/model/conf.ts';
import { requireTool, tempDir } from '../../helpers.ts';

/** What libxml2 reads at `xpath` in `xml` (xmllint prints one newline after the string). */
function xmllintRead(xml: string, xpath: string): string {
  const file = join(tempDir(), 'cluster.conf');
  writeFileSync(file, xml);
  const wellFormed = spawnSync('xmllint', ['--noout', file], { encoding: 'utf8' });
  assert.equal(wellFormed.status, 0, `xmllint: ${wellFormed.stderr}`);
  assert.equal(wellFormed.stderr, '');
  const r = spawnSync('xmllint', ['--xpath', `string(${xpath})`, file], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.replace(/\n$/, '');
}

const TRICKY = ['p&amp;ss&#33;', '&lt;b&gt; & &#x41; &', 'a<b>c"d\'e', 'line1\nline2', 'tab\there', 'cr\rhere', 'crlf\r\nhere', '  two  spaces  ', 'ü € 😀'];

test('the emitter writes attribute values and text so that libxml2 reads them back exactly', (t: TestContext) => {
  if (!requireTool(t, 'xmllint', 'libxml2-utils')) return;
  for (const value of TRICKY) {
    const root = element('cluster');
    setAttribute(root, 'name', 'c');
    setAttribute(root, 'v', value);
    const ev = element('event');
    ev.text = value;
    root.children.push(ev);
    const xml = emitClusterConf(root);
    assert.equal(xmllintRead(xml, '/cluster/@v'), value, `attribute ${JSON.stringify(value)} in ${xml}`);
    if (value.trim() !== '') assert.equal(xmllintRead(xml, '/cluster/event'), value, `text ${JSON.stringify(value)} in ${xml}`);
  }
});

test('entity-shaped text and the string escapes of a .cluster reach cluster.conf as written', (t: TestContext) => {
  if (!requireTool(t, 'xmllint', 'libxml2-utils')) return;
  const src = `cluster c {
  config_version = 1
  fence_device pdu : fence_apc { ipaddr = "10.0.0.9"; login = "a\\tb\\nc\\rd\\\\e\\"f"; passwd = "p&amp;ss&#33;" }
  node n1 { id = 1; fence { method m { device pdu { port = "1" } } } }
  node n2 { id = 2; fence { method m { device pdu { port = "2" } } } }
}
`;
  const r = compileText(src);
  assert.deepEqual(r.diagnostics.filter((d) => d.severity === 'error'), []);
  const xml = r.outputs[0]!.text;
  assert.match(xml, /passwd="p&amp;amp;ss&amp;#33;"/);
  assert.equal(xmllintRead(xml, '//fencedevice/@passwd'), 'p&amp;ss&#33;');
  assert.equal(xmllintRead(xml, '//fencedevice/@login'), 'a\tb\nc\rd\\e"f');
});

test('importing keeps character references in attributes (&#10; is a newline, not a space) and compiles back to the same value', (t: TestContext) => {
  if (!requireTool(t, 'xmllint', 'libxml2-utils')) return;
  const conf = `<?xml version="1.0"?>
<cluster config_version="1" name="c">
  <clusternodes>
    <clusternode name="n1" nodeid="1"/>
    <clusternode name="n2" nodeid="2"/>
  </clusternodes>
  <cman expected_votes="1" two_node="1"/>
  <fencedevices>
    <fencedevice agent="fence_apc" ipaddr="10.0.0.9" login="a&#10;b&#9;c&#13;d" name="pdu" passwd="p&amp;amp;ss&amp;#33;"/>
  </fencedevices>
</cluster>
`;
  const expected = xmllintRead(conf, '//fencedevice/@login');
  assert.equal(expected, 'a\nb\tc\rd');
  const imported = importClusterConf(conf);
  assert.deepEqual(imported.diagnostics.filter((d) => d.severity === 'error'), []);
  assert.match(imported.source!, /login = "a\\nb\\tc\\rd"/);
  assert.match(imported.source!, /passwd = "p&amp;ss&#33;"/);
  const back = compileText(imported.source!);
  assert.equal(xmllintRead(back.outputs[0]!.text, '//fencedevice/@login'), 'a\nb\tc\rd');
  assert.equal(xmllintRead(back.outputs[0]!.text, '//fencedevice/@passwd'), 'p&amp;ss&#33;');
});

test('a character XML 1.0 cannot carry is a type/xml-character error at its string, and nothing is written', () => {
  for (const ch of ['\u0001', '\u0008', '\u000b', '\u001f', '\ufffe', '\uffff', '\ud800', '\udfff']) {
    const src = `cluster c {\n  config_version = 1\n  node n1 = "n1${ch}.example.com" { id = 1 }\n  node n2 { id = 2 }\n  raw { alias = "x${ch}" }\n}\n`;
    const r = compileText(src);
    const bad = r.diagnostics.filter((d) => d.rule === 'type/xml-character');
    const code = 'U+' + ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
    assert.deepEqual(bad.map((d) => src.slice(d.span.start, d.span.end)).sort(), [`"n1${ch}.example.com"`, `"x${ch}"`].sort(), code);
    assert.ok(bad.every((d) => d.severity === 'error' && d.message.includes(code)), code);
    assert.equal(r.outputs.length, 0, `${code}: nothing is written`);
  }
});

test('tab, newline, carriage return and characters beyond the BMP are no xml-character error', () => {
  // In a raw attribute the schema takes any text in (logging's logfile), so that no error at all is expected.
  const r = compileText('cluster c {\n  config_version = 1\n  node n1 { id = 1 }\n  node n2 { id = 2 }\n  logging { raw { logfile = "a\\tb\\nc\\rd 😀 \ud7ff \ue000 \ufffd" } }\n}\n');
  assert.deepEqual(r.diagnostics.filter((d) => d.severity === 'error'), []);
});
