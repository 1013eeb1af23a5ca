// docs/rules/<id>.md and compiler/rules/docs.generated.ts are generated from the rules and their
// fixtures (scripts/gen-rule-docs.ts): they must be up to date, and every page must carry a bad
// and a good example with what lint reports on the bad one.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { languageDiagnostics, languageDocs, ruleDocs, rules } from '../../../compiler/lint.ts';
import { renderDocsModule, renderLanguageDocs, renderRuleDocs } from '../../../scripts/gen-rule-docs.ts';
import { repoRoot } from '../../helpers.ts';

const fresh = renderRuleDocs();
const freshLanguage = renderLanguageDocs();

test('docs/rules/<id>.md is up to date for every rule (run: node --import tsx scripts/gen-rule-docs.ts)', () => {
  for (const r of rules) {
    const path = join(repoRoot, 'docs', 'rules', `${r.id}.md`);
    assert.equal(readFileSync(path, 'utf8'), fresh.get(r.id), `${path} is stale`);
  }
});

test('compiler/rules/docs.generated.ts is up to date and is what explain prints', () => {
  assert.equal(readFileSync(join(repoRoot, 'compiler', 'rules', 'docs.generated.ts'), 'utf8'), renderDocsModule(fresh, freshLanguage));
  assert.deepEqual(Object.keys(ruleDocs).sort(), rules.map((r) => r.id).sort());
  assert.deepEqual(Object.keys(languageDocs).sort(), languageDiagnostics.map((d) => d.id).sort());
});

test('docs/rules/<id>.md is up to date for every id of the language, the readers and the importer', () => {
  for (const d of languageDiagnostics) {
    const path = join(repoRoot, 'docs', 'rules', `${d.id}.md`);
    assert.equal(readFileSync(path, 'utf8'), freshLanguage.get(d.id), `${path} is stale`);
  }
});

test('every language page has a bad example, the finding on it, and a good example (internal ids: none)', () => {
  const rulesIds = new Set(rules.map((r) => r.id));
  for (const d of languageDiagnostics) {
    assert.ok(!rulesIds.has(d.id), `${d.id} is both a rule and a language diagnostic`);
    const md = freshLanguage.get(d.id)!;
    assert.match(md, new RegExp(`^# ${d.id}$`, 'm'));
    assert.ok(d.description.length > 80, `${d.id}: the description is not a paragraph`);
    if (d.internal) {
      assert.match(md, /a bug in Quorate/, d.id);
      assert.doesNotMatch(md, /^## Bad/m, d.id);
      continue;
    }
    assert.match(md, /^## Bad \(`bad\.(cluster|conf|fence_virt\.conf)`\)$/m, d.id);
    assert.match(md, /^## Good \(`good\.(cluster|conf|fence_virt\.conf)`\)$/m, d.id);
    assert.ok(md.includes(` ${d.id}: `), `${d.id}: the page shows no finding on the bad example`);
  }
});

test('every rule page has a bad example, the finding on it, and a good example', () => {
  for (const [id, md] of fresh) {
    assert.match(md, /^## Bad \(`bad\.(cluster|conf)`\)$/m, id);
    assert.match(md, /^## Good \(`good\.(cluster|conf)`\)$/m, id);
    assert.ok(md.includes(` ${id}: `), `${id}: the page shows no finding of the rule on the bad example`);
  }
});
