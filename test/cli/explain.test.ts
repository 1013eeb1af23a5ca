// `quorate explain` and `quorate rules` cover the ids of the language, the readers, the importer
// and the formatter (compiler/rules/language.ts), and their fixtures behave as the pages say when
// a user runs the CLI on them.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { languageDiagnostics, rules } from '../../compiler/lint.ts';
import { repoRoot, runCli, STACK_TRACE, tempDir } from '../helpers.ts';

const fx = (id: string, name: string) => `test/fixtures/rules/${id}/${name}`;

test('explain prints the page of a language id, an internal id, and suggests among all ids', () => {
  for (const id of ['type/duration-unit', 'xml/malformed', 'fence-virt/duplicate-key', 'internal/rule-crash']) {
    const r = runCli(['explain', id]);
    assert.equal(r.status, 0, `${id}: ${r.stderr}`);
    assert.equal(r.stdout, readFileSync(join(repoRoot, 'docs', 'rules', `${id}.md`), 'utf8'));
  }
  const u = runCli(['explain', 'type/duration-units']);
  assert.equal(u.status, 2);
  assert.match(u.stderr, /did you mean 'type\/duration-unit'/);
});

test('explain of a name Object.prototype has (constructor, toString, __proto__) is an unknown rule, not a crash', () => {
  for (const id of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
    const r = runCli(['explain', id]);
    assert.equal(r.status, 2, `${id}: ${r.stderr}`);
    assert.match(r.stderr, new RegExp(`no rule '${id}'`));
    assert.doesNotMatch(r.stderr, /internal error/);
    assert.doesNotMatch(r.stderr + r.stdout, STACK_TRACE);
  }
});

test('rules lists the language ids in their own section; --format json keeps "rules" and adds "language"', () => {
  const r = runCli(['rules']);
  assert.equal(r.status, 0);
  const [catalogue, language] = r.stdout.split(/^Reported by the language.*$/m);
  assert.ok(language, 'no language section');
  assert.match(catalogue!, /^fence\/race-no-delay /m);
  assert.doesNotMatch(catalogue!, /^syntax\/unexpected-token /m);
  for (const id of ['syntax/unexpected-token', 'xml/unknown-element', 'import/raw-element', 'input/not-utf8', 'secret/env-unset']) assert.match(language, new RegExp(`^${id} `, 'm'));
  const j = JSON.parse(runCli(['rules', '--format', 'json']).stdout);
  assert.deepEqual(j.rules.map((x: { id: string }) => x.id), rules.map((x) => x.id));
  assert.deepEqual(Object.keys(j.rules[0]).slice(0, 4), ['id', 'severity', 'summary', 'docs']);
  assert.deepEqual(j.language.map((x: { id: string }) => x.id), languageDiagnostics.map((x) => x.id));
  const internal = j.language.find((x: { id: string }) => x.id === 'xml/internal');
  assert.equal(internal.internal, true);
  assert.equal(internal.source, 'schema');
});

test('the fixtures through the CLI: lint (.cluster, cluster.conf, fence_virt.conf, bytes), import, compile', () => {
  const cases: [string[], string, number][] = [
    [['lint', fx('type/enum', 'bad.cluster')], 'type/enum', 1],
    [['lint', fx('xml/unknown-attribute', 'bad.conf')], 'xml/unknown-attribute', 1],
    [['lint', fx('fence-virt/duplicate-key', 'bad.fence_virt.conf')], 'fence-virt/duplicate-key', 0],
    [['lint', fx('fence-virt/syntax-error', 'bad.fence_virt.conf')], 'fence-virt/syntax-error', 1],
    [['lint', fx('input/not-utf8', 'bad.cluster')], 'input/not-utf8', 1],
    [['import', fx('import/not-cluster-conf', 'bad.conf')], 'import/not-cluster-conf', 1],
    [['compile', fx('secret/env-unset', 'bad.cluster'), '-o', tempDir()], 'secret/env-unset', 1],
  ];
  for (const [args, id, status] of cases) {
    const r = runCli(args, { env: { QUORATE_UNSET_PASSWORD: undefined } });
    assert.equal(r.status, status, `${args.join(' ')}: ${r.stdout}${r.stderr}`);
    assert.match(r.stdout + r.stderr, new RegExp(` ${id}: `), args.join(' '));
    assert.doesNotMatch(r.stdout + r.stderr, STACK_TRACE);
  }
  for (const id of ['type/enum', 'xml/unknown-attribute']) {
    const good = fx(id, id.startsWith('xml/') ? 'good.conf' : 'good.cluster');
    const r = runCli(['lint', good]);
    assert.doesNotMatch(r.stdout + r.stderr, / error /, good);
  }
  const fv = runCli(['lint', fx('fence-virt/duplicate-key', 'good.fence_virt.conf')]);
  assert.equal(fv.status, 0, fv.stdout + fv.stderr);
  const c = runCli(['compile', fx('secret/env-unset', 'good.cluster'), '-o', tempDir()], { env: { IPMI_PASSWORD: 'x' } });
  assert.equal(c.status, 0, c.stdout + c.stderr);
});
