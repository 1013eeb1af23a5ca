// What ccs, luci and system-config-cluster write that the language says without the escape hatch:
// numbered fence methods (`<method name="1">`) and the empty containers ccs writes on every
// cluster (`<fencedevices/>`, `<failoverdomains/>`, `<resources/>`).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileText, importClusterConf } from '../../../compiler/api.ts';
import { canonical } from '../../../compiler/import/canonical.ts';
import { readClusterConf } from '../../../compiler/import/read-xml.ts';

const nodes = (fence1: string) => `<clusternodes>
    <clusternode name="a.example.com" nodeid="1"><fence>${fence1}</fence></clusternode>
    <clusternode name="b.example.com" nodeid="2"><fence><method name="1"><device name="pdu" port="2"/></method></fence></clusternode>
  </clusternodes>`;
const conf = (fence1: string, rest = '<fencedevices><fencedevice name="pdu" agent="fence_apc" ipaddr="10.0.0.9" login="apc" passwd="apc"/></fencedevices>') => `<?xml version="1.0"?>
<cluster name="c" config_version="3">
  ${nodes(fence1)}
  <cman expected_votes="1" two_node="1"/>
  ${rest}
</cluster>
`;

function roundTrip(xml: string): { source: string; back: string } {
  const r = importClusterConf(xml);
  assert.deepEqual(r.diagnostics.filter((d) => d.rule.startsWith('import/')).map((d) => d.message), [], 'nothing kept raw');
  assert.doesNotMatch(r.source!, /\braw \{|\bxml = /);
  const c = compileText(r.source!);
  assert.deepEqual(c.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message), []);
  const back = c.outputs[0]!.text;
  assert.equal(canonical(readClusterConf(back).root!), canonical(readClusterConf(xml).root!));
  return { source: r.source!, back };
}

test('<method name="1"> and <method name="2"> import as method method1 = "1" { }, without raw, and compile back', () => {
  const { source, back } = roundTrip(conf('<method name="1"><device name="pdu" port="1"/></method><method name="2"><device name="pdu" port="11"/></method>'));
  assert.match(source, /method method1 = "1" \{/);
  assert.match(source, /method method2 = "2" \{/);
  assert.match(back, /<method name="1">[\s\S]*<method name="2">/);
});

test('a method name with spaces keeps its name; an identifier is the name itself', () => {
  const { source } = roundTrip(conf('<method name="power supply A"><device name="pdu" port="1"/></method><method name="backup"><device name="pdu" port="11"/></method>'));
  assert.match(source, /method methodpower_supply_A = "power supply A" \{/);
  assert.match(source, /method backup \{/);
});

test('the empty <fencedevices/>, <failoverdomains/> and <resources/> ccs writes import to nothing, and mean what nothing means', () => {
  const xml = `<?xml version="1.0"?>
<cluster config_version="4" name="cluster11">
  <fence_daemon/>
  <clusternodes>
    <clusternode name="node1.private.cluster11.example.com" nodeid="1"/>
    <clusternode name="node2.private.cluster11.example.com" nodeid="2"/>
  </clusternodes>
  <cman expected_votes="1" two_node="1"/>
  <fencedevices/>
  <rm>
    <failoverdomains/>
    <resources/>
  </rm>
</cluster>
`;
  const { source, back } = roundTrip(xml);
  assert.match(source, /\brm \{ \}/, 'the <rm> stays, empty');
  assert.doesNotMatch(back, /fencedevices|failoverdomains|resources/);
  assert.match(back, /<rm\/>/);
});

test('an empty container is the same configuration as none; one with something in it is not', () => {
  const e = (s: string) => canonical(readClusterConf(s).root!);
  assert.equal(e('<cluster><fencedevices/><rm><resources/><failoverdomains></failoverdomains></rm></cluster>'), e('<cluster><rm/></cluster>'));
  assert.notEqual(e('<cluster><fencedevices x="1"/></cluster>'), e('<cluster/>'));
  assert.notEqual(e('<cluster><rm/></cluster>'), e('<cluster/>'));
  // Only in their own place: an empty <resources/> elsewhere is an element like any other.
  assert.notEqual(e('<cluster><resources/></cluster>'), e('<cluster/>'));
});
