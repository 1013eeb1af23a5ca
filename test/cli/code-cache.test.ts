// The launcher's V8 code cache (compiler/cli/launcher.ts): written on the first run, read on the
// next, and never able to change what a command does. A cache folder that cannot be written, and
// a cache file that is corrupt or was made for other code, cost only the compile.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type CliRun, runCli, STACK_TRACE, tempDir } from '../helpers.ts';

const LINT = ['lint', 'examples/cluster11-lab.cluster'];
const DIGEST = 20;

/** What a command does with no cache at all (an empty QUORATE_CACHE_DIR turns it off). */
const reference = runCli(LINT, { env: { QUORATE_CACHE_DIR: '' } });

function lint(env: Record<string, string | undefined>): CliRun {
  return runCli(LINT, { env });
}

function assertSameAsWithoutCache(run: CliRun, what: string): void {
  assert.deepEqual(run, reference, what);
  assert.doesNotMatch(run.stderr, STACK_TRACE);
}

/** The cli.cjs cache file in `dir`, checked to be whole: a SHA-1 of the data, then the data. */
function cliCache(dir: string): { path: string; bytes: Buffer } {
  const names = readdirSync(dir).filter((f) => /^cli-[0-9a-f]{16}-v\d+\.\d+\.\d+-\w+\.v8cache$/.test(f));
  assert.equal(names.length, 1, `one cache file for dist/cli.cjs in ${readdirSync(dir).join(', ')}`);
  const path = join(dir, names[0]!);
  const bytes = readFileSync(path);
  assert.ok(bytes.length > DIGEST + 1000, 'the cache holds compiled code');
  assert.ok(createHash('sha1').update(bytes.subarray(DIGEST)).digest().equals(bytes.subarray(0, DIGEST)), 'the digest matches the data');
  return { path, bytes };
}

test('reference run without a cache succeeds', () => {
  assert.equal(reference.status, 0, reference.stderr);
  assert.match(reference.stdout, /1 file linted/);
});

test('the first run writes the cache, the next one uses it as it is', () => {
  const dir = join(tempDir('quorate-cache-'), 'made', 'on', 'demand');
  assertSameAsWithoutCache(lint({ QUORATE_CACHE_DIR: dir }), 'first run');
  const first = cliCache(dir);
  const written = statSync(first.path).mtimeMs;
  assertSameAsWithoutCache(lint({ QUORATE_CACHE_DIR: dir }), 'second run');
  // A cache V8 accepted is left alone; one it refused would have been written again.
  assert.equal(statSync(first.path).mtimeMs, written);
  assert.ok(cliCache(dir).bytes.equals(first.bytes));
  assert.deepEqual(readdirSync(dir).filter((f) => f.endsWith('.tmp')), [], 'no file left aside');
});

test('without QUORATE_CACHE_DIR the cache goes to $XDG_CACHE_HOME/quorate', () => {
  const xdg = tempDir('quorate-xdg-');
  assertSameAsWithoutCache(lint({ QUORATE_CACHE_DIR: undefined, XDG_CACHE_HOME: xdg }), 'XDG run');
  cliCache(join(xdg, 'quorate'));
});

// Tests run as root here, and chmod does not stop root from writing: a folder that cannot be
// created, because a regular file stands where its parent should be, fails for every user alike
// (ENOTDIR), as a read-only cache folder fails for an ordinary one.
test('a cache folder that cannot be created: the command runs the same, silently', () => {
  const base = tempDir('quorate-cache-ro-');
  const file = join(base, 'a-file');
  writeFileSync(file, 'not a folder\n');
  assertSameAsWithoutCache(lint({ QUORATE_CACHE_DIR: join(file, 'quorate') }), 'QUORATE_CACHE_DIR under a file');
  assertSameAsWithoutCache(lint({ QUORATE_CACHE_DIR: undefined, XDG_CACHE_HOME: file }), 'XDG_CACHE_HOME under a file');
  assert.equal(readFileSync(file, 'utf8'), 'not a folder\n');
  assert.deepEqual(readdirSync(base), ['a-file']);
});

test('a cache file that cannot be read or replaced (a folder in its place): the command runs the same', () => {
  const dir = tempDir('quorate-cache-blocked-');
  lint({ QUORATE_CACHE_DIR: dir });
  const { path } = cliCache(dir);
  const blocked = tempDir('quorate-cache-blocked2-');
  const inTheWay = join(blocked, path.slice(dir.length + 1));
  mkdirSync(join(inTheWay, 'not-empty'), { recursive: true });
  assertSameAsWithoutCache(lint({ QUORATE_CACHE_DIR: blocked }), 'cache path is a folder');
  assert.ok(statSync(inTheWay).isDirectory());
  assert.deepEqual(readdirSync(blocked), [path.slice(dir.length + 1)], 'the file written aside was removed');
});

test('a corrupt cache file is ignored and replaced', () => {
  const dir = tempDir('quorate-cache-corrupt-');
  lint({ QUORATE_CACHE_DIR: dir });
  const { path, bytes } = cliCache(dir);
  // Bytes changed in the middle of the data: V8 itself would not notice, and would abort.
  const corrupt = Buffer.from(bytes);
  for (let i = DIGEST + 200; i < corrupt.length; i += 997) corrupt[i] = corrupt[i]! ^ 0x5a;
  writeFileSync(path, corrupt);
  assertSameAsWithoutCache(lint({ QUORATE_CACHE_DIR: dir }), 'corrupt cache');
  const replaced = cliCache(dir);
  assert.ok(!replaced.bytes.equals(corrupt), 'the corrupt file was replaced');
  // Cut short, and emptied.
  for (const broken of [bytes.subarray(0, bytes.length >> 1), Buffer.alloc(0)]) {
    writeFileSync(path, broken);
    assertSameAsWithoutCache(lint({ QUORATE_CACHE_DIR: dir }), `cache of ${broken.length} bytes`);
    cliCache(dir);
  }
});

test('a whole cache file made for other code (V8 refuses it) is ignored and replaced', () => {
  const dir = tempDir('quorate-cache-stale-');
  // `fmt` also loads dist/prettier.cjs: its cache is whole, but not for dist/cli.cjs.
  runCli(['fmt', '--check', 'examples/cluster11-lab.cluster'], { env: { QUORATE_CACHE_DIR: dir } });
  const prettier = readdirSync(dir).find((f) => f.startsWith('prettier-'));
  assert.ok(prettier, `a cache for dist/prettier.cjs in ${readdirSync(dir).join(', ')}`);
  const { path } = cliCache(dir);
  const stale = readFileSync(join(dir, prettier));
  writeFileSync(path, stale);
  assertSameAsWithoutCache(lint({ QUORATE_CACHE_DIR: dir }), 'stale cache');
  assert.ok(!cliCache(dir).bytes.equals(stale), 'the refused file was replaced');
});

test('a new cache replaces those of earlier builds for the same Node, and leaves other Nodes\' alone', () => {
  const dir = tempDir('quorate-cache-prune-');
  const earlierBuild = `cli-0123456789abcdef-${process.version}-${process.arch}.v8cache`;
  const otherNode = `cli-0123456789abcdef-v1.0.0-${process.arch}.v8cache`;
  const otherBundle = `lsp-0123456789abcdef-${process.version}-${process.arch}.v8cache`;
  for (const name of [earlierBuild, otherNode, otherBundle]) writeFileSync(join(dir, name), 'old');
  assertSameAsWithoutCache(lint({ QUORATE_CACHE_DIR: dir }), 'run with old caches around');
  const left = readdirSync(dir);
  const current = left.filter((f) => f.startsWith('cli-') && f !== otherNode);
  assert.equal(current.length, 1, `the earlier build's cache is gone: ${left.join(', ')}`);
  assert.notEqual(current[0], earlierBuild);
  assert.deepEqual(left.sort(), [current[0], otherBundle, otherNode].sort());
});
