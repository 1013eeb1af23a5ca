// `quorate import` as a user runs it: source on stdout or in -o FILE, warnings at XML
// line:column on stderr, and the written source compiling back to the same cluster.conf.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { canonical } from '../../compiler/import/canonical.ts';
import { readClusterConf } from '../../compiler/import/read-xml.ts';
import { repoRoot, requireShared, runCli, STACK_TRACE, tempDir } from '../helpers.ts';

const vendor = `<?xml version="1.0"?>
<!-- production cluster -->
<cluster name="prod" config_version="12">
  <cman expected_votes="3"/>
  <totem token="20000"/>
  <clusternodes>
    <clusternode name="a.example.com" nodeid="1"><fence><method name="1"><device name="pdu" port="1"/></method></fence></clusternode>
    <clusternode name="b.example.com" nodeid="2"><fence><method name="1"><device name="pdu" port="2"/></method></fence></clusternode>
    <clusternode name="c.example.com" nodeid="3"><fence><method name="1"><device name="pdu" port="3"/></method></fence></clusternode>
  </clusternodes>
  <fencedevices>
    <fencedevice name="pdu" agent="fence_apc" ipaddr="10.0.0.9" login="apc" passwd="apc"/>
  </fencedevices>
  <rm>
    <failoverdomains>
      <failoverdomain name="pref-a" ordered="1" restricted="0">
        <failoverdomainnode name="a.example.com" priority="1"/>
        <failoverdomainnode name="b.example.com" priority="2"/>
      </failoverdomain>
    </failoverdomains>
    <resources>
      <fs name="data" device="/dev/vg/data" mountpoint="/data" fstype="ext4"/>
    </resources>
    <service name="web" domain="pref-a" autostart="yes" recovery="relocate">
      <fs ref="data">
        <acme_agent widget="7"/>
      </fs>
      <ip address="10.0.0.50" monitor_link="1"/>
    </service>
  </rm>
</cluster>
`;

test('import writes idiomatic source; compiling it gives the same cluster.conf', () => {
  const dir = tempDir();
  const conf = join(dir, 'cluster.conf');
  writeFileSync(conf, vendor);
  const out = join(dir, 'prod.cluster');
  const r = runCli(['import', conf, '-o', out]);
  // The vendor element is a schema error of the input (exit 1), imported all the same.
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stderr, /cluster\.conf:26:10: error xml\/unknown-element: the cluster\.conf schema knows no element <acme_agent>/);
  assert.doesNotMatch(r.stderr, STACK_TRACE);
  const src = readFileSync(out, 'utf8');
  // named references, units, booleans, nesting, global resources, comments
  assert.match(src, /^# production cluster\ncluster prod \{/);
  assert.match(src, /totem \{ token = 20s \}/);
  assert.match(src, /fence_device pdu : fence_apc \{/);
  assert.match(src, /node a = "a\.example\.com" \{/);
  assert.match(src, /device pdu \{ port = "1" \}/);
  assert.match(src, /members = \[a: 1, b: 2\]/);
  assert.match(src, /ordered = true/);
  assert.match(src, /resources \{\n\s+fs data \{/);
  assert.match(src, /domain = pref-a/);
  assert.match(src, /use data \{\n\s+xml = "acme_agent" \{ widget = "7" \}/);
  assert.match(src, /raw \{ autostart = "yes" \}/);
  assert.match(src, /ip \{\n\s+address = "10\.0\.0\.50"\n\s+monitor_link = true/);
  // what is kept raw is reported where it is in the XML
  assert.match(r.stderr, /cluster\.conf:26:10: warning import\/raw-element: <acme_agent> is kept as a raw `xml` block/);
  assert.match(r.stderr, /cluster\.conf:24:41: warning import\/raw-attribute: autostart="yes" on <service>/);
  // luci's numbered fence methods keep their name without raw
  assert.match(src, /method method1 = "1" \{\n\s+device pdu \{ port = "1" \}/);
  assert.doesNotMatch(r.stderr, /on <method>/);
  // The vendor element is what the schema rejects: compile refuses at the raw block that carries
  // it, exit 1, and writes nothing.
  const outDir = join(dir, 'out');
  const c = runCli(['compile', out, '-o', outDir]);
  assert.equal(c.status, 1, c.stderr);
  const acmeLine = src.split('\n').findIndex((l) => l.includes('xml = "acme_agent"')) + 1;
  assert.match(c.stderr, new RegExp(`prod\\.cluster:${acmeLine}:\\d+: error compile/schema-rejected: .*knows no element <acme_agent>`));
  assert.ok(!existsSync(join(outDir, 'cluster.conf')), 'nothing is written');
  // Without it, the source compiles back to the same configuration.
  const fixed = join(dir, 'fixed.cluster');
  writeFileSync(fixed, src.split('\n').filter((l) => !l.includes('xml = "acme_agent"')).join('\n'));
  const f = runCli(['compile', fixed, '-o', outDir]);
  assert.equal(f.status, 0, f.stderr);
  const back = readFileSync(join(outDir, 'cluster.conf'), 'utf8');
  assert.equal(canonical(readClusterConf(back).root!), canonical(readClusterConf(vendor.replace(/\s*<acme_agent widget="7"\/>/, '')).root!));
});

test('without -o the source goes to standard output; the output is formatted', () => {
  const r = runCli(['import', join(repoRoot, 'test', 'golden', 'examples', 'two-node.cluster.conf')]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^cluster clusterx \{\n  config_version = 4\n/);
  const again = runCli(['fmt', '--check', '-'], { input: r.stdout });
  if (again.status !== 2) assert.equal(again.status, 0, `import output is not in fmt's layout:\n${again.stdout}${again.stderr}`);
});

test('a schema-invalid file is imported anyway, with its errors at XML positions (exit 1)', (t) => {
  const shared = requireShared(t);
  if (!shared) return;
  const dir = tempDir();
  const out = join(dir, 'typo.cluster');
  const r = runCli(['import', join(shared, 'reference', 'schema-checks', 'invalid', 'typo_attr.conf'), '-o', out]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /typo_attr\.conf:46:38: error resource\/unknown-parameter: `monitr_link` is not a parameter of ip; did you mean `monitor_link`\?/);
  assert.ok(existsSync(out));
  assert.match(readFileSync(out, 'utf8'), /raw \{ monitr_link = "1" \}/);
});

test('--fence-virt adds the fence_virtd block', (t) => {
  const shared = requireShared(t);
  if (!shared) return;
  const fv = join(shared, 'reference', 'fence_virt.conf', 'good', 'fence_virtd-c-from-scratch-rhel6.conf');
  const r = runCli(['import', join(repoRoot, 'test', 'golden', 'examples', 'vm-fencing.cluster.conf'), '--fence-virt', fv]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^cluster /);
  assert.match(r.stdout, /\nfence_virtd \{/);
});

test('usage and I/O errors exit 2; a non-cluster.conf is not imported', () => {
  assert.equal(runCli(['import']).status, 2);
  assert.equal(runCli(['import', 'no/such/cluster.conf']).status, 2);
  assert.equal(runCli(['import', 'x.conf', '--format', 'json']).status, 2);
  const dir = tempDir();
  const f = join(dir, 'other.xml');
  writeFileSync(f, '<rm><service name="a"/></rm>');
  const r = runCli(['import', f]);
  assert.equal(r.status, 1);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /other\.xml:1:2: error import\/not-cluster-conf/);
  const help = runCli(['help', 'import']);
  assert.equal(help.status, 0);
  assert.match(help.stdout, /Usage: quorate import/);
  assert.match(help.stdout, /Example/);
});
