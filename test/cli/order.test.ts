// `quorate order` as a process against real rg_test output: every sample in
// ../shared/reference/rg_test-samples and rg_test-edge-cases, start and stop, byte for byte
// (domain-facts §9.3), plus single-resource targets, .cluster input, JSON and exit codes.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { cliPath, repoRoot, requireShared, runCli, STACK_TRACE, tempDir } from '../helpers.ts';

/** runCli, but asynchronous, so the many sample runs can overlap. */
function runCliAsync(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cliPath, ...args], { cwd: repoRoot, env: { ...process.env, NO_COLOR: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/** Runs jobs with at most `width` at a time, results in job order. */
async function pool<T>(jobs: (() => Promise<T>)[], width = 4): Promise<T[]> {
  const out: T[] = new Array(jobs.length);
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < jobs.length) {
      const i = next++;
      out[i] = await jobs[i]!();
    }
  }));
  return out;
}

/** Every start/stop/target comparison of one input file (a sample .conf or its imported .cluster). */
function comparisons(input: string, conf: string): { args: string[]; expected: string; label: string }[] {
  const out: { args: string[]; expected: string; label: string }[] = [];
  for (const op of ['start', 'stop'] as const) {
    const expectedFile = conf.replace(/\.conf$/, `.${op}.expected`);
    if (existsSync(expectedFile)) out.push({ args: ['order', input, ...(op === 'stop' ? ['--stop'] : [])], expected: readFileSync(expectedFile, 'utf8'), label: `${basename(input)} ${op}` });
  }
  const targetsFile = conf.replace(/\.conf$/, '.targets.expected');
  if (existsSync(targetsFile)) {
    const parts = readFileSync(targetsFile, 'utf8').split(/^### (start|stop) (\S+) (.*)\n/m);
    assert.equal(parts[0], '', targetsFile);
    for (let i = 1; i < parts.length; i += 4) {
      const [op, type, name, want] = [parts[i]!, parts[i + 1]!, parts[i + 2]!, parts[i + 3]!];
      const target = type === 'service' ? ['--service', name] : ['--resource', `${type}:${name}`];
      out.push({ args: ['order', input, ...target, ...(op === 'stop' ? ['--stop'] : [])], expected: want, label: `${basename(input)} ${op} ${type} ${name}` });
    }
  }
  return out;
}

const SAMPLE_DIRS = ['reference/rg_test-samples', 'reference/rg_test-edge-cases'];

function samples(shared: string): string[] {
  const out: string[] = [];
  for (const d of SAMPLE_DIRS) {
    const dir = join(shared, d);
    for (const f of readdirSync(dir).sort()) if (f.endsWith('.conf')) out.push(join(dir, f));
  }
  return out;
}

test('every rg_test sample: quorate order FILE [--stop | --service | --resource] prints exactly what rg_test noop printed', async (t) => {
  const shared = requireShared(t);
  if (!shared) return;
  const files = samples(shared);
  assert.ok(files.length >= 17, `only ${files.length} samples found`);
  const all = files.flatMap((conf) => comparisons(conf, conf));
  assert.ok(all.length >= 44, `only ${all.length} comparisons`);
  const results = await pool(all.map((c) => () => runCliAsync(c.args)));
  results.forEach((r, i) => {
    assert.equal(r.stderr, '', all[i]!.label);
    assert.equal(r.status, 0, all[i]!.label);
    assert.equal(r.stdout, all[i]!.expected, all[i]!.label);
  });
});

test('the same from each sample imported to .cluster (quorate import FILE.conf -o FILE.cluster)', async (t) => {
  const shared = requireShared(t);
  if (!shared) return;
  const dir = tempDir();
  const files = samples(shared);
  const imported = files.map((conf) => join(dir, basename(conf).replace(/\.conf$/, '.cluster')));
  const imports = await pool(files.map((conf, i) => () => runCliAsync(['import', conf, '-o', imported[i]!])));
  imports.forEach((r, i) => {
    // The samples are partial cluster.conf files (no nodes, no name): import reports that (exit 1)
    // and still writes the source.
    assert.ok(r.status === 0 || r.status === 1, `${files[i]}: ${r.stderr}`);
    assert.ok(existsSync(imported[i]!), `${files[i]} was not imported: ${r.stderr}`);
    assert.doesNotMatch(readFileSync(imported[i]!, 'utf8'), /^\s*</, 'the import is .cluster source, not XML');
  });
  const all = files.flatMap((conf, i) => comparisons(imported[i]!, conf));
  const results = await pool(all.map((c) => () => runCliAsync(c.args)));
  results.forEach((r, i) => {
    assert.equal(r.stderr, '', all[i]!.label);
    assert.equal(r.status, 0, all[i]!.label);
    assert.equal(r.stdout, all[i]!.expected, all[i]!.label);
  });
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
