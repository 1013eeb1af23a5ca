// compiler/cli/render.ts: an excerpt shows at most EXCERPT_COLUMNS of its line, cut around the
// range, so the text output grows with the number of findings, not with findings × line length.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXCERPT_COLUMNS, excerptWindow, renderText } from '../../compiler/cli/render.ts';
import { runCli, tempDir } from '../helpers.ts';

test('a short line is shown whole, its caret unchanged', () => {
  assert.deepEqual(excerptWindow('abc def', 4, 3), { text: 'abc def', caretColumn: 4, caretWidth: 3 });
});

test('a long line is cut around the range, with an ellipsis on each cut side, and the caret stays under the range', () => {
  const line = 'a'.repeat(5000) + 'TARGET' + 'b'.repeat(5000);
  const w = excerptWindow(line, 5000, 6);
  assert.ok(w.text.length <= EXCERPT_COLUMNS + 2);
  assert.ok(w.text.startsWith('…') && w.text.endsWith('…'));
  assert.equal(w.text.slice(w.caretColumn, w.caretColumn + w.caretWidth), 'TARGET');
  // At the very start and the very end: one ellipsis only.
  const head = excerptWindow(line, 0, 1);
  assert.ok(!head.text.startsWith('…') && head.text.endsWith('…') && head.caretColumn === 0);
  const tail = excerptWindow(line, line.length - 1, 1);
  assert.ok(tail.text.startsWith('…') && !tail.text.endsWith('…'));
  assert.equal(tail.text[tail.caretColumn], 'b');
  // A range running past the window is underlined to the window's edge.
  const wide = excerptWindow(line, 10, 9000);
  assert.ok(wide.caretColumn + wide.caretWidth <= wide.text.length);
});

test('a cut never splits a surrogate pair', () => {
  const line = '😀'.repeat(1000);
  for (const column of [0, 1, 41, 42, 999, 1000, 1001]) {
    const { text } = excerptWindow(line, column, 1);
    assert.doesNotMatch(text.replace(/^…|…$/g, ''), /^[\udc00-\udfff]|[\ud800-\udbff]$/, `column ${column}`);
  }
});

test('thousands of findings on one long line: the output is linear in the findings', () => {
  const text = '<a>'.repeat(20_000);
  const diagnostics = Array.from({ length: 20_000 }, (_, i) => ({ rule: 'xml/malformed', severity: 'error' as const, message: '<a> is never closed', span: { start: i * 3 + 1, end: i * 3 + 2 } }));
  const out = renderText([{ file: 'f.conf', text, diagnostics }]);
  assert.ok(out.length < diagnostics.length * 400, `${out.length} characters for ${diagnostics.length} findings`);
});

test('quorate check on a one-line file of 3,000 unclosed tags prints a bounded report', () => {
  const dir = tempDir();
  const file = join(dir, 'cluster.conf');
  writeFileSync(file, '<cluster name="c" config_version="1">' + '<a>'.repeat(3000) + '\n');
  const r = runCli(['check', file]);
  assert.equal(r.status, 1);
  const out = r.stdout + r.stderr;
  const lines = out.split('\n');
  assert.ok(lines.every((l) => l.length < EXCERPT_COLUMNS + 20), 'every printed line is bounded');
  assert.ok(out.length < 2_000_000, `${out.length} characters`);
  assert.match(out, /\d+ errors, 0 warnings\n$/);
});
