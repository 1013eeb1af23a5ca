// Linting a source as the shells need it: a .cluster file (parse, lower, rules), a raw
// cluster.conf (read, schema, rules) or a fence_virt.conf (fence_virtd's own checks), then
// `.quorate.json` severities and inline suppressions. Pure: the caller reads the files and
// passes their text. An analysis the caller already has (the language server's, per document
// version) is linted as it is, never analysed again.

import { analyze, analyzeClusterConf, type Analysis } from './analyze.ts';
import { byPosition, type Diagnostic, type Severity } from './diagnostics.ts';
import { analyzeConf as analyzeFenceVirtConf, type ConfFile } from './fence-virt/conf.ts';
import type { ClusterConfAnalysis } from './import/index.ts';
import { clusterInputKind, inputKindOf, type InputKind } from './input-kind.ts';
import { attr, type ConfElement, child, children } from './model/conf.ts';
import { applySeverities, lintModel } from './rules/index.ts';
import { applySuppressions } from './rules/suppress.ts';
export { canSuppress, suppressionComment } from './rules/suppress.ts';

/** One input analysed as its kind reads: the same object serves every later question about it. */
export type SourceAnalysis =
  | { kind: 'cluster'; diagnostics: Diagnostic[]; analysis: Analysis }
  | { kind: 'cluster-conf'; diagnostics: Diagnostic[]; conf: ClusterConfAnalysis }
  | { kind: 'fence-virt-conf'; diagnostics: Diagnostic[]; fenceVirtConf: { file?: ConfFile; diagnostics: Diagnostic[] } };

/** `previous`: the deployed cluster.conf's model, which config/version compares with. */
export function analyzeSource(text: string, kind: InputKind, previous?: ConfElement): SourceAnalysis {
  if (kind === 'cluster-conf') {
    const conf = analyzeClusterConf(text, previous ? { previous } : {});
    return { kind, diagnostics: conf.diagnostics, conf };
  }
  if (kind === 'fence-virt-conf') {
    const fenceVirtConf = analyzeFenceVirtConf(text);
    return { kind, diagnostics: fenceVirtConf.diagnostics, fenceVirtConf };
  }
  const analysis = analyze(text, previous ? { previous } : {});
  return { kind, diagnostics: analysis.diagnostics, analysis };
}

/** The cluster model an analysis produced, if any (a fence_virt.conf has none). */
export function modelIn(source: SourceAnalysis): ConfElement | undefined {
  return source.kind === 'cluster' ? source.analysis.cluster : source.kind === 'cluster-conf' ? source.conf.root : undefined;
}

export interface LintSourceOptions {
  /** Decided from the text (and file name) by inputKindOf when absent. */
  kind?: InputKind;
  fileName?: string;
  /** The analysis of this very text, when the caller has one: it is linted, not redone. */
  analysis?: SourceAnalysis;
  /** The deployed cluster.conf text, for config/version (used when the analysis is made here). */
  previousText?: string;
  severities?: Record<string, Severity | 'off'>;
}

export interface LintResult {
  kind: InputKind;
  model?: ConfElement;
  /** What the lint read: the analysis passed in, or the one made for it. */
  analysis: SourceAnalysis;
  diagnostics: Diagnostic[];
}

/** The model of a source of either kind, with the diagnostics of reading it. */
export function modelOf(text: string, kind: 'cluster' | 'cluster-conf'): { model?: ConfElement; diagnostics: Diagnostic[] } {
  const source = analyzeSource(text, kind);
  const model = modelIn(source);
  return { ...(model ? { model } : {}), diagnostics: source.diagnostics };
}

export function lintSource(text: string, options: LintSourceOptions = {}): LintResult {
  const previous = options.previousText !== undefined ? modelOf(options.previousText, clusterInputKind(undefined, options.previousText)).model : undefined;
  const source = options.analysis ?? analyzeSource(text, options.kind ?? inputKindOf(options.fileName, text), previous);
  const kind = source.kind;
  // fence_virtd reads no rule catalogue: its own checks are the whole lint.
  if (source.kind === 'fence-virt-conf') return { kind, analysis: source, diagnostics: source.diagnostics };
  const model = modelIn(source);
  const diagnostics = source.diagnostics;
  const input = kind === 'cluster' ? 'cluster' : 'xml';
  // The analysis holds what `check` reports (validity rules included): lint adds the other rules.
  const fenceVirt = source.kind === 'cluster' ? source.analysis.fenceVirt : undefined;
  const ruled = model ? lintModel(model, { input, rules: 'lint', ...(fenceVirt ? { fenceVirt } : {}), ...(previous ? { previous } : {}), ...(options.severities ? { severities: options.severities } : {}) }) : [];
  const all = [...applySeverities(diagnostics, options.severities), ...ruled];
  const comments = source.kind === 'cluster' ? source.analysis.syntax.comments : 'xml';
  return { kind, ...(model ? { model } : {}), analysis: source, diagnostics: applySuppressions(text, comments, all).sort(byPosition) };
}

// The simulator and the rule catalogue, for the shells (CLI, language server).
export { findRule, lintModel, rules, docsUrl, type LintOptions, type Rule, type RuleMeta } from './rules/index.ts';
export { simulateFailure, simulateModel, type Finding, type ScenarioDetail, type Simulation, type SimulateOptions } from './simulate/index.ts';
export { languageDocs, ruleDocs } from './rules/docs.generated.ts';
export { findLanguageDiagnostic, languageDiagnostics, sourceText, type LanguageDiagnostic } from './rules/language.ts';

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
