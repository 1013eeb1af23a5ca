// The findings of issue 12 beyond each rule's bad/good fixture: the fence rules read what each
// agent does (the catalogue's `fencing` table), domain/priority is quiet on equal priorities of
// an unordered domain, and the NFS, GFS2 and post_join_delay rules on the layouts they judge.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lintSource } from '../../../compiler/lint.ts';
import { catalogue, fencingOf } from '../../../compiler/catalogue/index.ts';
import { volumeGroupOf } from '../../../compiler/rules/gfs2/clvmd.ts';

function findings(xml: string, rule: string): { severity: string; message: string }[] {
  return lintSource(xml, { fileName: 'cluster.conf' })
    .diagnostics.filter((d) => d.rule === rule)
    .map((d) => ({ severity: d.severity, message: d.message }));
}

/** A cluster.conf whose nodes each have one method with one device of `device`, plus `extra`. */
function cluster(opts: { nodes: number; agent: string; deviceAttrs: (i: number) => string; fencedeviceAttrs?: string; extra?: string; cman?: string }): string {
  const nodes = Array.from({ length: opts.nodes }, (_, k) => k + 1)
    .map((i) => `    <clusternode name="node${i}" nodeid="${i}"><fence><method name="m1"><device name="dev" ${opts.deviceAttrs(i)}/></method></fence></clusternode>`)
    .join('\n');
  return `<?xml version="1.0"?>
<cluster name="lab" config_version="1">
  ${opts.cman ?? ''}
  <clusternodes>
${nodes}
  </clusternodes>
  <fencedevices><fencedevice name="dev" agent="${opts.agent}" ${opts.fencedeviceAttrs ?? ''}/></fencedevices>
  ${opts.extra ?? ''}
</cluster>`;
}

test('every fence agent of the catalogue says what it does to its victim, with a source', () => {
  for (const name of Object.keys(catalogue.fenceAgents)) {
    const spec = fencingOf(name);
    assert.ok(spec, `${name} has no fencing entry`);
    assert.ok(spec.source.length > 0 && spec.doc.length > 0);
  }
  assert.equal(fencingOf('fence_passive_nic')?.kind, 'observe');
  assert.equal(fencingOf('fence_pcmk')?.kind, 'delegate');
  assert.equal(fencingOf('fence_scsi')?.victim, 'node-name');
  assert.equal(fencingOf('fence_dummy')?.successWithoutFencing, true);
  assert.equal(fencingOf('__proto__'), undefined);
  assert.equal(fencingOf('fence_site_script'), undefined);
});

test('fence/duplicate-target: the same port twice is an error for power agents, fabric ports and fence_pcmk', () => {
  for (const agent of ['fence_apc', 'fence_brocade', 'fence_pcmk']) {
    const xml = cluster({ nodes: 2, agent, deviceAttrs: () => 'port="1"', fencedeviceAttrs: 'ipaddr="10.0.0.9" login="a" passwd="b"' });
    const found = findings(xml, 'fence/duplicate-target');
    assert.equal(found.length, 1, `${agent}: ${JSON.stringify(found)}`);
    assert.equal(found[0]!.severity, 'error');
  }
  assert.match(findings(cluster({ nodes: 2, agent: 'fence_brocade', deviceAttrs: () => 'port="1"' }), 'fence/duplicate-target')[0]!.message, /cuts the other off/);
});

test('fence/duplicate-target: agents that act on the node fenced names, or on none, share a target rightly', () => {
  // fence_passive_nic checks a NIC of the node that runs it: every node names the same one (049.conf).
  assert.deepEqual(findings(cluster({ nodes: 2, agent: 'fence_passive_nic', deviceAttrs: () => 'port="eth1,eth2"' }), 'fence/duplicate-target'), []);
  assert.deepEqual(findings(cluster({ nodes: 2, agent: 'fence_scsi', deviceAttrs: () => '', fencedeviceAttrs: 'devices="/dev/sdb"' }), 'fence/duplicate-target'), []);
  assert.deepEqual(findings(cluster({ nodes: 2, agent: 'fence_kdump', deviceAttrs: () => '' }), 'fence/duplicate-target'), []);
});

test('fence/duplicate-target: fence_mpath keys and an unknown agent', () => {
  const mpath = findings(cluster({ nodes: 2, agent: 'fence_mpath', deviceAttrs: () => 'key="1"', fencedeviceAttrs: 'devices="/dev/mapper/a"' }), 'fence/duplicate-target');
  assert.equal(mpath.length, 1);
  assert.deepEqual(findings(cluster({ nodes: 2, agent: 'fence_mpath', deviceAttrs: (i) => `key="${i}"`, fencedeviceAttrs: 'devices="/dev/mapper/a"' }), 'fence/duplicate-target'), []);
  // An agent Quorate does not know: what its port means is unknown, so only a warning.
  const unknown = findings(cluster({ nodes: 2, agent: '/opt/site/fence_rack', deviceAttrs: () => 'port="7"' }), 'fence/duplicate-target');
  assert.deepEqual(unknown.map((d) => d.severity), ['warning']);
});

test('fence/race-no-delay: not on fence_pcmk (Pacemaker fences), still on power fencing', () => {
  const cman = '<cman two_node="1" expected_votes="1"/>';
  assert.deepEqual(findings(cluster({ nodes: 2, agent: 'fence_pcmk', deviceAttrs: (i) => `port="node${i}"`, cman }), 'fence/race-no-delay'), []);
  assert.deepEqual(findings(cluster({ nodes: 2, agent: 'fence_passive_nic', deviceAttrs: () => 'port="eth1"', cman }), 'fence/race-no-delay'), []);
  assert.equal(findings(cluster({ nodes: 2, agent: 'fence_xvm', deviceAttrs: (i) => `port="node${i}"`, cman }), 'fence/race-no-delay').length, 1);
});

test('domain/priority: equal priorities on an unordered domain are quiet, different ones are reported', () => {
  const domain = (prios: string[], ordered = '') => cluster({
    nodes: 2, agent: 'fence_xvm', deviceAttrs: (i) => `port="node${i}"`,
    extra: `<rm><failoverdomains><failoverdomain name="d" restricted="1"${ordered}>${prios.map((p, i) => `<failoverdomainnode name="node${i + 1}" priority="${p}"/>`).join('')}</failoverdomain></failoverdomains></rm>`,
  });
  assert.deepEqual(findings(domain(['1', '1']), 'domain/priority'), []);
  assert.deepEqual(findings(domain(['1']), 'domain/priority'), []);
  const differing = findings(domain(['1', '10']), 'domain/priority');
  assert.equal(differing.length, 1);
  assert.match(differing[0]!.message, /node1=1, node2=10/);
  assert.deepEqual(findings(domain(['1', '2'], ' ordered="1"'), 'domain/priority'), []);
});

const rm = (service: string) => cluster({ nodes: 3, agent: 'fence_xvm', deviceAttrs: (i) => `port="node${i}"`, extra: `<rm>${service}</rm>` });

test('nfs/export-without-fsid: an fsid on the fs, on the client or in its options satisfies it', () => {
  const layout = (fsAttrs: string, clientAttrs: string) =>
    rm(`<service name="s"><fs name="data" device="/dev/sdb1" mountpoint="/data" fstype="ext4" ${fsAttrs}><nfsexport name="e"><nfsclient name="c" target="*" ${clientAttrs}/></nfsexport></fs></service>`);
  assert.equal(findings(layout('', ''), 'nfs/export-without-fsid').length, 1);
  assert.deepEqual(findings(layout('fsid="10"', ''), 'nfs/export-without-fsid'), []);
  assert.deepEqual(findings(layout('', 'fsid="10"'), 'nfs/export-without-fsid'), []);
  assert.deepEqual(findings(layout('', 'options="rw,fsid=10"'), 'nfs/export-without-fsid'), []);
});

test('nfs/export-without-fsid: under nfsserver the fs fsid is not passed down (the handout sets it on the client)', () => {
  const server = (fsAttrs: string, clientAttrs: string) =>
    rm(`<service name="s"><fs name="data" device="/dev/sdb1" mountpoint="/data" fstype="ext4" ${fsAttrs}><nfsserver name="srv"><nfsclient name="c" target="*" ${clientAttrs}/></nfsserver></fs></service>`);
  const missing = findings(server('fsid="10"', ''), 'nfs/export-without-fsid');
  assert.equal(missing.length, 1);
  assert.match(missing[0]!.message, /on this nfsclient/);
  assert.deepEqual(findings(server('', 'fsid="512"'), 'nfs/export-without-fsid'), []);
});

test('nfs/client-without-export: under the service or an fs, with and without a path', () => {
  const underService = findings(rm('<service name="s"><nfsclient name="c" target="*"/></service>'), 'nfs/client-without-export');
  assert.deepEqual(underService.map((d) => d.severity), ['error']);
  const withPath = findings(rm('<service name="s"><fs name="data" device="/dev/sdb1" mountpoint="/data" fstype="ext4"><nfsclient name="c" target="*" path="/data"/></fs></service>'), 'nfs/client-without-export');
  assert.deepEqual(withPath.map((d) => d.severity), ['warning']);
  assert.deepEqual(findings(rm('<service name="s"><fs name="data" device="/dev/sdb1" mountpoint="/data" fstype="ext4" fsid="1"><nfsserver name="srv"><nfsclient name="c" target="*" fsid="2"/></nfsserver></fs></service>'), 'nfs/client-without-export'), []);
});

test('gfs2/clvmd: lock_nolock is an error, a clusterfs on LVM without an lvm resource is a note', () => {
  const nolock = findings(rm('<service name="s"><clusterfs name="g" device="/dev/mapper/mpatha" mountpoint="/g" fstype="gfs2" options="lockproto=lock_nolock"/></service>'), 'gfs2/clvmd');
  assert.deepEqual(nolock.map((d) => d.severity), ['error']);
  const onLvm = findings(rm('<service name="s"><clusterfs name="g" device="/dev/mapper/vg--gfs-lv" mountpoint="/g" fstype="gfs2"/></service>'), 'gfs2/clvmd');
  assert.deepEqual(onLvm.map((d) => d.severity), ['info']);
  assert.match(onLvm[0]!.message, /vg-gfs clustered/);
});

test('gfs2/clvmd: the volume group of a device path', () => {
  assert.equal(volumeGroupOf('/dev/vg_gfs/lv'), 'vg_gfs');
  assert.equal(volumeGroupOf('/dev/mapper/cluster11vg-gfsdata'), 'cluster11vg');
  assert.equal(volumeGroupOf('/dev/mapper/my--vg-my--lv'), 'my-vg');
  assert.equal(volumeGroupOf('/dev/mapper/mpatha'), undefined);
  assert.equal(volumeGroupOf('/dev/mapper/mpath-export'), undefined);
  assert.equal(volumeGroupOf('/dev/disk/by-id/wwn-1'), undefined);
  assert.equal(volumeGroupOf('/dev/sdb1'), undefined);
  assert.equal(volumeGroupOf('LABEL=gfs'), undefined);
});

test('fence/post-join-delay: the default, a short value, a typical one, clean_start and three nodes', () => {
  const two = (fenceDaemon: string, nodes = 2) => cluster({ nodes, agent: 'fence_xvm', deviceAttrs: (i) => `port="node${i}"${i === 1 ? ' delay="15"' : ''}`, cman: nodes === 2 ? '<cman two_node="1" expected_votes="1"/>' : '', extra: fenceDaemon });
  assert.match(findings(two(''), 'fence/post-join-delay')[0]!.message, /default \(6 s\)/);
  assert.match(findings(two('<fence_daemon post_join_delay="3"/>'), 'fence/post-join-delay')[0]!.message, /is 3 s/);
  assert.match(findings(two('<fence_daemon post_join_delay="-1"/>'), 'fence/post-join-delay')[0]!.message, /after 6 s/);
  assert.deepEqual(findings(two('<fence_daemon post_join_delay="20"/>'), 'fence/post-join-delay'), []);
  assert.deepEqual(findings(two('<fence_daemon clean_start="1"/>'), 'fence/post-join-delay'), []);
  assert.deepEqual(findings(two('', 3), 'fence/post-join-delay'), []);
});

test('fence/success-without-fencing: fence_passive_nic as a last method, as the only one, and an unknown agent', () => {
  const nic = (withPower: boolean) => `<?xml version="1.0"?>
<cluster name="lab" config_version="1">
  <cman two_node="1" expected_votes="1"/>
  <clusternodes>
    <clusternode name="node1" nodeid="1"><fence>${withPower ? '<method name="ipmi"><device name="ipmi1" delay="15"/></method>' : ''}<method name="nic"><device name="nic" port="eth1"/></method></fence></clusternode>
    <clusternode name="node2" nodeid="2"><fence>${withPower ? '<method name="ipmi"><device name="ipmi2"/></method>' : ''}<method name="nic"><device name="nic" port="eth1"/></method></fence></clusternode>
  </clusternodes>
  <fencedevices>
    <fencedevice name="ipmi1" agent="fence_ipmilan" ipaddr="10.0.0.1" login="a" passwd="b"/>
    <fencedevice name="ipmi2" agent="fence_ipmilan" ipaddr="10.0.0.2" login="a" passwd="b"/>
    <fencedevice name="nic" agent="fence_passive_nic"/>
  </fencedevices>
</cluster>`;
  assert.deepEqual(findings(nic(true), 'fence/success-without-fencing').map((d) => d.severity), ['warning']);
  const alone = findings(nic(false), 'fence/success-without-fencing');
  assert.deepEqual(alone.map((d) => d.severity), ['error']);
  assert.match(alone[0]!.message, /`node1`, `node2` have no other power or fabric fencing/);
  const unknown = findings(cluster({ nodes: 2, agent: '/opt/atix/fence_x', deviceAttrs: () => '' }), 'fence/success-without-fencing');
  assert.deepEqual(unknown.map((d) => d.severity), ['info']);
  // fence_delay always fails, fence_kdump and fence_manual have rules of their own.
  for (const agent of ['fence_delay', 'fence_kdump', 'fence_manual', 'fence_xvm'])
    assert.deepEqual(findings(cluster({ nodes: 2, agent, deviceAttrs: () => '' }), 'fence/success-without-fencing'), [], agent);
});
