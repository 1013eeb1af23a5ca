// `quorate plan` as a process: each kind of change against a deployed cluster.conf, with the
// exit code terraform users expect and a golden text output. UPDATE_GOLDENS=1 rewrites goldens.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expectGolden, repoRoot, requireShared, runCli, STACK_TRACE, tempDir } from '../helpers.ts';

const lab = readFileSync(join(repoRoot, 'examples', 'cluster11-lab.cluster'), 'utf8');
const goldenDir = join(repoRoot, 'test', 'golden', 'plan');

/** The lab cluster as deployed: compiled from the example. */
function deployed(): string {
  const out = tempDir();
  const r = runCli(['compile', join(repoRoot, 'examples', 'cluster11-lab.cluster'), '-o', out]);
  assert.equal(r.status, 0, r.stderr);
  return join(out, 'cluster.conf');
}

function edit(text: string, ...pairs: [string | RegExp, string][]): string {
  let t = text;
  for (const [from, to] of pairs) {
    const next = t.replace(from, to);
    assert.notEqual(next, t, `edit ${from} applies`);
    t = next;
  }
  return t;
}

function plan(source: string, deployedPath: string, extra: string[] = []) {
  const dir = tempDir();
  const file = join(dir, 'next.cluster');
  writeFileSync(file, source);
  const r = runCli(['plan', file, '--deployed', deployedPath, ...extra], { cwd: dir });
  assert.doesNotMatch(r.stdout + r.stderr, STACK_TRACE);
  return { ...r, dir };
}

const bump = (t: string) => edit(t, ['config_version = 126', 'config_version = 127']);
const node4 = '  node node4 = "node4.private.cluster11.example.com" { id = 4; fence { method m1 { device xvm { port = "node4" } } } }\n';

const cases: { name: string; source: () => string; exit: number }[] = [
  { name: 'no-change', source: () => lab, exit: 0 },
  { name: 'version-not-bumped', source: () => edit(lab, ['totem { token = 10s }', 'totem { token = 15s }']), exit: 1 },
  { name: 'node-added', source: () => bump(edit(lab, ['  failover_domain prefernode2', `${node4}\n  failover_domain prefernode2`])), exit: 2 },
  { name: 'service-moved', source: () => bump(edit(lab, [/service public \{\n    domain = prefernode1/, 'service public {\n    domain = prefernode2'])), exit: 2 },
  { name: 'fence-device-changed', source: () => bump(edit(lab, ['key_file = "/etc/cluster/fence_xvm.key"', 'key_file = "/etc/cluster/fence_xvm-2026.key"'])), exit: 2 },
  { name: 'safe-change', source: () => bump(edit(lab, ['totem { token = 10s }', 'totem { token = 15s }'], ['quick_status = true\n      force_unmount = true\n    }\n\n    ip samba_ip', 'quick_status = true\n      force_unmount = true\n      self_fence = true\n    }\n\n    ip samba_ip'])), exit: 2 },
  { name: 'unsafe-change', source: () => bump(edit(lab, ['{ id = 1; fence', '{ id = 1; votes = 3; fence'])), exit: 1 },
  { name: 'error-in-new-config', source: () => bump(edit(lab, ['use nfs_ip', 'use nfs_ipp'])), exit: 1 },
];

for (const c of cases) {
  test(`plan: ${c.name} (exit ${c.exit})`, () => {
    const r = plan(c.source(), deployed());
    assert.equal(r.status, c.exit, r.stdout + r.stderr);
    expectGolden(join(goldenDir, `${c.name}.txt`), r.stdout);
  });
}

test('plan --format json carries the verdict and the changes', () => {
  const r = plan(bump(edit(lab, ['  failover_domain prefernode2', `${node4}\n  failover_domain prefernode2`])), deployed(), ['--format', 'json']);
  assert.equal(r.status, 2);
  const j = JSON.parse(r.stdout);
  assert.equal(j.verdict, 'safe-change');
  assert.deepEqual(j.configVersion, { deployed: 126, next: 127 });
  assert.equal(j.quorum.next.quorum, 3);
  assert.equal(j.changes[0].section, 'Nodes');
});

test('plan --bump sets config_version = deployed + 1 when the source has none, and writes the file', () => {
  const src = edit(lab, ['  config_version = 126\n', ''], ['totem { token = 10s }', 'totem { token = 12s }']);
  const r = plan(src, deployed(), ['--bump', '-o', 'build']);
  assert.equal(r.status, 2, r.stdout + r.stderr);
  assert.match(r.stdout, /config_version 126 → 127/);
  assert.match(readFileSync(join(r.dir, 'build', 'cluster.conf'), 'utf8'), /<cluster config_version="127" name="cluster11">/);
  // Refused plans write nothing.
  const refused = plan(edit(src, ['{ id = 1; fence', '{ id = 1; votes = 3; fence']), deployed(), ['--bump', '-o', 'build']);
  assert.equal(refused.status, 1);
  assert.equal(existsSync(join(refused.dir, 'build')), false);
});

test('plan reads the deployed file from stdin with --deployed -', () => {
  const dir = tempDir();
  const file = join(dir, 'next.cluster');
  writeFileSync(file, lab);
  const r = runCli(['plan', file, '--deployed', '-'], { input: readFileSync(deployed()) });
  assert.equal(r.status, 0, r.stderr);
});

test('plan: usage and I/O problems exit 3', () => {
  assert.equal(runCli(['plan', 'x.cluster']).status, 3);
  assert.equal(runCli(['plan', 'x.cluster', '--deployed', 'nope.conf']).status, 3);
  assert.equal(runCli(['plan', 'x.cluster', '--deployed', deployed(), '--bogus']).status, 3);
  const notXml = join(tempDir(), 'cluster.conf');
  writeFileSync(notXml, '<cluster name="x" config_version="1"><clusternodes>');
  const r = runCli(['plan', join(repoRoot, 'examples', 'two-node.cluster'), '--deployed', notXml]);
  assert.equal(r.status, 3);
  assert.match(r.stderr, /cannot read the deployed configuration/);
});

// Every corpus file as the deployed side is planned in-process (test/compiler/plan/plan.test.ts);
// here the command itself runs on the first of them.
test('plan works when the deployed side is hand-written XML from the corpus', (t) => {
  const shared = requireShared(t);
  if (!shared) return;
  const dir = join(shared, 'corpus', 'cluster.conf');
  const f = readdirSync(dir).filter((x) => x.endsWith('.conf')).sort().find((x) => /config_version="\d+"/.test(readFileSync(join(dir, x), 'utf8')));
  assert.ok(f, 'a corpus file with a config_version');
  const text = readFileSync(join(dir, f), 'utf8');
  const version = Number(/config_version="(\d+)"/.exec(text)![1]);
  const next = join(tempDir(), 'cluster.conf');
  writeFileSync(next, text.replace(/config_version="\d+"/, `config_version="${version + 1}"`));
  const r = runCli(['plan', next, '--deployed', join(dir, f)]);
  assert.doesNotMatch(r.stdout + r.stderr, STACK_TRACE, f);
  assert.ok([1, 2].includes(r.status ?? -1), `${f}: exit ${r.status}\n${r.stderr}`);
  assert.match(r.stdout, new RegExp(`config_version ${version} → ${version + 1}`));
});
