// `quorate check` and `quorate lint` on fence_virt.conf files, as processes: file:line:col
// output, exit codes, detection by name and by content, never a stack trace.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot, requireShared, runCli, STACK_TRACE, tempDir } from '../helpers.ts';

/** The course handout's fence_virt.conf. */
const HANDOUT = readFileSync(join(repoRoot, 'test', 'fixtures', 'fence-virt', 'handout.fence_virt.conf'), 'utf8');

test('quorate check FILE.fence_virt.conf (a process): syntax errors with file:line:col, exit 1; a good file exits 0', () => {
  const dir = tempDir();
  const good = join(dir, 'fence_virt.conf');
  writeFileSync(good, HANDOUT);
  const ok = runCli(['check', good]);
  assert.equal(ok.status, 0, ok.stdout + ok.stderr);
  const bad = join(dir, 'host.fence_virt.conf');
  writeFileSync(bad, HANDOUT.replace('port = "1229";', 'port = "1229"'));
  const r = runCli(['check', bad]);
  assert.equal(r.status, 1);
  assert.match(r.stdout, new RegExp(`${bad.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:11:14: error fence-virt/syntax-error: missing \`;\``));
  assert.doesNotMatch(r.stdout + r.stderr, STACK_TRACE);
  // Detected by content too, whatever the name.
  const other = join(dir, 'virt.conf');
  writeFileSync(other, HANDOUT.replace('backend = "libvirt"', 'backend = "xen"'));
  const c = runCli(['check', '--format', 'json', other]);
  assert.equal(c.status, 1, c.stdout + c.stderr);
  const json = JSON.parse(c.stdout);
  assert.deepEqual(json.diagnostics.map((d: { rule: string; range: { start: { line: number } } }) => [d.rule, d.range.start.line]), [['fence-virt/unknown-backend', 21]]);
});

test('quorate check on every shared fixture never crashes', (t) => {
  const shared = requireShared(t);
  if (!shared) return;
  const base = join(shared, 'reference', 'fence_virt.conf');
  const files = ['good', 'edge', 'bad-syntax', 'bad-semantic'].flatMap((d) => readdirSync(join(base, d)).map((f) => join(base, d, f)));
  const dir = tempDir();
  const copies = files.map((f, i) => {
    const p = join(dir, `${i}.fence_virt.conf`);
    writeFileSync(p, readFileSync(f));
    return p;
  });
  const r = runCli(['check', ...copies]);
  assert.equal(r.status, 1);
  assert.doesNotMatch(r.stdout + r.stderr, STACK_TRACE);
  assert.equal((r.stdout.match(/fence-virt\/syntax-error/g) ?? []).length, readdirSync(join(base, 'bad-syntax')).length);
});

test('quorate lint FILE.fence_virt.conf (a process) reads it as fence_virtd does, not as a .cluster', () => {
  const dir = tempDir();
  const good = join(dir, 'fence_virt.conf');
  writeFileSync(good, HANDOUT);
  const ok = runCli(['lint', good]);
  assert.equal(ok.status, 0, ok.stdout + ok.stderr);
  writeFileSync(good, HANDOUT.replace('{\nmodule_path', '{\nmodule_path = "/usr/lib64/fence-virt"\nx'));
  const bad = runCli(['lint', good]);
  assert.equal(bad.status, 1);
  assert.match(bad.stdout, /fence_virt\.conf:20:\d+: error fence-virt\/syntax-error/);
  assert.doesNotMatch(bad.stdout, /structure\/unknown-block/);
});
