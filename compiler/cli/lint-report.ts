// `quorate lint` output: JSON (our schema: schemas/lint-output.schema.json) and SARIF 2.1.0 for
// code-scanning services (rules with help URIs, regions in UTF-16 code units).

import type { Diagnostic } from '../diagnostics.ts';
import { docsUrl, findRule, LineIndex } from '../api.ts';
import { type FileDiagnostics, toJson } from './render.ts';

declare const QUORATE_VERSION: string;
const VERSION = typeof QUORATE_VERSION === 'string' ? QUORATE_VERSION : '0.0.0-dev';

export function counts(files: FileDiagnostics[]): { files: number; errors: number; warnings: number; infos: number } {
  const all = files.flatMap((f) => f.diagnostics);
  return {
    files: files.length,
    errors: all.filter((d) => d.severity === 'error').length,
    warnings: all.filter((d) => d.severity === 'warning').length,
    infos: all.filter((d) => d.severity === 'info' || d.severity === 'hint').length,
  };
}

export function lintJson(files: FileDiagnostics[]): object {
  const base = toJson(files) as { diagnostics: { rule: string }[] };
  const diagnostics = base.diagnostics.map((d) => (findRule(d.rule) ? { ...d, docs: docsUrl(d.rule) } : d));
  return { diagnostics, summary: counts(files) };
}

const LEVEL = { error: 'error', warning: 'warning', info: 'note', hint: 'note' } as const;

function uriOf(file: string): string {
  return file.split(/[\\/]/).map(encodeURIComponent).join('/');
}

export function lintSarif(files: FileDiagnostics[]): object {
  const ids = [...new Set(files.flatMap((f) => f.diagnostics.map((d) => d.rule)))].sort();
  const rules = ids.map((id) => {
    const r = findRule(id);
    return r
      ? {
          id,
          name: id.replace(/[/-](.)/g, (_, c: string) => c.toUpperCase()).replace(/^./, (c) => c.toUpperCase()),
          shortDescription: { text: r.summary },
          fullDescription: { text: r.description },
          helpUri: docsUrl(id),
          help: { text: r.description, markdown: r.description },
          defaultConfiguration: { level: LEVEL[r.severity] },
        }
      : { id, shortDescription: { text: id } };
  });
  const results = files.flatMap((f) => {
    const index = new LineIndex(f.text ?? '');
    const region = (d: { start: number; end: number }) => {
      const s = index.position(d.start);
      const e = index.position(Math.max(d.end, d.start));
      return { startLine: s.line, startColumn: s.column, endLine: e.line, endColumn: e.column };
    };
    const location = (span: { start: number; end: number }, file: string) => ({ physicalLocation: { artifactLocation: { uri: uriOf(file) }, region: region(span) } });
    return f.diagnostics.map((d: Diagnostic) => ({
      ruleId: d.rule,
      ruleIndex: ids.indexOf(d.rule),
      level: LEVEL[d.severity],
      message: { text: d.message },
      locations: [location(d.span, f.file)],
      ...(d.related ? { relatedLocations: d.related.map((r, i) => ({ id: i, ...location(r.span, r.file ?? f.file), message: { text: r.message } })) } : {}),
      ...(d.fixes && d.fixes.length
        ? {
            fixes: d.fixes.map((x) => ({
              description: { text: x.title },
              artifactChanges: [{ artifactLocation: { uri: uriOf(f.file) }, replacements: x.edits.map((e) => ({ deletedRegion: region(e.span), insertedContent: { text: e.newText } })) }],
            })),
          }
        : {}),
    }));
  });
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'quorate', version: VERSION, semanticVersion: VERSION.replace(/^[^0-9]*/, '') || '0.0.0', informationUri: 'https://github.com/quorate/quorate', rules } },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
}
