// Each diagnostic id has exactly one producer. A producer is a rule file (compiler/rules/<id>.ts,
// for the whole-cluster checks that run over the model on both kinds of input) or one phase of
// the pipeline (the parser, the lowering, the XML reader and schema check, the importer, the
// fence_virt.conf checks, the formatter, the byte decoder, the rules engine). This test finds,
// for every id, every place in the sources that writes it where a diagnostic is made (a string
// literal that is not a comparison such as `d.rule === 'config/nodeid'`), lists them, and fails
// when an id has no producer, two producers, or a producer other than the one its catalogue
// entry names.

import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { languageDiagnostics, rules } from '../../../compiler/api.ts';
import type { LanguageSource } from '../../../compiler/rules/language.ts';
import { repoRoot } from '../../helpers.ts';

/** The phases that produce the language's diagnostics, by the folders or files they live in. */
const PHASES: { phase: string; sources: LanguageSource[]; paths: string[] }[] = [
  { phase: 'parser', sources: ['parser'], paths: ['grammar/'] },
  { phase: 'lowering', sources: ['language', 'escape hatch'], paths: ['compiler/lower/', 'compiler/analyze.ts'] },
  { phase: 'XML reader and schema check', sources: ['schema'], paths: ['compiler/import/read-xml.ts', 'compiler/import/schema.ts'] },
  { phase: 'importer', sources: ['importer'], paths: ['compiler/import/to-source.ts', 'compiler/import/to-source/'] },
  { phase: 'fence_virtd checks', sources: ['fence_virt.conf'], paths: ['compiler/fence-virt/'] },
  { phase: 'formatter', sources: ['formatter'], paths: ['compiler/format/'] },
  { phase: 'byte decoder', sources: ['input'], paths: ['compiler/text/'] },
  { phase: 'rules engine', sources: ['rules engine'], paths: ['compiler/rules/index.ts', 'compiler/rules/suppress.ts'] },
];

/** Catalogues that name every id without producing any. */
const CATALOGUES = new Set(['compiler/rules/language.ts', 'compiler/rules/docs.generated.ts']);

function sources(dir: string, out: string[] = []): string[] {
  for (const f of readdirSync(join(repoRoot, dir)).sort()) {
    const p = join(dir, f);
    if (statSync(join(repoRoot, p)).isDirectory()) sources(p, out);
    else if (f.endsWith('.ts') && !CATALOGUES.has(p)) out.push(p);
  }
  return out;
}

/** Comments blanked out (same length, so offsets stay), strings kept. */
function withoutComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*/g, (m) => m.replace(/[^\n]/g, ' '));
}

const ruleFile = (id: string) => `compiler/rules/${id}.ts`;

function producerOf(file: string): string {
  const rule = rules.find((r) => ruleFile(r.id) === file);
  if (rule) return `rule ${rule.id}`;
  const phase = PHASES.find((p) => p.paths.some((x) => (x.endsWith('/') ? file.startsWith(x) : file === x)));
  return phase ? phase.phase : `(no producer may live in ${file})`;
}

/** Every id → the files that write it where a diagnostic is made. */
function reportSites(ids: ReadonlySet<string>): Map<string, Set<string>> {
  const sites = new Map<string, Set<string>>([...ids].map((id) => [id, new Set<string>()]));
  for (const file of ['grammar', 'compiler', 'lsp'].flatMap((d) => sources(d))) {
    const text = withoutComments(readFileSync(join(repoRoot, file), 'utf8'));
    // A template literal that builds an id hides it from every check: ids are written out.
    for (const m of text.matchAll(/`[a-z-]+\/[a-z-]*\$\{/g)) assert.fail(`${file}: an id built from a template (${m[0]}…): write each id as a literal`);
    for (const m of text.matchAll(/'([a-z][a-z0-9-]*\/[a-z][a-z0-9-]*)'/g)) {
      const id = m[1]!;
      if (!ids.has(id)) continue;
      const before = text.slice(Math.max(0, m.index! - 6), m.index!);
      const after = text.slice(m.index! + m[0].length, m.index! + m[0].length + 6);
      if (/[!=]==\s*$/.test(before) || /^\s*[!=]==/.test(after)) continue; // a reader of the id, not a producer
      sites.get(id)!.add(relative('.', file));
    }
  }
  return sites;
}

test('every diagnostic id has exactly one producer, the one its catalogue entry names', (t) => {
  const ids = new Set([...rules.map((r) => r.id), ...languageDiagnostics.map((d) => d.id)]);
  const sites = reportSites(ids);
  const problems: string[] = [];
  const listing: string[] = [];
  for (const id of [...ids].sort()) {
    const files = [...sites.get(id)!].sort();
    const producers = [...new Set(files.map(producerOf))];
    listing.push(`${id}: ${producers.join(' + ') || 'nothing'} (${files.join(', ')})`);
    const rule = rules.find((r) => r.id === id);
    const entry = languageDiagnostics.find((d) => d.id === id);
    const expected = rule ? `rule ${id}` : PHASES.find((p) => p.sources.includes(entry!.source))?.phase;
    if (producers.length === 0) problems.push(`${id}: no producer`);
    else if (producers.length > 1) problems.push(`${id}: ${producers.length} producers: ${producers.join(', ')} (${files.join(', ')})`);
    else if (producers[0] !== expected) problems.push(`${id}: produced by ${producers[0]}, but its catalogue entry says ${expected}`);
  }
  t.diagnostic(listing.join('\n'));
  assert.deepEqual(problems, []);
});

test('a rule file produces its own id and no other', () => {
  const ids = new Set([...rules.map((r) => r.id), ...languageDiagnostics.map((d) => d.id)]);
  const offenders: string[] = [];
  for (const [id, files] of reportSites(ids))
    for (const f of files) {
      const owner = rules.find((r) => ruleFile(r.id) === f);
      if (owner && owner.id !== id) offenders.push(`${f} writes ${id}`);
    }
  assert.deepEqual(offenders, []);
});

test('the producer check can fail: two phases writing one id are caught', () => {
  // lower/ and fence-virt/ are two producers; a rule id written in lowering is a second producer.
  assert.notEqual(producerOf('compiler/lower/lower.ts'), producerOf('compiler/fence-virt/conf.ts'));
  assert.notEqual(producerOf('compiler/lower/lower.ts'), producerOf(ruleFile('fence/undefined-device')));
  assert.match(producerOf('compiler/cli/main.ts'), /no producer may live/);
});
