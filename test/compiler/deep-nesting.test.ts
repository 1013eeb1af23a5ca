// Hostile nesting through every entry of the core (compiler/api.ts): the parser stops at
// MAX_NESTING levels (`syntax/too-deep`), the XML reader at MAX_DEPTH (`xml/too-deep`), so no
// phase after them (lowering, the rules, the importer, the formatter) walks deeper. No exception,
// the diagnostic, every span inside the text.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, analyzeClusterConf, formatText, importClusterConf, lintSource, type Diagnostic } from '../../compiler/api.ts';
import { MAX_NESTING, parse } from '../../grammar/parser.ts';
import { MAX_DEPTH } from '../../compiler/import/read-xml.ts';

const DEPTHS = [500, 6_000, 100_000];

const head = 'cluster c {\n  config_version = 1\n  resources { script s { file = "/etc/init.d/s" } }\n  service web {\n';
const nestedBlocks = (depth: number) => head + 'use s {\n'.repeat(depth) + '}\n'.repeat(depth) + '  }\n}\n';
const nestedLists = (depth: number) => head + '  x = ' + '['.repeat(depth) + ']'.repeat(depth) + '\n  }\n}\n';
const nestedCalls = (depth: number) => head + '  x = ' + 'f('.repeat(depth) + ')'.repeat(depth) + '\n  }\n}\n';
const unclosedBlocks = (depth: number) => head + 'use s {\n'.repeat(depth);
const nestedXml = (depth: number) =>
  '<?xml version="1.0"?>\n<cluster name="c" config_version="1"><rm><resources><script name="s" file="/etc/init.d/s"/></resources><service name="web">' +
  '<script ref="s">'.repeat(depth) + '</script>'.repeat(depth) + '</service></rm></cluster>\n';
const nestedUnknownXml = (depth: number) => '<cluster name="c" config_version="1">' + '<a>'.repeat(depth) + '</a>'.repeat(depth) + '</cluster>\n';

function assertSound(what: string, text: string, diagnostics: Diagnostic[], rule: string): void {
  assert.ok(diagnostics.some((d) => d.rule === rule), `${what}: reports ${rule}: ${[...new Set(diagnostics.map((d) => d.rule))].join(', ')}`);
  for (const d of diagnostics) {
    assert.doesNotMatch(d.rule, /internal/, `${what}: ${d.rule}: ${d.message}`);
    assert.ok(d.span.start >= 0 && d.span.start <= d.span.end && d.span.end <= text.length, `${what}: ${d.rule} span ${d.span.start}-${d.span.end} of ${text.length}`);
  }
}

for (const depth of DEPTHS) {
  for (const [shape, make] of [['blocks', nestedBlocks], ['lists', nestedLists], ['calls', nestedCalls], ['unclosed blocks', unclosedBlocks]] as const) {
    test(`.cluster with ${depth} nested ${shape}: analyze, lintSource and formatText report syntax/too-deep`, async () => {
      const text = make(depth);
      assertSound('analyze', text, analyze(text).diagnostics, 'syntax/too-deep');
      assertSound('lintSource', text, lintSource(text, { fileName: 'deep.cluster' }).diagnostics, 'syntax/too-deep');
      const formatted = await formatText(text);
      assert.equal(formatted.text, undefined, 'a file with syntax errors is not formatted');
      assertSound('formatText', text, formatted.diagnostics, 'syntax/too-deep');
    });
  }
  for (const [shape, make] of [['resources', nestedXml], ['unknown elements', nestedUnknownXml]] as const) {
    test(`cluster.conf with ${depth} nested ${shape}: analyzeClusterConf, lintSource and importClusterConf report xml/too-deep`, () => {
      const text = make(depth);
      assertSound('analyzeClusterConf', text, analyzeClusterConf(text).diagnostics, 'xml/too-deep');
      assertSound('lintSource', text, lintSource(text, { fileName: 'cluster.conf' }).diagnostics, 'xml/too-deep');
      assertSound('importClusterConf', text, importClusterConf(text).diagnostics, 'xml/too-deep');
    });
  }
}

test('the parser reads up to MAX_NESTING levels and reports the first block past it, once, at its brace', () => {
  const inside = (depth: number) => 'a {'.repeat(depth) + '}'.repeat(depth);
  assert.deepEqual(parse(inside(MAX_NESTING)).diagnostics, []);
  const over = inside(MAX_NESTING + 5);
  const { file, diagnostics } = parse(over);
  assert.deepEqual(diagnostics.map((d) => [d.rule, d.span]), [['syntax/too-deep', { start: MAX_NESTING * 3 + 2, end: MAX_NESTING * 3 + 3 }]]);
  // The block past the limit is there, empty; the entries around it are read.
  let levels = 0;
  for (let e: (typeof file.entries)[number] | undefined = file.entries[0]; e; e = e.body?.entries[0]) levels++;
  assert.equal(levels, MAX_NESTING + 1);
});

test('after a block past the limit, the rest of the file is read as written', () => {
  const text = 'a {'.repeat(MAX_NESTING) + 'deep { x = 1 }' + '}'.repeat(MAX_NESTING) + '\nnext = 2\n';
  const { file, diagnostics } = parse(text);
  assert.deepEqual(diagnostics.map((d) => d.rule), ['syntax/too-deep']);
  assert.deepEqual(file.entries.map((e) => e.kind.text), ['a', 'next']);
  // An unclosed list past the limit ends where an outer block closes: the next entry is still read.
  const unclosed = 'a {'.repeat(MAX_NESTING) + 'x = [ 1' + '}'.repeat(MAX_NESTING) + '\nnext = 2\n';
  const r = parse(unclosed);
  assert.deepEqual(r.file.entries.map((e) => e.kind.text), ['a', 'next']);
  assert.ok(r.diagnostics.some((d) => d.rule === 'syntax/too-deep'));
});

test('a cluster.conf nested exactly MAX_DEPTH deep below the root is read whole; one level more is not', () => {
  const at = (depth: number) => '<cluster>' + '<a>'.repeat(depth) + '</a>'.repeat(depth) + '</cluster>';
  assert.ok(!analyzeClusterConf(at(MAX_DEPTH)).diagnostics.some((d) => d.rule === 'xml/too-deep'));
  assert.ok(analyzeClusterConf(at(MAX_DEPTH + 1)).diagnostics.some((d) => d.rule === 'xml/too-deep'));
});
