// compiler/text/decode.ts: bytes → text without exceptions. Binary files and bad UTF-8 become one
// diagnostic each, placed where an editor shows the offending character (offsets in UTF-16 units
// of the decoded text, not bytes).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeSource } from '../../../compiler/text/decode.ts';

const bytes = (...parts: (string | number[])[]) => new Uint8Array(Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p)))));

test('valid UTF-8 decodes to its text with no diagnostics', () => {
  assert.deepEqual(decodeSource(bytes('cluster c {\n  # café ✓\n}\n')), { text: 'cluster c {\n  # café ✓\n}\n', diagnostics: [] });
  assert.deepEqual(decodeSource(bytes('')), { text: '', diagnostics: [] });
});

test('a UTF-8 byte order mark is not part of the text and is no error', () => {
  const r = decodeSource(bytes([0xef, 0xbb, 0xbf], 'cluster c { }\n'));
  assert.deepEqual(r.diagnostics, []);
  assert.equal(r.text, 'cluster c { }\n');
});

test('a NUL byte makes it a binary file: input/binary at the NUL (an empty span at the end of the text before it)', () => {
  const r = decodeSource(bytes('abc', [0], 'def'));
  assert.equal(r.text, 'abc');
  assert.equal(r.diagnostics.length, 1);
  const [d] = r.diagnostics;
  assert.equal(d.rule, 'input/binary');
  assert.equal(d.severity, 'error');
  assert.match(d.message, /NUL byte at byte 3\)/);
  assert.deepEqual(d.span, { start: 3, end: 3 });
  assert.ok(d.span.end <= r.text!.length, 'the span lies inside the text');
});

test('the NUL span counts characters, the message bytes: after a two-byte character they differ', () => {
  const r = decodeSource(bytes('é', [0]));
  assert.equal(r.text, 'é');
  assert.match(r.diagnostics[0].message, /at byte 2\)/);
  assert.deepEqual(r.diagnostics[0].span, { start: 1, end: 1 });
});

test('a NUL wins over bad UTF-8 after it (an ELF header is binary, not "not UTF-8")', () => {
  const r = decodeSource(bytes([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x00, 0x00, 0xff, 0xfe]));
  assert.deepEqual(r.diagnostics.map((d) => d.rule), ['input/binary']);
  assert.deepEqual(r.diagnostics[0].span, { start: 6, end: 6 });
});

test('invalid UTF-8: input/not-utf8 at the first bad byte, naming the byte and its byte offset', () => {
  const r = decodeSource(bytes('ab', [0xff], 'c\n'));
  assert.equal(r.diagnostics.length, 1);
  const [d] = r.diagnostics;
  assert.equal(d.rule, 'input/not-utf8');
  assert.equal(d.severity, 'error');
  assert.match(d.message, /byte 0xff at byte offset 2\)/);
  assert.deepEqual(d.span, { start: 2, end: 3 });
  // The text is still there (with a replacement character), for showing the line.
  assert.equal(r.text, 'ab\ufffdc\n');
});

test('invalid UTF-8 after multi-byte characters: byte offset in the message, character offset in the span', () => {
  // A Latin-1 é (0xe9) after a UTF-8 é (2 bytes, 1 character) and a '#'.
  const r = decodeSource(bytes('é#', [0xe9], '\n'));
  assert.match(r.diagnostics[0].message, /byte 0xe9 at byte offset 3\)/);
  assert.deepEqual(r.diagnostics[0].span, { start: 2, end: 3 });
});

test('a multi-byte sequence cut short is reported at its first byte', () => {
  const r = decodeSource(bytes('a', [0xe2, 0x82], 'b'));
  assert.match(r.diagnostics[0].message, /byte 0xe2 at byte offset 1\)/);
  assert.deepEqual(r.diagnostics[0].span, { start: 1, end: 2 });
  const atEnd = decodeSource(bytes('xy', [0xe2, 0x82]));
  assert.match(atEnd.diagnostics[0].message, /byte 0xe2 at byte offset 2\)/);
});

test('the first bad byte is found exactly, even where a prefix that cuts a character fails to decode', () => {
  // "é✓#" then a Latin-1 é: every prefix cutting é or ✓ fails, the whole valid part passes.
  const afterCheckMark = decodeSource(bytes('é✓#', [0xe9]));
  assert.match(afterCheckMark.diagnostics[0].message, /byte 0xe9 at byte offset 6\)/);
  assert.deepEqual(afterCheckMark.diagnostics[0].span, { start: 3, end: 4 });
  // A stray continuation byte after a two-byte character.
  const stray = decodeSource(bytes('é', [0x80]));
  assert.match(stray.diagnostics[0].message, /byte 0x80 at byte offset 2\)/);
  assert.deepEqual(stray.diagnostics[0].span, { start: 1, end: 2 });
});

test('overlong forms, surrogates and code points above U+10FFFF are invalid at their lead byte', () => {
  for (const bad of [[0xc0, 0xaf], [0xe0, 0x80, 0xaf], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xf5, 0x80, 0x80, 0x80]]) {
    const r = decodeSource(bytes('ok', bad, 'z'));
    assert.match(r.diagnostics[0].message, new RegExp(`byte 0x${bad[0].toString(16)} at byte offset 2\\)`), bad.join(','));
  }
  // A four-byte character is fine.
  assert.deepEqual(decodeSource(bytes('a😀b')).diagnostics, []);
});
