// fence_virt.conf through the real thing: Debian's fence_virtd (whose config grammar is the one
// RHEL 6's fence-virt 0.2.x used) parses and starts on every compiled file, the real fence_xvm
// client fences libvirt's test guest through a fence_virtd running our compiled conf, and a
// device that disagrees with the listener fails there too — after the cross-file rule said so.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileText, importFenceVirtConf } from '../../compiler/api.ts';
import { expectGolden, repoRoot, requireShared, requireTool, runCli, tempDir } from '../helpers.ts';

const examplesDir = join(repoRoot, 'examples');
const goldenDir = join(repoRoot, 'test', 'golden', 'examples');
const secretsEnv = { IPMI_PASS: 'example-ipmi-password' };

function compile(source: string, dir: string): { status: number | null; stderr: string } {
  const src = join(dir, 'input.cluster');
  writeFileSync(src, source);
  const r = runCli(['compile', src, '-o', dir], { env: secretsEnv });
  return { status: r.status, stderr: r.stderr };
}

function checker(shared: string, file: string, ...flags: string[]) {
  return spawnSync(join(shared, 'tools', 'check-fence-virt-conf'), [...flags, file], { encoding: 'utf8', timeout: 60_000 });
}

function haveDaemon(t: Parameters<typeof requireTool>[0]): boolean {
  return requireTool(t, 'fence_virtd', 'fence-virtd') && requireTool(t, 'unshare', 'util-linux');
}

// PATH may lack /usr/sbin for non-root users.
process.env.PATH = `${process.env.PATH}:/usr/sbin:/sbin`;

test('every example with VM fencing has a fence_virtd block; its fence_virt.conf matches the golden and the real fence_virtd starts on it', (t) => {
  const shared = requireShared(t);
  if (!shared || !haveDaemon(t)) return;
  const checked = new Map<string, string>();
  let n = 0;
  for (const name of readdirSync(examplesDir).filter((f) => f.endsWith('.cluster')).sort()) {
    const source = readFileSync(join(examplesDir, name), 'utf8');
    if (!/:\s*fence_(xvm|virt)\b/.test(source)) continue;
    n++;
    assert.match(source, /^fence_virtd \{/m, `${name} fences VMs, so it describes the host side too`);
    const out = tempDir();
    let text: string;
    if (name === 'vm-fencing.cluster' || name === 'cluster11-lab.cluster') {
      // The handout's two VM-fencing labs through the CLI as a process; the rest in-process.
      const r = runCli(['compile', join(examplesDir, name), '-o', out], { env: secretsEnv });
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stdout, /fence_virt\.conf/);
      text = readFileSync(join(out, 'fence_virt.conf'), 'utf8');
    } else {
      const r = compileText(source, { secrets: { env: (k) => (secretsEnv as Record<string, string>)[k], readFile: () => undefined } });
      assert.deepEqual(r.diagnostics.filter((d) => d.severity === 'error'), []);
      text = r.outputs.find((o) => o.name === 'fence_virt.conf')!.text;
      writeFileSync(join(out, 'fence_virt.conf'), text);
    }
    const conf = join(out, 'fence_virt.conf');
    expectGolden(join(goldenDir, name.replace(/\.cluster$/, '.fence_virt.conf')), text);
    // --deep: libvirt's test driver stands in for qemu:///system, the interface is created in a
    // private netns, so the daemon initialises backend and listener (validating every key);
    // --strict: a warning (e.g. whitespace inside quotes) is a failure.
    if (!checked.has(text)) {
      const c = checker(shared, conf, '--deep', '--strict', '-t', '2', '-q');
      checked.set(text, `${c.status} ${c.stdout}${c.stderr}`);
      assert.equal(c.status, 0, `${name}: ${c.stdout}${c.stderr}`);
      assert.match(c.stdout, /^ACCEPTED: .*0 warning\(s\)/m);
    }
  }
  assert.ok(n >= 2, 'at least the VM-fencing lab and the three-node lab');
});

test('the checker can fail: a fence_virt.conf with a syntax error or an unknown backend is refused', (t) => {
  const shared = requireShared(t);
  if (!shared || !haveDaemon(t)) return;
  const dir = tempDir();
  const bad = join(dir, 'fence_virt.conf');
  writeFileSync(bad, 'fence_virtd {\n\tlistener = "multicast"\n\tbackend = "libvirt";\n}\n');
  assert.equal(checker(shared, bad, '-q').status, 1);
  writeFileSync(bad, 'fence_virtd {\n\tlistener = "multicast";\n\tbackend = "xen";\n}\n');
  assert.equal(checker(shared, bad, '-q').status, 2);
});

/** The values fence_virtd read, from the checker's dump of its parse tree: "path/key=value" lines. */
function parsedValues(output: string): string[] {
  const values: string[] = [];
  const stack: string[] = [];
  for (const raw of output.split('\n')) {
    if (!raw.startsWith('  | ')) continue;
    const line = raw.slice(4).trim();
    let m: RegExpMatchArray | null;
    if ((m = line.match(/^(\S+)(?: = "(.*)")? \{$/))) stack.push(m[2] === undefined ? m[1] : `${m[1]}=${m[2]}`);
    else if (line === '}') stack.pop();
    else if ((m = line.match(/^(\S+) = "(.*)";$/))) values.push(`${[...stack, m[1]].join('/').toLowerCase()}=${m[2]}`);
  }
  return values.sort();
}

test('the handout\'s fence_virt.conf imports and compiles back to a file the real parser reads with the same values', (t) => {
  const shared = requireShared(t);
  if (!shared || !haveDaemon(t)) return;
  const original = join(shared, 'reference', 'fence_virt.conf', 'good', 'rhel6-handout.conf');
  const im = importFenceVirtConf(readFileSync(original, 'utf8'));
  assert.deepEqual(im.diagnostics, []);
  // As the admin does it: quorate import cluster.conf --fence-virt fence_virt.conf, then compile.
  const dir = tempDir();
  const imported = runCli(['import', join(goldenDir, 'vm-fencing.cluster.conf'), '--fence-virt', original, '-o', join(dir, 'lab.cluster')]);
  assert.equal(imported.status, 0, imported.stderr);
  assert.match(readFileSync(join(dir, 'lab.cluster'), 'utf8'), /^fence_virtd \{$/m);
  const r = runCli(['compile', join(dir, 'lab.cluster'), '-o', dir]);
  assert.equal(r.status, 0, r.stderr);
  const before = checker(shared, original);
  const after = checker(shared, join(dir, 'fence_virt.conf'));
  assert.equal(before.status, 0, before.stdout);
  assert.equal(after.status, 0, after.stdout);
  const a = parsedValues(before.stdout);
  assert.ok(a.includes('listeners/multicast/interface=private'), a.join('\n'));
  assert.ok(a.length >= 9, a.join('\n'));
  assert.deepEqual(parsedValues(after.stdout), a);
});

// ---- the real fence path

function attrs(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of tag.matchAll(/([A-Za-z_]+)="([^"]*)"/g)) out[m[1]] = m[2];
  return out;
}

/**
 * What fenced writes on the agent's standard input for `nodeName`'s first device: the
 * <device> attributes but `name`, `nodename=`, then the <fencedevice> attributes but `name`
 * (agent= included) — followed here by the action.
 */
function agentStdin(clusterConf: string, nodeName: string, action: string): string {
  const node = clusterConf.match(new RegExp(`<clusternode [^>]*name="${nodeName}"[^>]*>([\\s\\S]*?)</clusternode>`));
  assert.ok(node, `node ${nodeName} in\n${clusterConf}`);
  const device = attrs(node[1].match(/<device [^>]*>/)![0]);
  const fd = clusterConf.match(/<fencedevice [^>]*>/g)!.map(attrs).find((f) => f.name === device.name)!;
  const lines: string[] = [];
  for (const [k, v] of Object.entries(device)) if (k !== 'name') lines.push(`${k}=${v}`);
  if (!('nodename' in device)) lines.push(`nodename=${nodeName}`);
  for (const [k, v] of Object.entries(fd)) if (k !== 'name') lines.push(`${k}=${v}`);
  lines.push(`action=${action}`);
  return lines.join('\n') + '\n';
}

function labSource(dir: string, device: string, withHost = true): string {
  return `cluster lab {
  config_version = 1
  fence_device xvm : fence_xvm { ${device} }
  node node1 = "node1.example.com" { id = 1; fence { method m1 { device xvm { port = "test" } } } }
  node node2 = "node2.example.com" { id = 2; fence { method m1 { device xvm { port = "node2" } } } }
}
${withHost ? `fence_virtd {
  listener multicast {
    key_file = "${dir}/host.key"
    interface = "lo"
    address = "225.0.0.12"
    port = 1229
  }
  backend libvirt { uri = "test:///default" }
}` : ''}
`;
}

test('the real fence_xvm, with the arguments compiled from a node\'s device, fences through the real fence_virtd running our fence_virt.conf', (t) => {
  if (!haveDaemon(t) || !requireTool(t, 'fence_xvm', 'fence-virt') || !requireTool(t, 'ip', 'iproute2')) return;
  const dir = tempDir('quorate-xvm-');
  writeFileSync(join(dir, 'host.key'), randomBytes(256));
  writeFileSync(join(dir, 'other.key'), randomBytes(256));
  chmodSync(join(dir, 'host.key'), 0o600);
  const good = labSource(dir, `multicast_address = "225.0.0.12"; ipport = "1229"; key_file = "${dir}/host.key"; timeout = "5"`);
  mkdirSync(join(dir, 'good'));
  const r = compile(good, join(dir, 'good'));
  assert.equal(r.status, 0, r.stderr);
  const clusterConf = readFileSync(join(dir, 'good', 'cluster.conf'), 'utf8');

  // Mismatching port: the cross-file rule flags it (quorate check exits 1) ...
  const badPort = labSource(dir, `key_file = "${dir}/host.key"; ipport = "1230"; timeout = "2"`);
  writeFileSync(join(dir, 'bad-port.cluster'), badPort);
  const cp = runCli(['check', join(dir, 'bad-port.cluster')]);
  assert.equal(cp.status, 1, cp.stdout);
  assert.match(cp.stdout, /bad-port\.cluster:3:\d+: error fence-virt\/port-mismatch/);
  // ... and the guests' cluster.conf compiled on its own (no host side to compare) fails for real.
  mkdirSync(join(dir, 'bad-port'));
  assert.equal(compile(labSource(dir, `key_file = "${dir}/host.key"; ipport = "1230"; timeout = "2"`, false), join(dir, 'bad-port')).status, 0);
  // Mismatching key file: flagged (a warning: two paths may hold the same key), and it fails.
  const badKey = labSource(dir, `key_file = "${dir}/other.key"; timeout = "2"`);
  writeFileSync(join(dir, 'bad-key.cluster'), badKey);
  const ck = runCli(['check', join(dir, 'bad-key.cluster')]);
  assert.match(ck.stdout, /bad-key\.cluster:3:\d+: warning fence-virt\/key-file-mismatch/);
  mkdirSync(join(dir, 'bad-key'));
  assert.equal(compile(badKey, join(dir, 'bad-key')).status, 0);

  // auth must match (an error, so the guests' side is compiled alone); a stronger hash is fine (clean).
  const badAuth = labSource(dir, `key_file = "${dir}/host.key"; auth = "sha512"; timeout = "2"`);
  writeFileSync(join(dir, 'bad-auth.cluster'), badAuth);
  assert.match(runCli(['check', join(dir, 'bad-auth.cluster')]).stdout, /bad-auth\.cluster:3:\d+: error fence-virt\/hash-mismatch/);
  mkdirSync(join(dir, 'bad-auth'));
  assert.equal(compile(labSource(dir, `key_file = "${dir}/host.key"; auth = "sha512"; timeout = "2"`, false), join(dir, 'bad-auth')).status, 0);
  const strongHash = labSource(dir, `key_file = "${dir}/host.key"; hash = "sha512"; timeout = "5"`);
  mkdirSync(join(dir, 'strong-hash'));
  const sh = compile(strongHash, join(dir, 'strong-hash'));
  assert.equal(sh.status, 0, sh.stderr);
  assert.doesNotMatch(sh.stderr, /fence-virt\//);

  const run = join(dir, 'run');
  mkdirSync(run);
  writeFileSync(join(run, 'fence_virt.conf'), readFileSync(join(dir, 'good', 'fence_virt.conf')));
  const steps: [string, string, string][] = [
    ['a-status', 'good', 'status'],
    ['b-off', 'good', 'off'],
    ['c-status-after-off', 'good', 'status'],
    ['d-on', 'good', 'on'],
    ['e-status-after-on', 'good', 'status'],
    ['f-bad-port', 'bad-port', 'status'],
    ['g-bad-key', 'bad-key', 'status'],
    ['h-bad-auth', 'bad-auth', 'status'],
    ['i-stronger-hash', 'strong-hash', 'status'],
  ];
  for (const [name, variant, action] of steps) {
    writeFileSync(join(run, `${name}.stdin`), agentStdin(readFileSync(join(dir, variant, 'cluster.conf'), 'utf8'), 'node1.example.com', action));
  }
  // Exactly what the compiled cluster.conf says for node1: domain, then the device's address, port and key.
  assert.equal(readFileSync(join(run, 'a-status.stdin'), 'utf8'), `port=test\nnodename=node1.example.com\nagent=fence_xvm\nipport=1229\nkey_file=${dir}/host.key\nmulticast_address=225.0.0.12\ntimeout=5\naction=status\n`);
  assert.ok(clusterConf.includes('port="test"'));
  const x = spawnSync(join(repoRoot, 'test', 'compiler', 'fence-virt', 'xvm-netns.sh'), [run], { encoding: 'utf8', timeout: 120_000 });
  const results = Object.fromEntries([...x.stdout.matchAll(/^RESULT (\S+) (\d+)$/gm)].map((m) => [m[1], Number(m[2])]));
  const out = (n: string) => (existsSync(join(run, `${n}.out`)) ? readFileSync(join(run, `${n}.out`), 'utf8') : '');
  const log = `${x.stdout}${x.stderr}`;
  assert.equal(results['a-status'], 0, log);
  assert.match(out('a-status'), /Status: ON/);
  assert.equal(results['b-off'], 0, log);
  assert.equal(results['c-status-after-off'], 2, `the guest is really off: ${out('c-status-after-off')}\n${log}`);
  assert.equal(results['d-on'], 0, log);
  assert.equal(results['e-status-after-on'], 0, log);
  assert.match(out('e-status-after-on'), /Status: ON/);
  assert.notEqual(results['f-bad-port'], 0, `a device on the wrong port cannot fence: ${log}`);
  assert.notEqual(results['g-bad-key'], 0, `a device with another key cannot fence: ${log}`);
  assert.notEqual(results['h-bad-auth'], 0, `a device answering the challenge with another auth cannot fence: ${log}`);
  assert.equal(results['i-stronger-hash'], 0, `fence_virtd accepts a stronger hash, as the rule assumes: ${log}`);
  assert.match(log, /Request \d+ seqno \d+ domain test/);
});
