// The parser's contract: it never throws, reports every syntax error at its position, keeps
// comments, and gives every node an exact span.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from '../../grammar/parser.ts';
import type { Entry } from '../../grammar/syntax.ts';
import { LineIndex } from '../../compiler/text/line-index.ts';
import { repoRoot } from '../helpers.ts';

function pos(text: string, offset: number): string {
  const p = new LineIndex(text).position(offset);
  return `${p.line}:${p.column}`;
}

test('a file with 20 errors reports all 20, each at its line:column', () => {
  const lines = ['cluster c {'];
  const expected: string[] = [];
  for (let i = 0; i < 20; i++) {
    lines.push(`  node n${i} { id = ; }`);
    expected.push(`${i + 2}:${`  node n${i} { id = `.length + 1}`);
  }
  lines.push('}');
  const text = lines.join('\n');
  const r = parse(text);
  assert.deepEqual(r.diagnostics.map((d) => `${d.rule} ${pos(text, d.span.start)}`), expected.map((e) => `syntax/unexpected-token ${e}`));
  // Recovery keeps the rest of the tree: all 20 nodes are there.
  assert.equal(r.file.entries[0].body!.entries.length, 20);
});

test('every node span covers exactly its source text', () => {
  const text = 'cluster c { # the cluster\n  fence_device xvm : fence_xvm { key_file = "/k" }\n  failover_domain d { members = [a: 1, b] }\n  x = env("Y")\n}\n';
  const r = parse(text);
  assert.deepEqual(r.diagnostics, []);
  const c = r.file.entries[0];
  assert.equal(text.slice(c.span.start, c.span.end), text.trimEnd());
  const [fd, dom, x] = c.body!.entries;
  assert.equal(text.slice(fd.span.start, fd.span.end), 'fence_device xvm : fence_xvm { key_file = "/k" }');
  assert.equal(text.slice(fd.typeName!.span.start, fd.typeName!.span.end), 'fence_xvm');
  const members = dom.body!.entries[0].value!;
  assert.equal(members.type, 'list');
  assert.equal(text.slice(members.span.start, members.span.end), '[a: 1, b]');
  assert.equal(x.value!.type, 'call');
  assert.equal(text.slice(x.value!.span.start, x.value!.span.end), 'env("Y")');
});

test('comments are kept with their spans', () => {
  const text = '# head\ncluster c { # trailing\n  # own line\n}\n# tail';
  const r = parse(text);
  assert.deepEqual(r.file.comments.map((c) => [c.text, pos(text, c.span.start)]), [
    ['# head', '1:1'],
    ['# trailing', '2:13'],
    ['# own line', '3:3'],
    ['# tail', '5:1'],
  ]);
});

test('a name on the next line is not swallowed as a value or a name', () => {
  const r = parse('cluster c {\n  totem\n  config_version = 3\n}');
  const [totem, cv] = r.file.entries[0].body!.entries;
  assert.equal(totem.kind.text, 'totem');
  assert.equal(totem.name, undefined);
  assert.equal(cv.kind.text, 'config_version');
});

test('strings unescape; semicolons are optional separators', () => {
  const r = parse('a = "x\\"y"; b = 1 c = two');
  assert.deepEqual(r.diagnostics, []);
  assert.deepEqual(
    r.file.entries.map((e: Entry) => [e.kind.text, e.value?.type === 'string' ? e.value.value : e.value?.type === 'number' ? e.value.raw : e.value?.type === 'ident' ? e.value.name : undefined]),
    [['a', 'x"y'], ['b', '1'], ['c', 'two']],
  );
});

function* mutations(text: string, seed: number): Generator<string> {
  let s = seed;
  const rand = (n: number) => ((s = (s * 1103515245 + 12345) & 0x7fffffff), s % n);
  for (let i = 0; i < 40; i++) {
    const chars = [...text];
    const edits = 1 + rand(6);
    for (let k = 0; k < edits; k++) {
      const at = rand(chars.length);
      const op = rand(3);
      if (op === 0) chars.splice(at, 1 + rand(8));
      else if (op === 1) chars.splice(at, 0, '{}[]=;:"#(),\n'[rand(13)]);
      else chars.splice(at, 0, ...chars.slice(rand(chars.length), rand(chars.length)));
    }
    yield chars.join('');
  }
}

test('parse never throws: every example with random edits, and token soup', () => {
  const dir = join(repoRoot, 'examples');
  let runs = 0;
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.cluster'))) {
    const text = readFileSync(join(dir, f), 'utf8');
    for (const m of mutations(text, f.length * 7919)) {
      const r = parse(m);
      for (const d of r.diagnostics) assert.ok(d.span.start >= 0 && d.span.end <= m.length, `span inside the text for ${f}`);
      runs++;
    }
  }
  for (const soup of ['{{{{', '}}}}', '= = =', '[[[', '"', 'a b c d e f', '((()))', ':', '#', '-', '1h2x3', '\u0000\u0001', 'cluster { { } ] ) ;']) {
    parse(soup);
    runs++;
  }
  assert.ok(runs > 300);
});

test('the grammar is LL(k ≤ 2) without ambiguities (chevrotain self-analysis passes)', async () => {
  const { grammarProductions } = await import('../../grammar/parser.ts');
  assert.ok(grammarProductions().length >= 5);
});

test('string escapes: \\" \\\\ \\n \\t \\r, and any other escape is a syntax/unknown-escape error at the escape', () => {
  const r = parse('a = "q\\"b\\\\n\\nt\\tr\\r"\nb = "x\\dy\\$z\\😀"\n');
  const value = (i: number) => { const v = r.file.entries[i]!.value!; return v.type === 'string' ? v.value : undefined; };
  assert.equal(value(0), 'q"b\\n\nt\tr\r');
  const text = 'a = "q\\"b\\\\n\\nt\\tr\\r"\nb = "x\\dy\\$z\\😀"\n';
  assert.deepEqual(r.diagnostics.map((d) => `${d.rule}@${text.slice(d.span.start, d.span.end)}`), ['syntax/unknown-escape@\\d', 'syntax/unknown-escape@\\$', 'syntax/unknown-escape@\\😀']);
  assert.equal(value(1), 'xdy$z😀', 'recovery keeps the character after the backslash');
  assert.deepEqual(r.diagnostics[0]!.fixes?.[0]?.edits, [{ span: { start: r.diagnostics[0]!.span.start, end: r.diagnostics[0]!.span.start + 1 }, newText: '\\\\' }]);
});
