// Fence method names: `method NAME { }` writes NAME; `method NAME = "1" { }` writes the string,
// the way luci and system-config-cluster number methods. fenced tells a node's methods apart by
// that name only, so two with one name are an error, and it builds an XPath with it, so no `"`.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileText } from '../../../compiler/api.ts';

const cluster = (methods: string) => `cluster c {\n  config_version = 1\n  fence_device xvm : fence_xvm { }\n  node n1 { id = 1; fence { ${methods} } }\n  node n2 { id = 2; fence { method m1 { device xvm { port = "n2" } } } }\n}\n`;
const errors = (text: string) => compileText(text).diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.rule} ${text.slice(d.span.start, d.span.end)}`);

test('method m1 = "1" compiles to <method name="1">, in order, next to a method named by its identifier', () => {
  const r = compileText(cluster('method m1 = "1" { device xvm { port = "n1" } } method backup { device xvm { port = "n1b" } }'));
  assert.deepEqual(r.diagnostics.filter((d) => d.severity === 'error'), []);
  const xml = r.outputs[0]!.text;
  assert.match(xml, /<method name="1">\s*<device name="xvm" port="n1"\/>\s*<\/method>\s*<method name="backup">/);
  assert.doesNotMatch(xml.slice(0, xml.indexOf('name="n2"')), /name="m1"/, 'n1 has no method called m1');
});

test('two methods with one cluster.conf name are name/duplicate at the second name, whichever way each is written', () => {
  assert.deepEqual(errors(cluster('method a = "1" { device xvm { port = "n1" } } method b = "1" { device xvm { port = "n1" } }')), ['name/duplicate "1"']);
  assert.deepEqual(errors(cluster('method one { device xvm { port = "n1" } } method b = "one" { device xvm { port = "n1" } }')), ['name/duplicate "one"']);
  // The same source name twice is reported once, by the declaration.
  assert.deepEqual(errors(cluster('method a { device xvm { port = "n1" } } method a { device xvm { port = "n1" } }')), ['name/duplicate a']);
});

test('a method name that is not a string, or holds a ", is type/mismatch and nothing is written', () => {
  for (const [methods, at] of [['method a = 1 { device xvm { port = "n1" } }', '1'], ['method a = "x\\"y" { device xvm { port = "n1" } }', '"x\\"y"']] as const) {
    const text = cluster(methods);
    assert.deepEqual(errors(text), [`type/mismatch ${at}`], methods);
    assert.equal(compileText(text).outputs.length, 0);
  }
});
