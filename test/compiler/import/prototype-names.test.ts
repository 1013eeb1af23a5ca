// Names and entity references read from a cluster.conf or fence_virt.conf are never looked up in
// a plain object: `&toString;` is an unknown entity, `<constructor/>` an element like any other.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { importClusterConf } from '../../../compiler/api.ts';
import { readClusterConf } from '../../../compiler/import/read-xml.ts';
import { analyzeConf } from '../../../compiler/fence-virt/conf.ts';

const isInternal = (rule: string) => rule.endsWith('/internal') || rule.startsWith('internal/');

for (const name of ['toString', 'constructor', 'hasOwnProperty', '__proto__', 'valueOf']) {
  test(`&${name}; is an unknown entity reference, not a member of Object.prototype`, () => {
    const text = `<cluster name="c" config_version="1"><clusternodes><clusternode name="&${name};" nodeid="1"/></clusternodes></cluster>`;
    const r = readClusterConf(text);
    assert.deepEqual(r.diagnostics.map((d) => [d.rule, d.message]), [['xml/malformed', `unknown entity reference &${name};`]]);
    assert.doesNotMatch(JSON.stringify(r.root), /native code/);
  });

  test(`importing <${name}/> elements and ${name} attributes, or ${name} meta values, reports no internal error`, () => {
    const text = `<?xml version="1.0"?>
<cluster name="c" config_version="1" ${name}="x">
  <cman ${name}="y"><${name}/></cman>
  <clusternodes><clusternode name="n1" nodeid="1"/><clusternode name="n2" nodeid="2"/></clusternodes>
  <rm><resources><ip address="10.0.0.1"/></resources><service name="s"><ip ref="10.0.0.1" __independent_subtree="${name}"/></service></rm>
</cluster>
`;
    const r = importClusterConf(text);
    assert.deepEqual(r.diagnostics.filter((d) => isInternal(d.rule)), []);
    assert.ok(r.source, 'a .cluster source is written');
  });

  test(`fence_virt.conf: a listener or backend block named ${name} is unknown`, () => {
    const text = `fence_virtd { listener = "multicast"; backend = "libvirt"; }\nlisteners { ${name} { } multicast { } }\nbackends { ${name} { } libvirt { } }\n`;
    const r = analyzeConf(text);
    assert.deepEqual(r.diagnostics.filter((d) => isInternal(d.rule)), []);
    assert.equal(r.diagnostics.filter((d) => d.rule === 'fence-virt/unknown-key' && d.message.includes(`\`${name}\``)).length, 2, JSON.stringify(r.diagnostics));
  });
}
