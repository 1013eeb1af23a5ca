// The pre-commit hook in a real git repository: safe commits pass, unsafe ones are refused with
// the findings printed, and the hook never touches the working tree.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot, runCli, STACK_TRACE, tempDir } from '../helpers.ts';

function git(cwd: string, ...args: string[]) {
  const r = spawnSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com' } });
  return { status: r.status, out: r.stdout + r.stderr };
}

function repo(): string {
  const dir = tempDir('quorate-hook-');
  git(dir, 'init', '-q', '-b', 'main');
  const r = runCli(['hook', 'install'], { cwd: dir });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /installed .*pre-commit/);
  return dir;
}

const lab = readFileSync(join(repoRoot, 'examples', 'cluster11-lab.cluster'), 'utf8');

function snapshot(dir: string, files: string[]): string[] {
  return files.map((f) => readFileSync(join(dir, f), 'utf8'));
}

test('hook: a safe change commits', () => {
  const dir = repo();
  writeFileSync(join(dir, 'site.cluster'), lab);
  git(dir, 'add', 'site.cluster');
  const c = git(dir, 'commit', '-q', '-m', 'lab');
  assert.equal(c.status, 0, c.out);
  writeFileSync(join(dir, 'site.cluster'), lab.replace('config_version = 126', 'config_version = 127').replace('token = 10s', 'token = 12s'));
  git(dir, 'add', 'site.cluster');
  assert.equal(git(dir, 'commit', '-q', '-m', 'slower token').status, 0);
});

test('hook: an undefined fence device is refused with the finding printed; nothing is modified', () => {
  const dir = repo();
  const bad = lab.replace('device xvm { port = "node2" }', 'device xmv { port = "node2" }');
  writeFileSync(join(dir, 'site.cluster'), bad);
  git(dir, 'add', 'site.cluster');
  const before = snapshot(dir, ['site.cluster']);
  const c = git(dir, 'commit', '-q', '-m', 'typo');
  assert.notEqual(c.status, 0);
  assert.match(c.out, /site\.cluster:\d+:\d+: error fence\/undefined-device/);
  assert.match(c.out, /commit refused/);
  assert.doesNotMatch(c.out, STACK_TRACE);
  assert.deepEqual(snapshot(dir, ['site.cluster']), before);
  assert.equal(git(dir, 'rev-parse', '--verify', 'HEAD').status === 0, false, 'nothing was committed');
});

test('hook: a config that loses quorum on a single failure is refused', () => {
  const dir = repo();
  // Two nodes without two_node: losing either one leaves 1 of 2 votes, below quorum 2.
  const src = 'cluster pair {\n  config_version = 3\n  cman { two_node = false; expected_votes = 2 }\n  fence_device xvm : fence_xvm { }\n  node a { id = 1; fence { method m { device xvm { port = "a" } } } }\n  node b { id = 2; fence { method m { device xvm { port = "b" } } } }\n}\n';
  writeFileSync(join(dir, 'pair.cluster'), src);
  git(dir, 'add', 'pair.cluster');
  const c = git(dir, 'commit', '-q', '-m', 'pair');
  assert.notEqual(c.status, 0);
  assert.match(c.out, /quorum\/single-failure-loses-quorum/);
});

test('hook: it checks the staged content, not the working tree', () => {
  const dir = repo();
  writeFileSync(join(dir, 'site.cluster'), lab.replace('device xvm { port = "node2" }', 'device xmv { port = "node2" }'));
  git(dir, 'add', 'site.cluster');
  // Fixed in the working tree but not staged: the commit must still be refused.
  writeFileSync(join(dir, 'site.cluster'), lab);
  assert.notEqual(git(dir, 'commit', '-q', '-m', 'x').status, 0);
  assert.equal(readFileSync(join(dir, 'site.cluster'), 'utf8'), lab);
});

test('hook: raw cluster.conf files are checked too', () => {
  const dir = repo();
  writeFileSync(join(dir, 'cluster.conf'), '<?xml version="1.0"?>\n<cluster name="c" config_version="1">\n  <clusternodes>\n    <clusternode name="a"/>\n  </clusternodes>\n</cluster>\n');
  git(dir, 'add', 'cluster.conf');
  const c = git(dir, 'commit', '-q', '-m', 'raw');
  assert.notEqual(c.status, 0);
  assert.match(c.out, /cluster\.conf:4:\d+: error/);
});

test('hook install keeps a foreign hook unless --force', () => {
  const dir = tempDir('quorate-hook-');
  git(dir, 'init', '-q');
  writeFileSync(join(dir, '.git', 'hooks', 'pre-commit'), '#!/bin/sh\nexit 0\n');
  assert.equal(runCli(['hook', 'install'], { cwd: dir }).status, 2);
  assert.equal(runCli(['hook', 'install', '--force'], { cwd: dir }).status, 0);
  assert.ok(existsSync(join(dir, '.git', 'hooks', 'pre-commit')));
  assert.equal(runCli(['hook', 'install'], { cwd: tempDir() }).status, 2, 'outside a repository');
});

test('hook: .quorate.json can turn a rule off for the hook as for lint', () => {
  const dir = repo();
  writeFileSync(join(dir, 'two.cluster'), readFileSync(join(repoRoot, 'examples', 'two-node.cluster'), 'utf8'));
  git(dir, 'add', 'two.cluster');
  const refused = git(dir, 'commit', '-q', '-m', 'two');
  assert.notEqual(refused.status, 0, 'warnings refuse by default');
  assert.match(refused.out, /fence\/node-without-fencing/);
  // The lab file's warnings: nodes without fencing, and a two-node cluster at the default post_join_delay.
  writeFileSync(join(dir, '.quorate.json'), JSON.stringify({ rules: { 'fence/node-without-fencing': 'off', 'fence/post-join-delay': 'off' } }));
  assert.equal(git(dir, 'commit', '-q', '-m', 'two').status, 0);
});
