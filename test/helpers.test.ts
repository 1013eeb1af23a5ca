// The golden helper itself: a golden test must not be able to pass by accident, so a missing
// golden fails, a different one fails without being touched, and only the update switch writes.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expectGolden, tempDir } from './helpers.ts';

test('a missing golden fails and is not written', () => {
  const path = join(tempDir(), 'missing.txt');
  assert.throws(() => expectGolden(path, 'output\n', { update: false }), (e: Error) => {
    assert.equal(e.name, 'AssertionError');
    assert.match(e.message, /missing\.txt is missing: run with UPDATE_GOLDENS=1/);
    return true;
  });
  assert.equal(existsSync(path), false, 'no fresh golden appears');
});

test('a golden that differs fails, names the first different line, and is left as it was', () => {
  const path = join(tempDir(), 'golden.txt');
  writeFileSync(path, 'one\ntwo\nthree\n');
  assert.throws(() => expectGolden(path, 'one\n2\nthree\n', { update: false }), /at line 2:\n {2}golden: "two"\n {2}actual: "2"/);
  assert.throws(() => expectGolden(path, 'one\ntwo\n', { update: false }), /at line 3:\n {2}golden: "three"\n {2}actual: ""/);
  assert.equal(readFileSync(path, 'utf8'), 'one\ntwo\nthree\n');
});

test('a matching golden passes', () => {
  const path = join(tempDir(), 'golden.txt');
  writeFileSync(path, 'same\n');
  expectGolden(path, 'same\n', { update: false });
});

test('the update switch writes a missing golden (creating its folder) and rewrites a different one', () => {
  const path = join(tempDir(), 'new', 'golden.txt');
  expectGolden(path, 'first\n', { update: true });
  assert.equal(readFileSync(path, 'utf8'), 'first\n');
  expectGolden(path, 'second\n', { update: true });
  assert.equal(readFileSync(path, 'utf8'), 'second\n');
  expectGolden(path, 'second\n', { update: false });
});
