// Importing a fence_virt.conf into a fence_virtd { } block: the source it writes is read back by
// the language's own lexer, so a value must be quoted with the language's escapes (not JSON's).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileText, importFenceVirtConf } from '../../../compiler/api.ts';

test('a control character in a fence_virt.conf value imports as source that compiles back to the same file (the fuzzer\'s reproducer)', () => {
  const fv = 'fence_virtd {\n\tlistener = "multicast";\n\tbackend = "libvirt";\n}\n\nlisteners {\n\tmulticast {\n\t\tinterface = "\u001c";\n\t}\n}\n\nbackends {\n\tlibvirt {\n\t\turi = "s";\n\t}\n}\n';
  const imported = importFenceVirtConf(fv);
  assert.ok(imported.source);
  assert.doesNotMatch(imported.source!, /\\u001c/);
  const again = compileText(`${imported.source}cluster c {\n  config_version = 1\n  node n1 { id = 1 }\n}\n`);
  assert.deepEqual(again.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message), []);
  assert.equal(again.outputs.find((o) => o.name === 'fence_virt.conf')?.text.includes('interface = "\u001c";'), true);
});
