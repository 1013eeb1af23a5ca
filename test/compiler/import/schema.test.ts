// The schema check of raw cluster.conf: the committed schema.json is what scripts/gen-schema.ts
// makes of cluster.rng, and each kind of schema problem is reported at its own line:column.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeClusterConf } from '../../../compiler/api.ts';
import { LineIndex } from '../../../compiler/text/line-index.ts';
import { repoRoot, requireShared } from '../../helpers.ts';

test('regenerating schema.json from ../shared gives the committed file byte for byte', async (t) => {
  if (!requireShared(t)) return;
  const { generateSchema } = await import('../../../scripts/gen-schema.ts');
  const committed = readFileSync(join(repoRoot, 'compiler', 'import', 'schema.json'), 'utf8');
  assert.ok(generateSchema() === committed, 'schema.json is stale: run `node --import tsx scripts/gen-schema.ts` and commit it');
});

function findings(text: string): string[] {
  const idx = new LineIndex(text);
  return analyzeClusterConf(text).diagnostics.map((d) => {
    const p = idx.position(d.span.start);
    return `${p.line}:${p.column} ${d.rule}`;
  });
}

const base = (cman: string, node: string, extra = '') => `<?xml version="1.0"?>
<cluster name="c" config_version="1">
  <cman ${cman}/>
  <clusternodes>
    <clusternode ${node}>
      <fence><method name="m"><device name="f1"/></method></fence>
    </clusternode>
  </clusternodes>
  <fencedevices><fencedevice name="f1" agent="fence_ipmilan" ipaddr="10.0.0.1"/></fencedevices>
  <rm>${extra}</rm>
</cluster>
`;

test('a schema-valid file has no findings', () => {
  assert.deepEqual(findings(base('two_node="1" expected_votes="1"', 'name="n1" nodeid="1"')), []);
});

test('each kind of schema problem is reported where it is', () => {
  // unknown attribute: at its name
  assert.deepEqual(findings(base('two_nodes="1"', 'name="n1" nodeid="1"')), ['3:9 xml/unknown-attribute']);
  // value the datatype rejects: at the value
  assert.deepEqual(findings(base('transport="tcp"', 'name="n1" nodeid="0"')), ['3:20 xml/invalid-value', '5:36 config/nodeid']);
  // missing required attribute: at the element name
  assert.deepEqual(findings(base('', 'name="n1"')), ['5:6 config/nodeid']);
  // unknown element, misplaced element, resource parameter typo, missing resource parameter
  assert.deepEqual(findings(base('', 'name="n1" nodeid="1"', '<bogus/><clusternode/><service name="s"><ip address="1.2.3.4" monitr_link="1"/><fs device="/dev/x"/></service>')), [
    '10:8 xml/unknown-element',
    '10:16 xml/misplaced-element',
    '10:69 resource/unknown-parameter',
    '10:87 resource/missing-parameter',
  ]);
  // a device naming no fence device: at the value
  const text = base('', 'name="n1" nodeid="1"').replace('device name="f1"', 'device name="f2"');
  assert.deepEqual(findings(text), ['6:45 fence/undefined-device']);
});

test('the schema-check fixtures report the problem at the line:column where it is', (t) => {
  const shared = requireShared(t);
  if (!shared) return;
  const expect: Record<string, string[]> = {
    'bad_idref.conf': ['28:25 fence/undefined-device'],
    'typo_attr.conf': ['46:38 resource/unknown-parameter'],
    'nodeid0.conf': ['12:51 config/nodeid'],
    'nover.conf': ['2:2 config/version'],
    'transport.conf': ['3:70 xml/invalid-value'],
    'fs_noname.conf': ['47:8 resource/missing-parameter', '54:16 resource/undefined-ref'],
    'fdn_extra.conf': ['42:67 xml/unknown-attribute'],
    'vm_bogus.conf': ['62:23 resource/unknown-parameter'],
  };
  for (const [file, want] of Object.entries(expect)) {
    const text: string = readFileSync(join(shared, 'reference', 'schema-checks', 'invalid', file), 'utf8');
    assert.deepEqual(findings(text), want, file);
  }
});

test('the schema caches can start again (long-running language server) with the same results', async () => {
  const { resetSchemaCaches } = await import('../../../compiler/import/schema.ts');
  const text = base('transport="tcp"', 'name="n1" nodeid="0"');
  const before = findings(text);
  resetSchemaCaches();
  assert.deepEqual(findings(text), before);
  assert.deepEqual(findings(base('two_node="1" expected_votes="1"', 'name="n1" nodeid="1"')), []);
});

test('deeply nested or truncated input is checked without an exception', (t) => {
  const deep = '<cluster name="c" config_version="1">' + '<a>'.repeat(20000) + '</a>'.repeat(20000) + '</cluster>';
  const r = analyzeClusterConf(deep);
  assert.ok(r.diagnostics.some((d) => d.rule === 'xml/unknown-element'));
  const shared = requireShared(t);
  if (!shared) return;
  const text: string = readFileSync(join(shared, 'reference', 'schema-checks', 'valid', 'two_node.conf'), 'utf8');
  for (let cut = 0; cut < text.length; cut += 7) {
    const part = analyzeClusterConf(text.slice(0, cut));
    for (const d of part.diagnostics) assert.ok(d.span.start >= 0 && d.span.end <= cut, `cut at ${cut}: ${JSON.stringify(d)}`);
  }
});
