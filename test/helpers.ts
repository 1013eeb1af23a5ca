// Shared test helpers: finding the reference material, running the bundled CLI as a process,
// comparing output with a checked-in golden file.

import { AssertionError } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import type { TestContext } from 'node:test';

export const repoRoot = resolve(import.meta.dirname, '..');
export const cliPath = join(repoRoot, 'dist', 'quorate.cjs');

/** ../shared (or $QUORATE_SHARED), or undefined when this machine does not have it. */
export function sharedDir(): string | undefined {
  const dir = process.env.QUORATE_SHARED ? resolve(process.env.QUORATE_SHARED) : resolve(repoRoot, '..', 'shared');
  return existsSync(join(dir, 'reference')) ? dir : undefined;
}

/**
 * The shared dir for a test that needs it: skips the test with a clear message when it is
 * absent — except in CI (QUORATE_REQUIRE_SHARED=1), where its absence is a failure.
 */
export function requireShared(t: TestContext): string | undefined {
  const dir = sharedDir();
  if (dir) return dir;
  if (process.env.QUORATE_REQUIRE_SHARED) throw new Error('reference material (../shared or QUORATE_SHARED) is required here but missing');
  t.skip('reference material not found: set QUORATE_SHARED to the shared/ folder to run this test');
  return undefined;
}

/** True when a command is on PATH; in CI a missing tool is a failure, elsewhere a skip. */
export function requireTool(t: TestContext, tool: string, debianPackage: string): boolean {
  const found = spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;
  if (found) return true;
  if (process.env.QUORATE_REQUIRE_SHARED) throw new Error(`${tool} is required here (apt-get install ${debianPackage})`);
  t.skip(`${tool} not installed (apt-get install ${debianPackage})`);
  return false;
}

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], options: { cwd?: string; env?: Record<string, string | undefined>; input?: string | Buffer } = {}): CliRun {
  const r = spawnSync(process.execPath, [cliPath, ...args], {
    cwd: options.cwd ?? repoRoot,
    env: { ...process.env, NO_COLOR: '1', ...options.env },
    input: options.input,
    encoding: 'utf8',
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

export function tempDir(prefix = 'quorate-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** A node stack trace line: no output of ours may ever contain one. */
export const STACK_TRACE = /^\s+at .+\(.+:\d+:\d+\)$|^\s+at .+:\d+:\d+$/m;

/** Set UPDATE_GOLDENS=1 to rewrite goldens on purpose (then review the diff). */
export const updatingGoldens = process.env.UPDATE_GOLDENS === '1';

/**
 * Asserts that `actual` is the content of the golden file at `path`. A missing golden is a
 * failure, never a fresh golden: only `update` (UPDATE_GOLDENS=1) writes it, and says so on
 * stderr, so a test never passes by writing what it then compares with.
 */
export function expectGolden(path: string, actual: string, options: { update?: boolean } = {}): void {
  const update = options.update ?? updatingGoldens;
  const shown = relative(repoRoot, path).startsWith('..') ? path : relative(repoRoot, path);
  const expected = existsSync(path) ? readFileSync(path, 'utf8') : undefined;
  if (update) {
    if (expected !== actual) {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, actual);
      process.stderr.write(`UPDATE_GOLDENS: ${expected === undefined ? 'wrote' : 'rewrote'} ${shown}\n`);
    }
    return;
  }
  if (expected === undefined) {
    throw new AssertionError({ message: `golden ${shown} is missing: run with UPDATE_GOLDENS=1 to write it, then review it`, actual, expected: undefined, operator: 'expectGolden' });
  }
  if (expected === actual) return;
  const a = actual.split('\n');
  const e = expected.split('\n');
  let line = 0;
  while (line < a.length && line < e.length && a[line] === e[line]) line++;
  const show = (x: string | undefined) => (x === undefined ? '(end of text)' : JSON.stringify(x));
  throw new AssertionError({
    message: `output differs from golden ${shown} at line ${line + 1}:\n  golden: ${show(e[line])}\n  actual: ${show(a[line])}\n(UPDATE_GOLDENS=1 rewrites it, for intended changes only)`,
    actual,
    expected,
    operator: 'expectGolden',
  });
}
