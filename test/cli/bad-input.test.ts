// Bad input, driven the way a user meets it: `quorate compile` as a process. Each fixture in
// test/fixtures/bad/ states the diagnostics it must produce (`# expect: RULE LINE:COL`); every
// one must fail with exit 1, print no stack trace and write no output file.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot, runCli, STACK_TRACE, tempDir } from '../helpers.ts';

const dir = join(repoRoot, 'test', 'fixtures', 'bad');

interface Expected {
  rule: string;
  line: number;
  column: number;
}

function expectations(file: string): Expected[] {
  const text = readFileSync(join(dir, file), 'utf8');
  if (text.length === 0) return [{ rule: 'structure/missing-cluster', line: 1, column: 1 }];
  return [...text.matchAll(/^# expect: (\S+) (\d+):(\d+)$/gm)].map((m) => ({ rule: m[1], line: Number(m[2]), column: Number(m[3]) }));
}

interface JsonDiagnostic {
  rule: string;
  severity: string;
  range: { start: { line: number; column: number } };
}

function compileExpectingFailure(path: string, env: Record<string, string | undefined> = {}): JsonDiagnostic[] {
  const out = tempDir();
  const r = runCli(['compile', path, '-o', out, '--format', 'json'], { env });
  assert.equal(r.status, 1, `exit status for ${path}: ${r.stderr}`);
  assert.doesNotMatch(r.stderr + r.stdout, STACK_TRACE);
  assert.equal(existsSync(join(out, 'cluster.conf')), false, 'no output may be written when there are errors');
  return (JSON.parse(r.stdout) as { diagnostics: JsonDiagnostic[] }).diagnostics;
}

const files = readdirSync(dir).filter((f) => f.endsWith('.cluster')).sort();

test('there are at least 30 bad-input fixtures', () => {
  assert.ok(files.length >= 30, `only ${files.length}`);
});

for (const file of files) {
  test(`bad input: ${file}`, () => {
    const expected = expectations(file);
    assert.ok(expected.length > 0, 'fixture states what it expects');
    const got = compileExpectingFailure(join(dir, file));
    for (const e of expected) {
      const hit = got.find((d) => d.rule === e.rule && d.range.start.line === e.line && d.range.start.column === e.column);
      assert.ok(hit, `expected ${e.rule} at ${e.line}:${e.column}; got:\n${got.map((d) => `  ${d.rule} ${d.range.start.line}:${d.range.start.column}`).join('\n')}`);
    }
  });
}

test('bad input: a file that is not UTF-8', () => {
  const t = tempDir();
  const path = join(t, 'latin1.cluster');
  // "café" in Latin-1 on line 2, column 16.
  writeFileSync(path, Buffer.concat([Buffer.from('cluster c1 {\n  # maintained by caf'), Buffer.from([0xe9]), Buffer.from('\n}\n')]));
  const got = compileExpectingFailure(path);
  assert.deepEqual(got.map((d) => [d.rule, d.range.start.line, d.range.start.column]), [['input/not-utf8', 2, 22]]);
});

test('bad input: a binary file', () => {
  const t = tempDir();
  const path = join(t, 'junk.cluster');
  writeFileSync(path, Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x00, 0x00, 0xff, 0xfe]));
  const got = compileExpectingFailure(path);
  assert.equal(got[0].rule, 'input/binary');
  assert.equal(got[0].range.start.line, 1);
});

test('bad input: random bytes that are valid UTF-8 give syntax errors, capped, never a crash', () => {
  const t = tempDir();
  const path = join(t, 'noise.cluster');
  let s = '';
  let seed = 42;
  for (let i = 0; i < 20000; i++) {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    s += String.fromCharCode(32 + (seed % 95));
  }
  writeFileSync(path, s);
  const got = compileExpectingFailure(path);
  assert.ok(got.length > 0 && got.length <= 101, `got ${got.length}`);
});
