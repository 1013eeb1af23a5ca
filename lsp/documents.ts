// The analysis of each open document, made once per version: every feature (diagnostics, hover,
// completion, navigation, outline, semantic tokens, code actions, previews) reads that one
// result. Its kind (.cluster source, raw cluster.conf, fence_virt.conf) is the core's decision,
// from the document's name and text, unless the editor declared the language. The lint of a
// version (every rule, severity overrides, `# quorate-ignore` suppressions: what `quorate lint`
// reports, and what the editor shows) is made from that same analysis, never a second one.

import type { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzeSource, inputKindOf, lintSource, rules } from '../compiler/api.ts';
import type { Analysis, ConfElement, Diagnostic, InputKind, LintResult, Severity, SourceAnalysis } from '../compiler/api.ts';
import { notAnalysedReason } from './limits.ts';

export type DocumentKind = InputKind;

export interface DocumentAnalysis {
  kind: DocumentKind;
  version: number;
  /** The core's analysis of this version: the one object every feature reads. Absent when the
   * document is too large to analyse in the editor (lsp/limits.ts). */
  source?: SourceAnalysis;
  /** Why this version was not analysed (its size): features answer empty, previews say this. */
  notAnalysed?: string;
  /** The diagnostics of reading the document (the lint adds the rules' findings). */
  diagnostics: Diagnostic[];
  /** `.cluster` sources only. */
  analysis?: Analysis;
  /** Raw cluster.conf only: the model read from the XML. */
  conf?: ConfElement;
}

interface CachedDocument extends DocumentAnalysis {
  lint?: { settings: number; result: LintResult };
}

/** Language ids an editor may declare, for the kinds they name. */
const DECLARED: ReadonlyMap<string, DocumentKind> = new Map([['quorate', 'cluster'], ['cluster-conf', 'cluster-conf'], ['xml', 'cluster-conf']]);

export function documentKind(doc: TextDocument): DocumentKind {
  return DECLARED.get(doc.languageId) ?? inputKindOf(doc.uri, doc.getText());
}

const cache = new Map<string, CachedDocument>();
let analysesRun = 0;

/** How many document versions this server has analysed: one per version, whatever asks. */
export function analysisRuns(): number {
  return analysesRun;
}

function cached(doc: TextDocument): CachedDocument {
  const hit = cache.get(doc.uri);
  if (hit && hit.version === doc.version) return hit;
  const kind = documentKind(doc);
  const notAnalysed = notAnalysedReason(doc.getText().length);
  if (notAnalysed) {
    const entry: CachedDocument = { kind, version: doc.version, diagnostics: [], notAnalysed };
    cache.set(doc.uri, entry);
    return entry;
  }
  const source = analyzeSource(doc.getText(), kind);
  analysesRun++;
  const entry: CachedDocument = {
    kind,
    version: doc.version,
    source,
    diagnostics: source.diagnostics,
    ...(source.kind === 'cluster' ? { analysis: source.analysis } : {}),
    ...(source.kind === 'cluster-conf' && source.conf.root ? { conf: source.conf.root } : {}),
  };
  cache.set(doc.uri, entry);
  return entry;
}

export function analysisOf(doc: TextDocument): DocumentAnalysis {
  return cached(doc);
}

export function forget(uri: string): void {
  cache.delete(uri);
}

let severities: Record<string, Severity | 'off'> = {};
let simulation = true;
/** Bumped by every settings change: a lint made under older settings is redone, the analysis kept. */
let settingsGeneration = 0;

export function setSeverities(s: Record<string, Severity | 'off'>): void {
  severities = s;
  settingsGeneration++;
}

/** `quorate.simulation`: off drops the simulation-based rules and the failure rows in hovers. */
export function setSimulation(enabled: boolean): void {
  simulation = enabled;
  settingsGeneration++;
}

export function simulationEnabled(): boolean {
  return simulation;
}

function effectiveSeverities(): Record<string, Severity | 'off'> {
  if (simulation) return severities;
  const off: Record<string, Severity | 'off'> = { ...severities };
  for (const r of rules) if (r.simulation) off[r.id] = 'off';
  return off;
}

/** The lint of this version, made from its one analysis (a document too large to analyse has none: see lintOf). */
export function lintResultOf(doc: TextDocument): LintResult {
  const entry = cached(doc);
  if (!entry.source) throw new Error(entry.notAnalysed ?? 'document not analysed');
  if (entry.lint && entry.lint.settings === settingsGeneration) return entry.lint.result;
  const result = lintSource(doc.getText(), { analysis: entry.source, severities: effectiveSeverities() });
  entry.lint = { settings: settingsGeneration, result };
  return result;
}

/** The lint's diagnostics of this version; none for a document too large to analyse. */
export function lintOf(doc: TextDocument): Diagnostic[] {
  if (cached(doc).notAnalysed) return [];
  return lintResultOf(doc).diagnostics;
}
