// Linting a source as the shells need it: a .cluster file (parse, lower, rules) or a raw
// cluster.conf (read, schema, rules), then `.quorate.json` severities and inline suppressions.
// Pure: the caller reads the files and passes their text.

import { analyzeClusterConf, analyzeWith } from './api.ts';
import type { FenceVirtModel } from './fence-virt/model.ts';
import { byPosition, type Diagnostic, type Severity } from './diagnostics.ts';
import { analyzeClusterConf as readAndValidateClusterConf, looksLikeXml } from './import/index.ts';
import { attr, type ConfElement, child, children } from './model/conf.ts';
import { applySeverities, lintModel } from './rules/index.ts';
import { applySuppressions } from './rules/suppress.ts';

export interface LintSourceOptions {
  /** Decided from the text (and file name) when absent. */
  kind?: 'cluster' | 'xml';
  fileName?: string;
  /** The deployed cluster.conf text, for config/version. */
  previousText?: string;
  severities?: Record<string, Severity | 'off'>;
}

export interface LintResult {
  kind: 'cluster' | 'xml';
  model?: ConfElement;
  diagnostics: Diagnostic[];
}

/**
 * The model of a source of either kind, with the diagnostics of reading it (syntax, names and
 * types, or XML and schema) and, unless `rules` is 'none', of the validity rules: what `check`
 * reports.
 */
export function modelOf(text: string, kind: 'cluster' | 'xml', rules: 'validity' | 'none' = 'validity'): { model?: ConfElement; fenceVirt?: FenceVirtModel; diagnostics: Diagnostic[] } {
  if (kind === 'xml') {
    const r = rules === 'validity' ? analyzeClusterConf(text) : readAndValidateClusterConf(text);
    return { ...(r.root ? { model: r.root } : {}), diagnostics: r.diagnostics };
  }
  const a = analyzeWith(text, {}, rules);
  return { ...(a.cluster ? { model: a.cluster } : {}), ...(a.fenceVirt ? { fenceVirt: a.fenceVirt } : {}), diagnostics: a.diagnostics };
}

/** Reading, then every rule once; `.quorate.json` severities and inline suppressions apply to all. */
export function lintSource(text: string, options: LintSourceOptions = {}): LintResult {
  const kind = options.kind ?? (looksLikeXml(text, options.fileName) ? 'xml' : 'cluster');
  const { model, fenceVirt, diagnostics } = modelOf(text, kind, 'none');
  const previous = options.previousText !== undefined ? modelOf(options.previousText, looksLikeXml(options.previousText) ? 'xml' : 'cluster', 'none').model : undefined;
  const ruled = model ? lintModel(model, { input: kind, ...(fenceVirt ? { fenceVirt } : {}), ...(previous ? { previous } : {}), ...(options.severities ? { severities: options.severities } : {}) }) : [];
  const all = [...applySeverities(diagnostics, options.severities), ...ruled];
  return { kind, ...(model ? { model } : {}), diagnostics: applySuppressions(text, kind, all).sort(byPosition) };
}

// The simulator and the rule catalogue, for the shells (CLI, language server).
export { findRule, lintModel, rules, docsUrl, type LintOptions, type Rule, type RuleMeta } from './rules/index.ts';
export { simulateFailure, simulateModel, type Finding, type ScenarioDetail, type Simulation, type SimulateOptions } from './simulate/index.ts';
export { languageDocs, ruleDocs } from './rules/docs.generated.ts';
export { findLanguageDiagnostic, languageDiagnostics, sourceText, type LanguageDiagnostic } from './rules/language.ts';
export { looksLikeXml } from './import/index.ts';

/** The model's cluster name. */
export function clusterName(model: ConfElement): string {
  return attr(model, 'name') ?? '';
}

/**
 * Names a user may give a node: its cluster.conf name, and in a .cluster source also the name it
 * is declared with (`node node1 = "node1.example.com"`). Maps each to the cluster.conf name.
 */
export function nodeAliases(model: ConfElement, text: string): Map<string, string> {
  const m = new Map<string, string>();
  const nodes = child(model, 'clusternodes');
  for (const n of nodes ? children(nodes, 'clusternode') : []) {
    const name = attr(n, 'name') ?? '';
    m.set(name, name);
    if (n.nameSpan) m.set(text.slice(n.nameSpan.start, n.nameSpan.end).replace(/^"|"$/g, ''), name);
  }
  return m;
}
