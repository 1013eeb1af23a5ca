// The schema check's memo: reusing the derivatives of interned patterns changes no finding (the
// same diagnostics, messages and spans as computing every derivative afresh), and it is what keeps
// the check linear in the file: after the first elements of a kind, further siblings of that kind
// find everything already computed, so the caches stop growing.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readClusterConf } from '../../../compiler/import/read-xml.ts';
import { resetSchemaCaches, schemaCacheSize, validateSchema } from '../../../compiler/import/schema.ts';
import { requireShared } from '../../helpers.ts';

/** The same file with values, attributes, names and text broken in a fixed pattern, so the check's error paths run. */
function variants(text: string): string[] {
  let i = 0;
  const values = text.replace(/="[^"]*"/g, (m) => (++i % 3 === 0 ? '="-1 x"' : i % 5 === 0 ? '=""' : m));
  const dropped = text.replace(/ [a-z_]+="[^"]*"/g, (m) => (++i % 4 === 0 ? '' : m));
  const names = text.replace(/<([a-z_]+)/g, (m, n: string) => (++i % 6 === 0 ? `<${n}x` : i % 7 === 0 ? '<fence' : m)).replace(/ ([a-z_]+)=/g, (m, n: string) => (++i % 9 === 0 ? ` ${n}q=` : m));
  const texts = text.replace(/\/>/g, (m) => (++i % 5 === 0 ? '>text</x>' : m));
  return [text, values, dropped, names, texts];
}

function sameWithAndWithoutMemo(label: string, text: string): number {
  const root = readClusterConf(text).root;
  if (!root) return 0;
  const memoised = validateSchema(root);
  const again = validateSchema(root);
  const fresh = validateSchema(root, { memo: false });
  assert.deepEqual(again, memoised, `${label}: a second memoised check differs`);
  assert.deepEqual(fresh, memoised, `${label}: the memo changes the findings`);
  return memoised.length;
}

const services = (n: number) => Array.from({ length: n }, (_, s) => `
    <service name="svc${s}" domain="all" recovery="${s % 3 ? 'relocate' : 'restart'}" autostart="${s % 2}">
      <fs name="data${s}" device="/dev/vg/lv${s}" mountpoint="/srv/${s}" fstype="ext4" force_unmount="1">
        <script name="app${s}" file="/etc/init.d/app${s}"/>
      </fs>
      <ip address="10.2.${s >> 8}.${s & 255}/16" monitor_link="${s % 2 ? 'on' : '0'}"/>
    </service>`).join('');

const cluster = (n: number, broken = '') => `<?xml version="1.0"?>
<cluster name="c" config_version="1">
  <clusternodes>
    <clusternode name="n1" nodeid="1"><fence><method name="m"><device name="f1"/></method></fence></clusternode>
    <clusternode name="n2" nodeid="2"><fence><method name="m"><device name="f1"/></method></fence></clusternode>
  </clusternodes>
  <fencedevices><fencedevice name="f1" agent="fence_ipmilan" ipaddr="10.0.0.1"/></fencedevices>
  <rm>
    <failoverdomains><failoverdomain name="all" ordered="1"><failoverdomainnode name="n1" priority="1"/></failoverdomain></failoverdomains>${services(n)}${broken}
  </rm>
</cluster>
`;

test('the memo changes no finding: generated clusters, valid and broken', () => {
  let found = 0;
  for (const text of variants(cluster(40, '<service name="bad" recovery="sometimes"><bogus/></service><vm/>'))) found += sameWithAndWithoutMemo('generated', text);
  assert.ok(found > 0, 'the broken variants have findings');
});

test('the memo changes no finding: every reference schema check and corpus file, and broken variants of them', (t) => {
  const shared = requireShared(t);
  if (!shared) return;
  const dirs = [join(shared, 'corpus', 'cluster.conf'), join(shared, 'reference', 'schema-checks', 'valid'), join(shared, 'reference', 'schema-checks', 'invalid')];
  let files = 0;
  for (const dir of dirs) for (const f of readdirSync(dir).filter((x) => x.endsWith('.conf'))) {
    const text = readFileSync(join(dir, f), 'utf8');
    for (const [i, v] of variants(text).entries()) sameWithAndWithoutMemo(`${f} variant ${i}`, v);
    files++;
  }
  assert.ok(files > 10, `only ${files} files found`);
});

test('repeated siblings find their derivatives memoised: the caches do not grow with the number of services', () => {
  resetSchemaCaches();
  const small = readClusterConf(cluster(20)).root!;
  assert.deepEqual(validateSchema(small), []);
  const afterSmall = schemaCacheSize();
  const large = readClusterConf(cluster(2000)).root!;
  assert.deepEqual(validateSchema(large), []);
  assert.equal(schemaCacheSize(), afterSmall, 'checking 2,000 services computed derivatives that 20 did not');
});

test('with the memo off no derivative is stored', () => {
  resetSchemaCaches();
  validateSchema(readClusterConf(cluster(5)).root!);
  const size = schemaCacheSize();
  validateSchema(readClusterConf(cluster(50)).root!, { memo: false });
  assert.equal(schemaCacheSize(), size);
});
