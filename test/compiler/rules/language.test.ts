// The diagnostics of the language, the readers, the importer and the formatter
// (compiler/rules/language.ts): every id the sources report is documented (a lint rule or an entry
// there), no entry is dead, and every non-internal id has a bad fixture that reports it (with its
// default severity) and a good one that reports neither it nor any error, checked the way a user
// gets them (scripts/gen-rule-docs.ts languageFindings: decode, then lint, compile or import).

import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { languageDiagnostics, rules } from '../../../compiler/lint.ts';
import { languageFindings, languageFixture } from '../../../scripts/gen-rule-docs.ts';
import { repoRoot } from '../../helpers.ts';

/** String literals shaped like ids that are not ids (paths, package names, placeholders). */
const NOT_IDS = new Set(['area/what', 'rule/id', 'clusternodes/clusternode', 'rm/events', 'rm/resources', 'on/off', 'yes/no', 'prettier/doc', 'prettier/standalone', 'vscode-languageserver/node']);
const GENERATED = new Set(['compiler/rules/docs.generated.ts', 'compiler/rules/language.ts']);

function sources(dir: string, out: string[] = []): string[] {
  for (const f of readdirSync(dir)) {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) sources(p, out);
    else if (f.endsWith('.ts') && !GENERATED.has(relative(repoRoot, p))) out.push(p);
  }
  return out;
}

/** Every `'area/what'` literal in the compiler, grammar and language server, with where it is. */
function idsInSources(): Map<string, string> {
  const found = new Map<string, string>();
  for (const p of ['compiler', 'grammar', 'lsp'].flatMap((d) => sources(join(repoRoot, d)))) {
    const text = readFileSync(p, 'utf8');
    for (const m of text.matchAll(/['"`]([a-z][a-z0-9-]*\/[a-z][a-z0-9-]*)['"`]/g)) {
      if (!NOT_IDS.has(m[1]!) && !found.has(m[1]!)) found.set(m[1]!, relative(repoRoot, p));
    }
  }
  return found;
}

const documented = new Set([...rules.map((r) => r.id), ...languageDiagnostics.map((d) => d.id)]);

test('every id reported anywhere in the sources has a doc (a rule, or an entry of compiler/rules/language.ts)', () => {
  const missing = [...idsInSources()].filter(([id]) => !documented.has(id)).map(([id, where]) => `${id} (${where})`);
  assert.deepEqual(missing, [], 'add these ids to compiler/rules/language.ts (with fixtures) and run node --import tsx scripts/gen-rule-docs.ts');
});

test('no entry of compiler/rules/language.ts is dead: each id occurs in the sources', () => {
  const inSources = idsInSources();
  assert.deepEqual(languageDiagnostics.filter((d) => !inSources.has(d.id)).map((d) => d.id), []);
});

test('the language catalogue is sorted, unique, and internal ids are the "bug in Quorate" ones', () => {
  const ids = languageDiagnostics.map((d) => d.id);
  assert.deepEqual(ids, [...new Set(ids)].sort((a, b) => a.localeCompare(b)));
  assert.deepEqual(languageDiagnostics.filter((d) => d.internal).map((d) => d.id), ['format/internal-error', 'import/internal', 'internal/rule-crash', 'lower/internal', 'xml/internal']);
});

for (const entry of languageDiagnostics) {
  if (entry.internal) {
    test(`${entry.id}: internal, no fixture`, () => {
      assert.equal(languageFixture(entry.id, 'bad'), undefined);
    });
    continue;
  }
  test(`${entry.id}: the bad fixture reports it, the good one does not`, () => {
    const bad = languageFixture(entry.id, 'bad');
    assert.ok(bad, `test/fixtures/rules/${entry.id}/bad.(cluster|conf|fence_virt.conf) is missing`);
    const { text, diagnostics } = languageFindings(entry, bad.name, bad.bytes);
    const hits = diagnostics.filter((d) => d.rule === entry.id);
    assert.ok(hits.length > 0, `${entry.id}: bad/${bad.name} reports ${diagnostics.map((d) => `${d.rule}: ${d.message}`).join('\n') || 'nothing'}`);
    for (const d of hits) {
      assert.equal(d.severity, entry.severity, `${entry.id}: reported as ${d.severity}, catalogued as ${entry.severity}`);
      assert.ok(d.span.start >= 0 && d.span.start <= d.span.end && d.span.end <= text.length && d.message.length > 0, `${entry.id}: span ${d.span.start}-${d.span.end}`);
    }
    const good = languageFixture(entry.id, 'good');
    assert.ok(good, `test/fixtures/rules/${entry.id}/good.* is missing`);
    const clean = languageFindings(entry, good.name, good.bytes).diagnostics.filter((d) => d.rule === entry.id || d.severity === 'error');
    assert.deepEqual(clean.map((d) => `${d.rule}: ${d.message}`), [], `${good.name} should be clean of ${entry.id} and of errors`);
  });
}
