// compile never writes what the schema rejects, as a user meets it: `quorate import` then
// `quorate compile` as processes, and the real `xmllint --relaxng cluster.rng` on what is written.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { canonical } from '../../compiler/import/canonical.ts';
import { meaningIn } from '../../compiler/import/meaning.ts';
import { readClusterConf } from '../../compiler/import/read-xml.ts';
import { repoRoot, requireShared, requireTool, runCli, STACK_TRACE, tempDir } from '../helpers.ts';

const NODES = 'config_version = 1\n  fence_device xvm : fence_xvm { }\n  node n1 { id = 1; fence { method m1 { device xvm { port = "n1" } } } }\n  node n2 { id = 2; fence { method m1 { device xvm { port = "n2" } } } }';

function xmllint(rng: string, file: string): { status: number | null; stderr: string } {
  const r = spawnSync('xmllint', ['--noout', '--relaxng', rng, file], { encoding: 'utf8' });
  return { status: r.status, stderr: r.stderr };
}

test('raw { alias = "x" } on the cluster: compile/schema-rejected at the key, exit 1, nothing written, an existing file kept', () => {
  const dir = tempDir();
  const src = join(dir, 'c.cluster');
  writeFileSync(src, `cluster c {\n  ${NODES}\n  raw { alias = "x" }\n}\n`);
  const out = join(dir, 'out');
  const before = runCli(['compile', src, '-o', out]);
  assert.equal(before.status, 1, before.stderr);
  assert.match(before.stderr, /c\.cluster:6:9: error compile\/schema-rejected: the cluster\.conf this compiles to fails the schema check \(ccs_config_validate\): the schema allows no attribute alias on <cluster>/);
  assert.equal(existsSync(join(out, 'cluster.conf')), false);
  // check says the same, as does the JSON report
  const check = runCli(['check', src]);
  assert.equal(check.status, 1);
  assert.match(check.stdout + check.stderr, /compile\/schema-rejected/);
  // A cluster.conf already there (the last good one) is left as it was.
  writeFileSync(src, `cluster c {\n  ${NODES}\n}\n`);
  assert.equal(runCli(['compile', src, '-o', out]).status, 0);
  const good = readFileSync(join(out, 'cluster.conf'), 'utf8');
  writeFileSync(src, `cluster c {\n  ${NODES}\n  raw { alias = "x" }\n}\n`);
  assert.equal(runCli(['compile', src, '-o', out]).status, 1);
  assert.equal(readFileSync(join(out, 'cluster.conf'), 'utf8'), good);
  assert.deepEqual(readdirSync(out), ['cluster.conf'], 'no temporary file left behind');
});

test('a raw part the schema accepts compiles, and xmllint accepts the file', (t) => {
  const shared = requireShared(t);
  if (!shared || !requireTool(t, 'xmllint', 'libxml2-utils')) return;
  const dir = tempDir();
  const src = join(dir, 'c.cluster');
  writeFileSync(src, `cluster c {\n  ${NODES}\n  totem { raw { token = "20000" } }\n  xml = "rm/events" { xml = "event" { name = "node-down"; node = "n1" } }\n}\n`);
  const r = runCli(['compile', src, '-o', dir]);
  assert.equal(r.status, 0, r.stderr);
  const x = xmllint(join(shared, 'reference', 'cluster.rng'), join(dir, 'cluster.conf'));
  assert.equal(x.status, 0, x.stderr);
});

/** The corpus files whose import compiled to a file xmllint rejects, with exit 0, before compile checked the schema. */
const ONCE_WRITTEN_INVALID = new Map([
  ['003.conf', /no attribute alias on <cluster>/],
  ['005.conf', /knows no element <glusterfs>/],
  ['024.conf', /no attribute ttl on <interface>/],
  ['047.conf', /no attribute uuid on <device>/],
  ['052.conf', /knows no element <nodes>/],
]);

test('every corpus file: quorate import then quorate compile either fails with an error or writes a file xmllint --relaxng accepts', (t) => {
  const shared = requireShared(t);
  if (!shared || !requireTool(t, 'xmllint', 'libxml2-utils')) return;
  const rng = join(shared, 'reference', 'cluster.rng');
  const corpus = join(shared, 'corpus', 'cluster.conf');
  const files = readdirSync(corpus).filter((f) => f.endsWith('.conf')).sort();
  assert.ok(files.length >= 20, `only ${files.length} corpus files`);
  const dir = tempDir();
  let written = 0;
  let refused = 0;
  for (const f of files) {
    const source = join(dir, basename(f, '.conf') + '.cluster');
    const imported = runCli(['import', join(corpus, f), '-o', source]);
    assert.doesNotMatch(imported.stderr, STACK_TRACE, f);
    assert.ok(existsSync(source), `${f}: import wrote no source: ${imported.stderr}`);
    const out = join(dir, `out-${f}`);
    const compiled = runCli(['compile', source, '-o', out]);
    assert.doesNotMatch(compiled.stderr, STACK_TRACE, f);
    const conf = join(out, 'cluster.conf');
    if (compiled.status === 0) {
      assert.ok(existsSync(conf), `${f}: exit 0 but nothing written`);
      const x = xmllint(rng, conf);
      assert.equal(x.status, 0, `${f}: compile wrote a file the schema rejects, with exit 0:\n${x.stderr}`);
      written++;
      assert.ok(!ONCE_WRITTEN_INVALID.has(f), `${f}: compiled, but its raw parts are schema errors`);
    } else {
      assert.equal(compiled.status, 1, `${f}: ${compiled.stderr}`);
      assert.match(compiled.stderr, /: error [a-z-]+\/[a-z-]+: /, `${f}: a failed compile says why`);
      assert.equal(existsSync(conf), false, `${f}: a failed compile writes nothing`);
      refused++;
      const why = ONCE_WRITTEN_INVALID.get(f);
      if (why) assert.match(compiled.stderr, new RegExp(`error compile/schema-rejected: .*${why.source}`), f);
    }
  }
  assert.ok(written >= 12 && refused >= ONCE_WRITTEN_INVALID.size, `written ${written}, refused ${refused}`);
});

const HANDOUT = join(repoRoot, 'test', 'fixtures', 'handout', 'cluster11.conf');

test('the handout lab cluster: import writes no raw or xml block, compiles back to a file xmllint accepts, in which every attribute means what it meant', (t) => {
  const shared = requireShared(t);
  if (!shared || !requireTool(t, 'xmllint', 'libxml2-utils')) return;
  const rng = join(shared, 'reference', 'cluster.rng');
  assert.equal(xmllint(rng, HANDOUT).status, 0, 'the fixture itself is schema-valid');
  const dir = tempDir();
  const source = join(dir, 'cluster11.cluster');
  const imported = runCli(['import', HANDOUT, '-o', source]);
  assert.equal(imported.status, 0, imported.stderr);
  const text = readFileSync(source, 'utf8');
  assert.doesNotMatch(text, /\braw \{|\bxml = /, text);
  assert.doesNotMatch(imported.stderr, /import\/raw-/);
  assert.match(text, /method method1 \{/);
  const compiled = runCli(['compile', source, '-o', dir]);
  assert.equal(compiled.status, 0, compiled.stderr);
  const back = join(dir, 'cluster.conf');
  const x = xmllint(rng, back);
  assert.equal(x.status, 0, x.stderr);
  // The same configuration, attribute for attribute, as the agents read each value
  // (quick_status="yes" is off for fs-lib.sh and comes back as "0").
  const before = readClusterConf(readFileSync(HANDOUT, 'utf8')).root!;
  const after = readClusterConf(readFileSync(back, 'utf8')).root!;
  assert.equal(canonical(after, meaningIn(after)), canonical(before, meaningIn(before)));
  // And lint on the raw file says what the agents do with the three misread spellings.
  const lint = runCli(['lint', HANDOUT]);
  for (const [line, what] of [[50, 'quick_status="yes" is OFF'], [55, 'quick_status="on" is OFF'], [54, 'disable_rdisc="on" is OFF']] as const) {
    assert.match(lint.stdout + lint.stderr, new RegExp(`cluster11\\.conf:${line}:\\d+: \\w+ agent/misread-value: ${what}`), what);
  }
});
