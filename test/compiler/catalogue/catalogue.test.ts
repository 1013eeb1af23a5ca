// The generated catalogue: its shape (ajv against catalogue.schema.json), that it is exactly what
// the generator produces from ../shared today, and the domain facts other phases rely on.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { requireShared, repoRoot } from '../../helpers.ts';
import { generateCatalogue } from '../../../scripts/gen-catalogue.ts';
import {
  attributeOf,
  boolReading,
  catalogue,
  editDistance,
  element,
  fenceAgent,
  intReading,
  resourceAgent,
  resourceAgentCaseInsensitive,
  suggest,
} from '../../../compiler/catalogue/index.ts';

const catalogueDir = join(repoRoot, 'compiler', 'catalogue');
const committedText = readFileSync(join(catalogueDir, 'catalogue.json'), 'utf8');

test('catalogue.json validates against catalogue.schema.json (ajv)', () => {
  const schema = JSON.parse(readFileSync(join(catalogueDir, 'catalogue.schema.json'), 'utf8')) as object;
  const ajv = new Ajv({ allErrors: true });
  const validate = ajv.compile(schema);
  const ok = validate(JSON.parse(committedText));
  assert.ok(ok, ajv.errorsText(validate.errors, { separator: '\n' }));
});

test('the schema rejects a malformed catalogue', () => {
  const schema = JSON.parse(readFileSync(join(catalogueDir, 'catalogue.schema.json'), 'utf8')) as object;
  const validate = new Ajv().compile(schema);
  const bad = JSON.parse(committedText);
  bad.elements.totem.attributes[0].type = { kind: 'duration' }; // no unit
  assert.equal(validate(bad), false);
  const extra = JSON.parse(committedText);
  extra.fenceAgents.fence_xvm.bogus = true;
  assert.equal(validate(extra), false);
});

test('regenerating from ../shared gives the committed catalogue.json byte for byte', (t) => {
  const shared = requireShared(t);
  if (!shared) return;
  const text = generateCatalogue(shared);
  assert.ok(text === committedText, 'catalogue.json is stale: run `npm run gen:catalogue` and commit the result');
});

test('30 resource agents, with their script names', () => {
  assert.equal(Object.keys(catalogue.resourceAgents).length, 30);
  assert.equal(resourceAgent('fs')?.agentFile, 'fs.sh');
  assert.equal(resourceAgent('db2.sh')?.agentFile, 'db2.sh');
  assert.equal(resourceAgent('db2.sh')?.primary, undefined);
  assert.equal(resourceAgent('SAPDatabase')?.agentFile, 'SAPDatabase');
  assert.equal(resourceAgent('SAPInstance')?.agentFile, 'SAPInstance');
  assert.equal(resourceAgent('constructor'), undefined);
});

test('service child levels are the classic table', () => {
  const levels = resourceAgent('service')!.children.map((c) => `${c.type} ${c.start}/${c.stop}`);
  assert.deepEqual(levels, [
    'lvm 1/9', 'fs 2/8', 'clusterfs 3/7', 'netfs 4/6', 'nfsexport 5/5', 'nfsclient 6/4', 'ip 7/2', 'smb 8/3', 'script 9/1',
  ]);
  assert.equal(resourceAgent('service')!.maxInstances, 1);
});

test('ip: primary address first, at most one instance', () => {
  const ip = resourceAgent('ip')!;
  assert.equal(ip.primary, 'address');
  assert.equal(ip.parameters[0]!.name, 'address');
  assert.equal(ip.parameters[0]!.primary, true);
  assert.equal(ip.parameters[0]!.required, true, 'primary implies required');
  assert.equal(ip.maxInstances, 1);
  assert.deepEqual(attributeOf(ip, 'sleeptime')?.type, { kind: 'duration', unit: 's', min: 0, reading: 'ip.sh#4' });
  // How ip.sh compares it: `[ "$OCF_RESKEY_sleeptime" -gt "0" ]`, a shell test.
  assert.equal(intReading(attributeOf(ip, 'sleeptime')!.type)?.conversion, 'shell-test');
});

test('nfsserver forbids nfsexport and nfsserver; fs nfslock inherits', () => {
  const forbidden = resourceAgent('nfsserver')!.children.filter((c) => c.forbid).map((c) => c.type);
  assert.deepEqual(forbidden, ['nfsexport', 'nfsserver']);
  const nfslock = attributeOf(resourceAgent('fs')!, 'nfslock')!;
  assert.equal(nfslock.inherit, 'nfslock');
  assert.equal(nfslock.default, undefined);
  assert.equal(attributeOf(resourceAgent('clusterfs')!, 'nfslock')?.inherit, 'service%nfslock');
});

test('vm: no init on add / destroy on delete; typed overlays', () => {
  const vm = resourceAgent('vm')!;
  assert.equal(vm.initOnAdd, false);
  assert.equal(vm.destroyOnDelete, false);
  assert.deepEqual(attributeOf(vm, 'migrate')?.type, { kind: 'enum', values: ['live', 'pause'] });
  const svc = resourceAgent('service')!;
  assert.deepEqual(attributeOf(svc, 'recovery')?.type, { kind: 'enum', values: ['restart', 'relocate', 'disable', 'restart-disable'] });
  assert.equal(attributeOf(svc, 'max_restarts')?.type.kind, 'integer');
  assert.equal(attributeOf(svc, 'restart_expire_time')?.type.kind, 'duration');
  assert.equal(attributeOf(resourceAgent('fs')!, 'fstype')?.type.kind, 'string');
});

test('case-insensitive agent lookup (rgmanager pass 2)', () => {
  assert.equal(resourceAgentCaseInsensitive('IP')?.name, 'ip');
  assert.equal(resourceAgentCaseInsensitive('sapinstance')?.name, 'SAPInstance');
  assert.equal(resourceAgentCaseInsensitive('nope'), undefined);
});

test('fence agents: fence_xvm parameters, deprecated spellings, secrets', () => {
  const xvm = fenceAgent('fence_xvm')!;
  for (const p of ['port', 'key_file', 'multicast_address', 'ipport', 'delay']) assert.ok(attributeOf(xvm, p), p);
  assert.equal(attributeOf(xvm, 'domain')?.deprecated, 'use port');
  assert.equal(attributeOf(xvm, 'option')?.deprecated, 'use action');
  const ipmi = fenceAgent('fence_ipmilan')!;
  assert.equal(attributeOf(ipmi, 'ipaddr')?.required, true);
  assert.equal(attributeOf(ipmi, 'passwd')?.secret, true);
  assert.deepEqual(attributeOf(ipmi, 'method')?.type, { kind: 'enum', values: ['onoff', 'cycle'] });
  assert.deepEqual(attributeOf(ipmi, 'lanplus')?.type, { kind: 'boolean', encoding: '1/0', reading: 'fencing.py#1' });
  assert.deepEqual(boolReading(attributeOf(ipmi, 'lanplus')!.type)?.on, ['1', 'yes', 'on', 'true']);
  // fencing.py's int() options are whole seconds that also take the agent's bare number.
  assert.deepEqual(attributeOf(ipmi, 'delay')?.type, { kind: 'duration', unit: 's', min: 0, bare: true, reading: 'fencing.py#4' });
  // Every reading a type names exists (the ids are the generator's).
  for (const agent of [...Object.values(catalogue.resourceAgents), ...Object.values(catalogue.fenceAgents)])
    for (const p of agent.parameters) {
      const t = p.type;
      if ((t.kind === 'boolean' || t.kind === 'integer' || t.kind === 'duration') && t.reading !== undefined)
        assert.ok(boolReading(t) ?? intReading(t), `${agent.name}.${p.name}: reading ${t.reading} is in catalogue.readings`);
    }
  for (const fa of Object.values(catalogue.fenceAgents)) {
    assert.ok(attributeOf(fa, 'option'), `${fa.name} accepts option`);
    assert.equal(attributeOf(fa, 'name'), undefined, `${fa.name}: name belongs to the element`);
  }
  assert.equal(attributeOf(fenceAgent('fence_apc_snmp')!, 'snmp_priv_passwd')?.secret, true);
});

test('elements: effective defaults and daemon types', () => {
  const token = attributeOf(element('totem')!, 'token')!;
  assert.equal(token.type.kind, 'duration');
  assert.equal(token.type.kind === 'duration' && token.type.unit, 'ms');
  assert.equal(token.default, '10000');
  assert.equal(attributeOf(element('totem')!, 'join')?.default, '60');
  assert.equal(attributeOf(element('totem')!, 'consensus')?.default, undefined);
  const pjd = attributeOf(element('fence_daemon')!, 'post_join_delay')!;
  assert.deepEqual(pjd.type, { kind: 'duration', unit: 's', min: 0 });
  assert.equal(pjd.default, '6');
  assert.deepEqual(attributeOf(element('cman')!, 'two_node')?.type, { kind: 'boolean', encoding: '1/0' });
  assert.deepEqual(attributeOf(element('cman')!, 'broadcast')?.type, { kind: 'boolean', encoding: 'yes/no' });
  assert.deepEqual(attributeOf(element('cman')!, 'transport')?.type, { kind: 'enum', values: ['udp', 'udpb', 'udpu', 'rdma'] });
  assert.deepEqual(attributeOf(element('clusternode')!, 'nodeid')?.type, { kind: 'integer', min: 1 });
  assert.equal(attributeOf(element('clusternode')!, 'nodeid')?.required, true);
  assert.deepEqual(attributeOf(element('failoverdomainnode')!, 'priority')?.type, { kind: 'integer', min: 1, max: 100 });
  assert.deepEqual(attributeOf(element('logging')!, 'debug')?.type, { kind: 'boolean', encoding: 'on/off' });
  assert.deepEqual(element('fencedevice')!.attributes.map((a) => a.name), ['name', 'agent']);
  assert.deepEqual(element('cluster')!.children, [
    'fence_daemon', 'clusternodes', 'cman', 'totem', 'quorumd', 'fencedevices', 'rm', 'logging', 'dlm',
    'gfs_controld', 'uidgid', 'fence_xvmd', 'group', 'clvmd',
  ]);
  assert.deepEqual(element('rm')!.children, ['failoverdomains', 'resources', 'resource-defaults', 'events', 'service', 'vm']);
  const meta = catalogue.resourceMetaAttributes.map((m) => m.name);
  assert.deepEqual(meta, ['__independent_subtree', '__enforce_timeouts', '__max_failures', '__failure_expire_time', '__max_restarts', '__restart_expire_time']);
});

test('suggest: Damerau-Levenshtein "did you mean"', () => {
  const ipParams = resourceAgent('ip')!.parameters.map((p) => p.name);
  assert.equal(suggest('adress', ipParams), 'address');
  assert.equal(suggest('monitr_link', ipParams), 'monitor_link');
  assert.equal(suggest('xyz', ipParams), undefined);
  assert.equal(suggest('IP', ['fs', 'ip']), 'ip');
  assert.equal(editDistance('ab', 'ba'), 1); // a transposition costs 1
  // Ties are broken deterministically, whatever the candidate order.
  assert.equal(suggest('ab', ['ac', 'aa']), 'aa');
  assert.equal(suggest('ab', ['aa', 'ac']), 'aa');
  assert.equal(suggest('fence_ipmilab', Object.keys(catalogue.fenceAgents)), 'fence_ipmilan');
});

test('fence_vmware_soap and fence_xenapi take uuid, which their RHEL 6 metadata leaves out (device_opt lists it)', async () => {
  for (const agent of ['fence_vmware_soap', 'fence_xenapi']) assert.ok(attributeOf(fenceAgent(agent)!, 'uuid'), agent);
  const { lintSource } = await import('../../../compiler/lint.ts');
  const conf = `<?xml version="1.0"?>
<cluster name="c" config_version="1">
  <clusternodes>
    <clusternode name="a" nodeid="1"><fence><method name="1"><device name="v" uuid="4207cd3c-1bd2-11ee-be56-0242ac120002"/></method></fence></clusternode>
  </clusternodes>
  <fencedevices><fencedevice name="v" agent="fence_vmware_soap" ipaddr="vc" login="u" passwd_script="/x"/></fencedevices>
</cluster>
`;
  const found = lintSource(conf, { kind: 'cluster-conf' }).diagnostics.filter((d) => d.rule === 'fence/unknown-parameter');
  assert.deepEqual(found, []);
});
