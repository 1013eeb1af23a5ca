// `quorate fmt` as a process (dist/quorate.cjs): printing, --check, --write (atomic, and never
// touching a file that does not parse), stdin, usage errors.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot, runCli, STACK_TRACE, tempDir } from '../helpers.ts';

const UNFORMATTED = 'cluster c {config_version=1\n\n\n  totem{token=10s}   # why\n  node n1 = "x" {\n  id = 1 }\n}\n';
const FORMATTED = 'cluster c {\n  config_version = 1\n\n  totem { token = 10s } # why\n  node n1 = "x" {\n    id = 1\n  }\n}\n';
const BROKEN = 'cluster c {\n  totem { token = 10s\n  node n1 = "x" { id = 1 }\n';

function files(contents: Record<string, string>): string {
  const dir = tempDir('quorate-fmt-');
  for (const [name, text] of Object.entries(contents)) writeFileSync(join(dir, name), text);
  return dir;
}

test('fmt FILE prints the formatted text and changes nothing', () => {
  const dir = files({ 'a.cluster': UNFORMATTED });
  const r = runCli(['fmt', 'a.cluster'], { cwd: dir });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, FORMATTED);
  assert.equal(r.stderr, '');
  assert.equal(readFileSync(join(dir, 'a.cluster'), 'utf8'), UNFORMATTED);
});

test('fmt - formats standard input', () => {
  const r = runCli(['fmt', '-'], { input: UNFORMATTED });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, FORMATTED);
});

test('fmt --print-width sets the line length', () => {
  const r = runCli(['fmt', '--print-width', '30', '-'], { input: 'node n1 = "node1.example.com" { id = 1 }\n' });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, 'node n1 = "node1.example.com" {\n  id = 1\n}\n');
  const bad = runCli(['fmt', '--print-width', 'wide', '-'], { input: '' });
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /--print-width must be a whole number/);
});

test('fmt --check names the files that would change and exits 1; 0 when all are formatted', () => {
  const dir = files({ 'a.cluster': UNFORMATTED, 'b.cluster': FORMATTED });
  const r = runCli(['fmt', '--check', 'a.cluster', 'b.cluster'], { cwd: dir });
  assert.equal(r.status, 1);
  assert.equal(r.stdout, 'a.cluster\n');
  assert.match(r.stderr, /1 of 2 files would be reformatted/);
  assert.equal(readFileSync(join(dir, 'a.cluster'), 'utf8'), UNFORMATTED, '--check writes nothing');
  const ok = runCli(['fmt', '--check', 'b.cluster'], { cwd: dir });
  assert.equal(ok.status, 0, ok.stderr);
  assert.equal(ok.stdout, '');
});

test('fmt --check passes on every example (they are kept in the canonical layout)', () => {
  const examples = readdirSync(join(repoRoot, 'examples')).filter((f) => f.endsWith('.cluster')).map((f) => join('examples', f));
  const r = runCli(['fmt', '--check', ...examples]);
  assert.equal(r.stdout, '', 'every example is in the canonical layout: run quorate fmt --write examples/*.cluster');
  assert.equal(r.status, 0, r.stderr);
});

test('fmt --write replaces the files that change (atomically) and leaves formatted ones alone', () => {
  const dir = files({ 'a.cluster': UNFORMATTED, 'b.cluster': FORMATTED });
  const inodeA = statSync(join(dir, 'a.cluster')).ino;
  const before = statSync(join(dir, 'b.cluster'));
  const r = runCli(['fmt', '--write', 'a.cluster', 'b.cluster'], { cwd: dir });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, 'a.cluster\n');
  assert.match(r.stderr, /1 file reformatted/);
  assert.equal(readFileSync(join(dir, 'a.cluster'), 'utf8'), FORMATTED);
  assert.notEqual(statSync(join(dir, 'a.cluster')).ino, inodeA, 'replaced by a rename, not rewritten in place');
  const after = statSync(join(dir, 'b.cluster'));
  assert.equal(after.ino, before.ino, 'an already formatted file is not touched');
  assert.equal(after.mtimeMs, before.mtimeMs);
  assert.deepEqual(readdirSync(dir).sort(), ['a.cluster', 'b.cluster'], 'no temporary file left behind');
  const again = runCli(['fmt', '--check', 'a.cluster'], { cwd: dir });
  assert.equal(again.status, 0, 'the written file passes --check');
});

test('fmt --write never touches a file with syntax errors: byte-identical, errors reported, exit 1', () => {
  const dir = files({ 'broken.cluster': BROKEN, 'a.cluster': UNFORMATTED });
  const original = readFileSync(join(dir, 'broken.cluster'));
  const mtime = statSync(join(dir, 'broken.cluster')).mtimeMs;
  const r = runCli(['fmt', '--write', 'broken.cluster', 'a.cluster'], { cwd: dir });
  assert.equal(r.status, 1);
  assert.deepEqual(readFileSync(join(dir, 'broken.cluster')), original);
  assert.equal(statSync(join(dir, 'broken.cluster')).mtimeMs, mtime);
  assert.match(r.stderr, /^broken\.cluster:\d+:\d+: error syntax\//m);
  assert.doesNotMatch(r.stdout, /broken/);
  assert.equal(readFileSync(join(dir, 'a.cluster'), 'utf8'), FORMATTED, 'the other file is still formatted');
  assert.doesNotMatch(r.stderr, STACK_TRACE);
});

test('fmt --write leaves a binary file byte-identical', () => {
  const dir = tempDir('quorate-fmt-');
  const junk = Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x00, 0x01, 0x02, 0x0a]);
  writeFileSync(join(dir, 'junk.cluster'), junk);
  const r = runCli(['fmt', '--write', 'junk.cluster'], { cwd: dir });
  assert.equal(r.status, 1);
  assert.match(r.stderr, /input\/binary/);
  assert.deepEqual(readFileSync(join(dir, 'junk.cluster')), junk);
});

test('fmt on a broken file prints nothing on stdout and the errors on stderr', () => {
  const dir = files({ 'broken.cluster': BROKEN });
  const r = runCli(['fmt', 'broken.cluster'], { cwd: dir });
  assert.equal(r.status, 1);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /broken\.cluster:\d+:\d+: error syntax\//);
  const check = runCli(['fmt', '--check', 'broken.cluster'], { cwd: dir });
  assert.equal(check.status, 1);
});

test('fmt usage and I/O errors exit 2', () => {
  const none = runCli(['fmt']);
  assert.equal(none.status, 2);
  assert.match(none.stderr, /fmt needs at least one FILE/);
  const both = runCli(['fmt', '--check', '--write', 'x.cluster']);
  assert.equal(both.status, 2);
  assert.match(both.stderr, /--check and --write/);
  const stdin = runCli(['fmt', '--write', '-'], { input: '' });
  assert.equal(stdin.status, 2);
  const missing = runCli(['fmt', '--check', 'does-not-exist.cluster'], { cwd: tempDir() });
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /cannot read does-not-exist\.cluster: ENOENT/);
  for (const r of [none, both, stdin, missing]) assert.doesNotMatch(r.stderr, STACK_TRACE);
});

test('fmt is listed in quorate --help and has its own help with an example', () => {
  const main = runCli(['--help']);
  assert.match(main.stdout, /fmt FILE\.\.\. \[--check\|--write\]/);
  const help = runCli(['help', 'fmt']);
  assert.equal(help.status, 0);
  assert.match(help.stdout, /Example/);
  assert.match(help.stdout, /--check/);
});

test('fmt --write on a copy of an example is a no-op: the examples are formatted', () => {
  const dir = tempDir('quorate-fmt-');
  copyFileSync(join(repoRoot, 'examples', 'datacenter.cluster'), join(dir, 'd.cluster'));
  const ino = statSync(join(dir, 'd.cluster')).ino;
  const r = runCli(['fmt', '--write', 'd.cluster'], { cwd: dir });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, '');
  assert.equal(statSync(join(dir, 'd.cluster')).ino, ino);
});
