// The formatter (compiler/format): golden layout cases, and over every .cluster file in the
// repository (examples, every test fixture, the format cases) plus a comment-stressed copy of
// each: formatting is idempotent and loses nothing (same syntax tree spans aside, same comments).
// UPDATE_GOLDENS=1 rewrites the _output.cluster files (review the diff!).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from '../../../grammar/parser.ts';
import { commentTexts, formatBytes, formatText, sameContent, syntaxShape } from '../../../compiler/format/index.ts';
import { importClusterConf } from '../../../compiler/api.ts';
import { cliPath, expectGolden, repoRoot, requireShared, tempDir } from '../../helpers.ts';

const casesDir = join(repoRoot, 'test', 'fixtures', 'format');

function clusterFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...clusterFiles(p));
    else if (name.endsWith('.cluster')) out.push(p);
  }
  return out;
}

/** Every example and every fixture anywhere under test/ (new ones join automatically). */
const corpus = [...clusterFiles(join(repoRoot, 'examples')), ...clusterFiles(join(repoRoot, 'test'))];

/**
 * A comment after every line and an own-line comment between every two lines. Comments only go
 * where a line break already is, so the entries parse exactly as before (checked below).
 */
function stressComments(text: string): string {
  return text
    .split('\n')
    .map((line, i) => (line.trim() === '' ? line : `${line} # t${i}`) + `\n  # own line ${i}`)
    .join('\n');
}

async function formatted(text: string, printWidth?: number): Promise<string> {
  const r = await formatText(text, printWidth ? { printWidth } : {});
  assert.equal(r.text !== undefined, true, `formatting failed: ${JSON.stringify(r.diagnostics)}`);
  return r.text!;
}

async function assertStableAndLossless(original: string, label: string): Promise<void> {
  const once = await formatted(original);
  const twice = await formatted(once);
  assert.equal(twice, once, `${label}: formatting twice must give the same text as once`);
  const before = parse(original).file;
  const after = parse(once);
  assert.deepEqual(after.diagnostics, [], `${label}: the formatted text parses cleanly`);
  assert.deepEqual(syntaxShape(after.file), syntaxShape(before), `${label}: same syntax tree, spans aside`);
  assert.deepEqual(commentTexts(after.file), commentTexts(before), `${label}: every comment kept, in order`);
  assert.ok(once.endsWith('\n') || once === '', `${label}: ends with a newline`);
  for (const l of once.split('\n')) {
    // Trailing blanks only where an entry is kept as written (verbatim from the input).
    if (/[ \t]$/.test(l)) assert.ok(original.includes(l.trimStart()), `${label}: trailing whitespace in ${JSON.stringify(l)}`);
  }
}

test('the corpus is the whole repository: examples, test fixtures, format cases', () => {
  const rel = corpus.map((f) => relative(repoRoot, f));
  assert.ok(rel.filter((f) => f.startsWith('examples/')).length >= 10, 'all examples');
  assert.ok(rel.some((f) => f.startsWith('test/fixtures/bad/')), 'bad-input fixtures');
  assert.ok(rel.some((f) => f.startsWith('test/fixtures/format/')), 'format cases');
});

let formattable = 0;
for (const file of corpus) {
  const rel = relative(repoRoot, file);
  const bytes = readFileSync(file);
  const text = bytes.toString('utf8');
  const parsed = parse(text);
  const parses = !bytes.includes(0) && parsed.diagnostics.every((d) => d.severity !== 'error');
  if (!parses) {
    test(`${rel}: has syntax errors, so it is not formatted`, async () => {
      const r = await formatBytes(bytes);
      assert.equal(r.text, undefined);
      assert.ok(r.diagnostics.some((d) => d.severity === 'error'));
    });
    continue;
  }
  formattable++;
  test(`${rel}: idempotent and lossless`, async () => {
    await assertStableAndLossless(text, rel);
  });
  test(`${rel}: idempotent and lossless with a comment on every line and between all lines`, async () => {
    const stressed = stressComments(text);
    const p = parse(stressed);
    assert.deepEqual(p.diagnostics, [], 'the stressed copy still parses');
    assert.deepEqual(syntaxShape(p.file), syntaxShape(parsed.file), 'the stressed copy says the same');
    assert.ok(p.file.comments.length >= text.split('\n').length, 'comments everywhere');
    await assertStableAndLossless(stressed, `${rel} (stressed)`);
  });
}

test('most of the corpus is formattable (the idempotence tests are not vacuous)', () => {
  assert.ok(formattable >= 30, `${formattable} formattable files`);
});

test('every imported corpus file (cluster.conf → .cluster): formatting is idempotent and lossless, also comment-stressed', async (t) => {
  const shared = requireShared(t);
  if (!shared) return;
  const dirs = [join(shared, 'corpus', 'cluster.conf'), ...['valid', 'invalid'].map((d) => join(shared, 'reference', 'schema-checks', d)), join(shared, 'reference', 'rg_test-samples')];
  let imported = 0;
  for (const dir of dirs.filter((d) => existsSync(d))) {
    for (const name of readdirSync(dir).filter((f) => f.endsWith('.conf')).sort()) {
      const source = importClusterConf(readFileSync(join(dir, name), 'utf8')).source;
      if (source === undefined || parse(source).diagnostics.length > 0) continue;
      imported++;
      await assertStableAndLossless(source, `import of ${name}`);
      await assertStableAndLossless(stressComments(source), `import of ${name} (stressed)`);
    }
  }
  assert.ok(imported >= 40, `${imported} imported files formatted`);
});

// ---- golden layout cases: test/fixtures/format/<case>/_input.cluster → _output.cluster

const cases = readdirSync(casesDir).filter((d) => existsSync(join(casesDir, d, '_input.cluster'))).sort();

test('there are golden cases for each layout decision', () => {
  for (const c of ['short-blocks-one-line', 'long-blocks-broken', 'broken-by-author-kept', 'empty-blocks', 'blank-lines', 'comments-placed', 'prettier-ignore', 'spacing-normalised', 'comment-in-value-kept', 'print-width-option']) {
    assert.ok(cases.includes(c), c);
  }
});

for (const c of cases) {
  test(`format case ${c}`, async () => {
    const dir = join(casesDir, c);
    const options = existsSync(join(dir, 'options.json')) ? JSON.parse(readFileSync(join(dir, 'options.json'), 'utf8')) : {};
    const out = await formatted(readFileSync(join(dir, '_input.cluster'), 'utf8'), options.printWidth);
    expectGolden(join(dir, '_output.cluster'), out);
    assert.equal(await formatted(out, options.printWidth), out, 'the golden output is a fixed point');
  });
}

// ---- behaviour

test('a file with syntax errors is not formatted: no text, the syntax diagnostics', async () => {
  const r = await formatText('cluster c {\n  totem { token = 10s\n');
  assert.equal(r.text, undefined);
  assert.ok(r.diagnostics.length > 0);
  assert.ok(r.diagnostics.every((d) => d.rule.startsWith('syntax/')));
});

test('undecodable bytes are not formatted', async () => {
  const r = await formatBytes(new Uint8Array([0x61, 0x20, 0x3d, 0x20, 0x31, 0x00, 0x0a]));
  assert.equal(r.text, undefined);
  assert.equal(r.diagnostics[0].rule, 'input/binary');
  const bad = await formatBytes(new Uint8Array([0x61, 0x20, 0x3d, 0x20, 0x22, 0xff, 0x22, 0x0a]));
  assert.equal(bad.text, undefined);
  assert.equal(bad.diagnostics[0].rule, 'input/not-utf8');
});

test('CRLF line ends become LF; the content is the same', async () => {
  const src = 'cluster c {\r\n  config_version = 1 # v\r\n\r\n\r\n  totem { token = 10s }\r\n}\r\n';
  const out = await formatted(src);
  assert.equal(out, 'cluster c {\n  config_version = 1 # v\n\n  totem { token = 10s }\n}\n');
});

test('an empty file stays empty; whitespace only becomes empty', async () => {
  assert.equal(await formatted(''), '');
  assert.equal(await formatted('\n\n   \n'), '');
});

test('printWidth decides between one line and one entry per line', async () => {
  const src = 'node n1 = "node1.example.com" { id = 1; votes = 1 }\n';
  assert.equal(await formatted(src), src, 'fits in the default 120');
  assert.equal(await formatted(src, 40), 'node n1 = "node1.example.com" {\n  id = 1\n  votes = 1\n}\n');
});

test('the content check can fail: it sees a changed value, a lost entry and a lost comment', () => {
  const base = parse('a = 1 # c\nb { c = "x" }\n').file;
  assert.equal(sameContent(base, parse('a = 1 # c\nb { c = "x" }\n').file), true);
  assert.equal(sameContent(base, parse('a = 2 # c\nb { c = "x" }\n').file), false);
  assert.equal(sameContent(base, parse('a = 1 # c\nb { }\n').file), false);
  assert.equal(sameContent(base, parse('a = 1\nb { c = "x" }\n').file), false);
  assert.equal(sameContent(base, parse('a = 1 # c\nb { c = x }\n').file), false);
});

// ---- the plugin as prettier's own CLI loads it (built by scripts/build.mjs)

const pluginPath = join(repoRoot, 'dist', 'prettier-plugin-quorate.cjs');
const prettierBin = join(repoRoot, 'node_modules', 'prettier', 'bin', 'prettier.cjs');

function prettier(args: string[], cwd: string) {
  return spawnSync(process.execPath, [prettierBin, '--plugin', pluginPath, ...args], { cwd, encoding: 'utf8' });
}

test('npx prettier --plugin dist/prettier-plugin-quorate.cjs formats .cluster files like formatText', async () => {
  assert.ok(existsSync(pluginPath), 'run node scripts/build.mjs first');
  assert.ok(existsSync(cliPath), 'the CLI bundle is built alongside');
  const dir = tempDir();
  const src = readFileSync(join(repoRoot, 'examples', 'datacenter.cluster'), 'utf8');
  writeFileSync(join(dir, 'site.cluster'), stressComments(src));
  const r = prettier(['site.cluster'], dir);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, await formatted(stressComments(src)));
  const narrow = prettier(['--print-width', '60', 'site.cluster'], dir);
  assert.equal(narrow.stdout, await formatted(stressComments(src), 60));
  const check = prettier(['--check', 'site.cluster'], dir);
  assert.equal(check.status, 1, 'prettier --check sees the unformatted file');
});

test('prettier with the plugin refuses a file with syntax errors and shows where', () => {
  const dir = tempDir();
  writeFileSync(join(dir, 'broken.cluster'), 'cluster c {\n  totem { token = 10s\n');
  const r = prettier(['broken.cluster'], dir);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /SyntaxError: syntax\/unexpected-token/);
  assert.match(r.stderr, /\(3:1\)|\(2:\d+\)/);
});

// ---- bad input: seeded random edits of the examples (the same cases on every run)

test('random edits of the examples: never a crash; only clean parses are formatted, stably and losslessly', async () => {
  let seed = 20261125;
  const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  const sources = corpus.filter((f) => relative(repoRoot, f).startsWith('examples/')).map((f) => readFileSync(f, 'utf8'));
  const pieces = [' ', '\n', '{', '}', ';', '=', ':', ',', '[', ']', '(', ')', '# c\n', '"s"', '1', 'x', '\n\n', '# prettier-ignore\n', '\t', '\r\n'];
  let formattedCount = 0;
  for (let i = 0; i < 200; i++) {
    let t = sources[Math.floor(rnd() * sources.length)];
    for (let k = 1 + Math.floor(rnd() * 4); k > 0; k--) {
      const at = Math.floor(rnd() * t.length);
      const r = rnd();
      if (r < 0.4) t = t.slice(0, at) + pieces[Math.floor(rnd() * pieces.length)] + t.slice(at);
      else if (r < 0.8) t = t.slice(0, at) + t.slice(at + 1 + Math.floor(rnd() * 5));
      else {
        const from = Math.floor(rnd() * t.length);
        t = t.slice(0, at) + t.slice(from, from + 20) + t.slice(at);
      }
    }
    const clean = parse(t).diagnostics.length === 0;
    const r = await formatText(t);
    assert.equal(r.text !== undefined, clean, `formatted exactly when it parses: ${JSON.stringify(t)}`);
    if (clean) {
      formattedCount++;
      await assertStableAndLossless(t, `edit ${i}`);
    }
  }
  assert.ok(formattedCount > 20, `${formattedCount} of the edited files parse and were formatted`);
});
