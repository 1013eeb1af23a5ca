// Quick fixes carried by rule diagnostics do what they say: applied to the text, the finding is
// gone and the file still checks — in .cluster sources and in raw cluster.conf alike.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Diagnostic, Fix } from '../../../compiler/diagnostics.ts';
import { lintSource } from '../../../compiler/lint.ts';

function apply(text: string, fix: Fix): string {
  const edits = [...fix.edits].sort((a, b) => b.span.start - a.span.start);
  let out = text;
  for (const e of edits) out = out.slice(0, e.span.start) + e.newText + out.slice(e.span.end);
  return out;
}

function only(diags: Diagnostic[], rule: string): Diagnostic {
  const d = diags.find((x) => x.rule === rule);
  assert.ok(d, `${rule} reported; got ${diags.map((x) => x.rule).join(', ')}`);
  return d;
}

const twoNodeSource = `cluster pair {
  config_version = 1
  fence_device ipmi1 : fence_ipmilan { ipaddr = "10.0.0.1"; login = "a"; passwd = env("P") }
  fence_device ipmi2 : fence_ipmilan { ipaddr = "10.0.0.2"; login = "a"; passwd = env("P") }
  node a { id = 1; fence { method m { device ipmi1 { } } } }
  node b { id = 2; fence { method m { device ipmi2 } } }
}
`;

const twoNodeXml = `<?xml version="1.0"?>
<cluster name="pair" config_version="1">
  <cman two_node="1" expected_votes="1"/>
  <clusternodes>
    <clusternode name="a" nodeid="1"><fence><method name="m"><device name="ipmi1"/></method></fence></clusternode>
    <clusternode name="b" nodeid="2"><fence><method name="m"><device name="ipmi2"/></method></fence></clusternode>
  </clusternodes>
  <fencedevices>
    <fencedevice name="ipmi1" agent="fence_ipmilan" ipaddr="10.0.0.1" login="a" passwd_script="/bin/p"/>
    <fencedevice name="ipmi2" agent="fence_ipmilan" ipaddr="10.0.0.2" login="a" passwd_script="/bin/p"/>
  </fencedevices>
</cluster>
`;

for (const [kind, text] of [['.cluster', twoNodeSource], ['cluster.conf', twoNodeXml]] as const) {
  test(`fence/race-no-delay offers a delay on one node's device, which ends the race (${kind})`, () => {
    const d = only(lintSource(text, { fileName: kind === '.cluster' ? 'x.cluster' : 'cluster.conf' }).diagnostics, 'fence/race-no-delay');
    assert.equal(d.fixes?.length, 1);
    assert.match(d.fixes![0].title, /Let a win fence races/);
    const fixed = apply(text, d.fixes![0]);
    const after = lintSource(fixed, { fileName: kind === '.cluster' ? 'x.cluster' : 'cluster.conf' }).diagnostics;
    assert.equal(after.find((x) => x.rule === 'fence/race-no-delay'), undefined);
    assert.deepEqual(after.filter((x) => x.severity === 'error'), []);
  });
}

test('fence/race-no-delay fix also works on a device written without a body', () => {
  const text = twoNodeSource.replace('device ipmi1 { }', 'device ipmi1');
  const d = only(lintSource(text, { fileName: 'x.cluster' }).diagnostics, 'fence/race-no-delay');
  const fixed = apply(text, d.fixes![0]);
  assert.match(fixed, /device ipmi1 \{ delay = 15 \}/);
  assert.equal(lintSource(fixed, { fileName: 'x.cluster' }).diagnostics.find((x) => x.rule === 'fence/race-no-delay'), undefined);
});

test('quorum/single-failure-loses-quorum on two nodes offers two_node, which makes it survivable', () => {
  for (const [fileName, text] of [
    ['x.cluster', twoNodeSource.replace('config_version = 1', 'config_version = 1\n  cman { two_node = false; expected_votes = 2 }')],
    ['cluster.conf', twoNodeXml.replace('<cman two_node="1" expected_votes="1"/>', '<cman two_node="0" expected_votes="2"/>')],
    ['cluster.conf', twoNodeXml.replace('<cman two_node="1" expected_votes="1"/>', '<cman/>')],
  ] as const) {
    const d = only(lintSource(text, { fileName }).diagnostics, 'quorum/single-failure-loses-quorum');
    assert.ok(d.fixes, `${fileName}: a fix is offered`);
    const fixed = apply(text, d.fixes![0]);
    const after = lintSource(fixed, { fileName }).diagnostics;
    assert.equal(after.find((x) => x.rule === 'quorum/single-failure-loses-quorum'), undefined, fixed);
    assert.deepEqual(after.filter((x) => x.severity === 'error'), []);
  }
});
