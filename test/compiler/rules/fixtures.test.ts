// Every rule of the catalogue has a failing and a passing fixture in test/fixtures/rules/<id>/
// (bad.cluster or bad.conf, good.cluster or good.conf): the bad one reports the rule, the good
// one reports neither it nor any error. And the rule is the only thing that reports it: with its
// check removed, the bad fixture no longer reports its id (nothing else produces it).

import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { languageDiagnostics, lintSource, rules } from '../../../compiler/lint.ts';
import { repoRoot } from '../../helpers.ts';

const dir = join(repoRoot, 'test', 'fixtures', 'rules');

function fixture(id: string, which: 'bad' | 'good'): { path: string; text: string } {
  const d = join(dir, id);
  const name = existsSync(d) ? readdirSync(d).find((f) => f.startsWith(which + '.')) : undefined;
  assert.ok(name, `test/fixtures/rules/${id}/${which}.cluster (or .conf) is missing`);
  const path = join(d, name);
  return { path, text: readFileSync(path, 'utf8') };
}

for (const rule of rules) {
  test(`${rule.id}: the bad fixture reports it, the good one does not`, () => {
    const bad = fixture(rule.id, 'bad');
    const found = lintSource(bad.text, { fileName: bad.path }).diagnostics;
    assert.ok(
      found.some((d) => d.rule === rule.id),
      `${bad.path} should report ${rule.id}; got ${found.map((d) => `${d.rule}: ${d.message}`).join('\n') || 'nothing'}`,
    );
    for (const d of found.filter((x) => x.rule === rule.id)) assert.ok(d.span.end <= bad.text.length && d.span.start >= 0 && d.message.length > 0);
    const good = fixture(rule.id, 'good');
    const clean = lintSource(good.text, { fileName: good.path }).diagnostics;
    assert.deepEqual(clean.filter((d) => d.rule === rule.id || d.severity === 'error').map((d) => `${d.rule}: ${d.message}`), [], `${good.path} should be clean of ${rule.id} and of errors`);
  });
}

test('every fixture folder belongs to a rule or a language diagnostic', () => {
  const ids = new Set([...rules.map((r) => r.id), ...languageDiagnostics.filter((d) => !d.internal).map((d) => d.id)]);
  for (const area of readdirSync(dir)) for (const what of readdirSync(join(dir, area))) assert.ok(ids.has(`${area}/${what}`), `test/fixtures/rules/${area}/${what} has no rule`);
});

for (const rule of rules) {
  test(`${rule.id}: with its check removed, nothing reports it`, () => {
    const bad = fixture(rule.id, 'bad');
    const check = rule.check;
    (rule as { check: typeof check }).check = () => {};
    try {
      const found = lintSource(bad.text, { fileName: bad.path }).diagnostics.filter((d) => d.rule === rule.id);
      assert.deepEqual(found.map((d) => `${d.span.start}: ${d.message}`), [], `${rule.id} is reported by something other than its rule file`);
    } finally {
      (rule as { check: typeof check }).check = check;
    }
    assert.ok(lintSource(bad.text, { fileName: bad.path }).diagnostics.some((d) => d.rule === rule.id), 'and with its check back, it reports again');
  });
}
