// compiler/text/line-index.ts: offsets ↔ 1-based line:column, for every line-break convention,
// with columns in UTF-16 code units (what editors and SARIF's utf16CodeUnits count).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LineIndex } from '../../../compiler/text/line-index.ts';

test('LF, CRLF and lone CR each end a line; CRLF is one break', () => {
  for (const nl of ['\n', '\r\n', '\r']) {
    const text = ['first', 'second', '', 'fourth'].join(nl);
    const ix = new LineIndex(text);
    assert.equal(ix.lineCount(), 4, JSON.stringify(nl));
    assert.deepEqual([1, 2, 3, 4].map((l) => ix.lineText(l)), ['first', 'second', '', 'fourth'], JSON.stringify(nl));
    const s = text.indexOf('second');
    assert.deepEqual(ix.position(s), { line: 2, column: 1 });
    assert.deepEqual(ix.position(s + 3), { line: 2, column: 4 });
    assert.equal(ix.offset(2, 4), s + 3);
    assert.equal(ix.offset(4, 1), text.indexOf('fourth'));
  }
});

test('position and offset are inverse on every offset of a mixed text', () => {
  const text = 'a\r\nbc\rd\n\néf\n';
  const ix = new LineIndex(text);
  for (let o = 0; o <= text.length; o++) {
    const { line, column } = ix.position(o);
    // The \n of a \r\n is not a place of its own: it maps to the end of the line.
    if (text[o] === '\n' && text[o - 1] === '\r') continue;
    assert.equal(ix.offset(line, column), o, `offset ${o} → ${line}:${column}`);
  }
});

test('columns count UTF-16 code units: a character outside the BMP is two columns', () => {
  const ix = new LineIndex('x = "😀"; y\n');
  assert.deepEqual(ix.position('x = "😀"; y'.indexOf('y')), { line: 1, column: 11 });
});

test('out-of-range offsets and positions are clamped into the text', () => {
  const ix = new LineIndex('ab\ncd');
  assert.deepEqual(ix.position(-5), { line: 1, column: 1 });
  assert.deepEqual(ix.position(99), { line: 2, column: 3 });
  assert.equal(ix.offset(0, 0), 0);
  assert.equal(ix.offset(9, 1), 3, 'a line past the end is the last line');
  assert.equal(ix.offset(1, 99), 5, 'never past the end of the text');
  assert.equal(ix.lineText(7), '');
});

test('a text ending in a line break has an empty last line', () => {
  const ix = new LineIndex('one\n');
  assert.equal(ix.lineCount(), 2);
  assert.deepEqual(ix.position(4), { line: 2, column: 1 });
});
