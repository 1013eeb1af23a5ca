// `quorate order` as a process against real rg_test output (start and stop, byte for byte,
// domain-facts §9.3), single-resource targets, .cluster input, JSON and exit codes.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { requireShared, runCli, STACK_TRACE, tempDir } from '../helpers.ts';

// Every sample is compared in-process, raw and imported (test/compiler/simulate/rg-test-samples.test.ts);
// here the command itself runs on two samples that have both kinds of target.
test('quorate order FILE [--stop | --service | --resource] as a process prints exactly what rg_test noop printed', (t) => {
  const shared = requireShared(t);
  if (!shared) return;
  const runs: [string[], string][] = [];
  for (const sample of ['e02_case', 'e05_refs']) {
    const conf = join(shared, 'reference', 'rg_test-edge-cases', `${sample}.conf`);
    const expected = (ext: string) => readFileSync(conf.replace(/\.conf$/, ext), 'utf8');
    if (sample === 'e05_refs') runs.push([['order', conf], expected('.start.expected')], [['order', conf, '--stop'], expected('.stop.expected')]);
    // The first target of the sample: `start service s2` / `start script rs`.
    const [, op, type, name, want] = expected('.targets.expected').split(/^### (start|stop) (\S+) (.*)\n/m);
    runs.push([['order', conf, ...(type === 'service' ? ['--service', name!] : ['--resource', `${type}:${name}`]), ...(op === 'stop' ? ['--stop'] : [])], want!]);
  }
  assert.ok(runs.some(([args]) => args.includes('--service')) && runs.some(([args]) => args.includes('--resource')), 'both kinds of target are run');
  for (const [args, want] of runs) {
    const r = runCli(args);
    assert.equal(r.stderr, '', args.join(' '));
    assert.equal(r.status, 0, args.join(' '));
    assert.equal(r.stdout, want, args.join(' '));
  }
});

const NFS = `cluster lab {
  config_version = 1
  node n1 { id = 1 }
  node n2 { id = 2 }
  resources {
    ip vip { address = "10.0.0.10/24" }
    fs data { device = "/dev/sdb1"; mountpoint = "/data"; fstype = "ext4" }
    nfsserver nfs { }
    nfsclient everyone { target = "*"; options = "rw" }
  }
  service nfs_svc {
    use vip
    use data {
      use nfs { use everyone }
    }
  }
}
`;

test('a .cluster file: order follows the compiled model; JSON carries steps with line:column', (t) => {
  const dir = tempDir();
  const file = join(dir, 'nfs.cluster');
  writeFileSync(file, NFS);
  const start = runCli(['order', file]);
  assert.equal(start.stderr, '');
  assert.equal(start.status, 0);
  assert.equal(start.stdout, 'Starting nfs_svc...\n[start] service:nfs_svc\n[start] fs:data\n[start] nfsserver:nfs\n[start] nfsclient:everyone\n[start] ip:10.0.0.10/24\nStart of nfs_svc complete\n');
  const stop = runCli(['order', file, '--stop', '--service', 'nfs_svc']);
  assert.equal(stop.stdout, 'Stopping nfs_svc...\n[stop] ip:10.0.0.10/24\n[stop] nfsclient:everyone\n[stop] nfsserver:nfs\n[stop] fs:data\n[stop] service:nfs_svc\nStop of nfs_svc complete\n');
  const json = runCli(['order', file, '--format', 'json']);
  assert.equal(json.status, 0);
  const doc = JSON.parse(json.stdout);
  assert.equal(doc.operation, 'start');
  assert.deepEqual(doc.runs.map((r: { name: string; found: boolean }) => [r.name, r.found]), [['nfs_svc', true]]);
  const steps = doc.runs[0].steps as { type: string; name: string; depth: number; line: number; column: number }[];
  assert.deepEqual(steps.map((s) => [s.type, s.depth]), [['service', 0], ['fs', 1], ['nfsserver', 2], ['nfsclient', 3], ['ip', 1]]);
  // `use data {` is on line 13, column 5: the tree position, not the definition.
  assert.deepEqual([steps[1]!.line, steps[1]!.column], [13, 5]);
  // The nfsclient inherits its path from the fs mountpoint and its svcname from the service.
  const client = (doc.runs[0].steps as { attributes: Record<string, string> }[])[3]!.attributes;
  assert.equal(client.path, '/data');
  assert.equal(client.svcname, 'nfs_svc');
});

test('exit codes: unknown service 1 (with rg_test message), bad file 1, usage 2, unreadable 2; never a stack trace', (t) => {
  const dir = tempDir();
  const conf = join(dir, 'c.conf');
  writeFileSync(conf, '<cluster><rm><service name="a"><ip address="10.0.0.1"/></service></rm></cluster>\n');
  const missing = runCli(['order', conf, '--service', 'b']);
  assert.equal(missing.status, 1);
  assert.equal(missing.stdout, 'No resource b of type service found\n');

  const broken = join(dir, 'broken.conf');
  writeFileSync(broken, '<cluster><rm><service name="a">\n');
  const b = runCli(['order', broken]);
  assert.equal(b.status, 1);
  assert.match(b.stderr, /broken\.conf:\d+:\d+: error xml\/malformed/);

  const bad = join(dir, 'bad.cluster');
  writeFileSync(bad, 'cluster x { node n1 { id = "one" } }\n');
  const bc = runCli(['order', bad]);
  assert.equal(bc.status, 1);
  assert.match(bc.stderr, /bad\.cluster:1:\d+: error /);

  const bin = join(dir, 'bin.conf');
  writeFileSync(bin, Buffer.from([0x3c, 0x00, 0xff, 0xfe]));
  assert.equal(runCli(['order', bin]).status, 1);

  const vmOnly = join(dir, 'vm.conf');
  writeFileSync(vmOnly, '<cluster><rm><vm name="guest"/></rm></cluster>\n');
  const none = runCli(['order', vmOnly]);
  assert.equal(none.status, 0);
  assert.equal(none.stdout, '');
  assert.match(none.stderr, /no services; for a vm: --resource vm:guest/);
  assert.equal(runCli(['order', vmOnly, '--resource', 'vm:guest']).stdout, 'Starting guest...\n[start] vm:guest\nStart of guest complete\n');

  assert.equal(runCli(['order']).status, 2);
  assert.equal(runCli(['order', conf, '--resource', 'noColon']).status, 2);
  assert.equal(runCli(['order', conf, '--service', 'a', '--resource', 'ip:x']).status, 2);
  assert.equal(runCli(['order', join(dir, 'nope.conf')]).status, 2);
  for (const r of [missing, b, bc]) assert.doesNotMatch(r.stdout + r.stderr, STACK_TRACE);
});
