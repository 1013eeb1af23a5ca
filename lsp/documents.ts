// The analysis of each open document, computed on demand and cached per version: every feature
// reads the same result. `.cluster` sources go through analyze(); raw cluster.conf files through
// the importer's analyzeClusterConf() (diagnostics on the XML).

import type { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze, type Analysis } from '../compiler/api.ts';
import type { Diagnostic } from '../compiler/diagnostics.ts';
import type { ConfElement } from '../compiler/model/conf.ts';
import { lintSource, rules } from '../compiler/lint.ts';
import type { Severity } from '../compiler/diagnostics.ts';
import { rawConf } from './raw-conf.ts';

export type DocumentKind = 'cluster' | 'cluster-conf';

export interface DocumentAnalysis {
  kind: DocumentKind;
  version: number;
  diagnostics: Diagnostic[];
  /** `.cluster` sources only. */
  analysis?: Analysis;
  /** Raw cluster.conf only: the model read from the XML. */
  conf?: ConfElement;
}

export function documentKind(doc: TextDocument): DocumentKind {
  const path = doc.uri.toLowerCase();
  if (doc.languageId === 'quorate' || path.endsWith('.cluster')) return 'cluster';
  if (doc.languageId === 'cluster-conf' || doc.languageId === 'xml' || path.endsWith('.conf') || path.endsWith('.xml')) return 'cluster-conf';
  return doc.getText().trimStart().startsWith('<') ? 'cluster-conf' : 'cluster';
}

const cache = new Map<string, DocumentAnalysis>();

export function analysisOf(doc: TextDocument): DocumentAnalysis {
  const hit = cache.get(doc.uri);
  if (hit && hit.version === doc.version) return hit;
  const kind = documentKind(doc);
  const text = doc.getText();
  let result: DocumentAnalysis;
  if (kind === 'cluster') {
    const analysis = analyze(text);
    result = { kind, version: doc.version, diagnostics: analysis.diagnostics, analysis };
  } else {
    const conf = rawConf.analyze(text);
    result = { kind, version: doc.version, diagnostics: conf.diagnostics, ...(conf.root ? { conf: conf.root } : {}) };
  }
  cache.set(doc.uri, result);
  return result;
}

export function forget(uri: string): void {
  cache.delete(uri);
  lintCache.delete(uri);
}

// What `quorate lint` reports for the same text: the analysis' diagnostics plus every rule
// (quorum, fencing, services, the simulation-based ones), severity overrides and inline
// `# quorate-ignore` suppressions applied. This is what the editor shows.
const lintCache = new Map<string, { version: number; diagnostics: Diagnostic[] }>();
let severities: Record<string, Severity | 'off'> = {};

let simulation = true;

export function setSeverities(s: Record<string, Severity | 'off'>): void {
  severities = s;
  lintCache.clear();
}

/** `quorate.simulation`: off drops the simulation-based rules and the failure rows in hovers. */
export function setSimulation(enabled: boolean): void {
  simulation = enabled;
  lintCache.clear();
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

export function lintOf(doc: TextDocument): Diagnostic[] {
  const hit = lintCache.get(doc.uri);
  if (hit && hit.version === doc.version) return hit.diagnostics;
  const kind = documentKind(doc) === 'cluster' ? 'cluster' : 'xml';
  const diagnostics = lintSource(doc.getText(), { kind, severities: effectiveSeverities() }).diagnostics;
  lintCache.set(doc.uri, { version: doc.version, diagnostics });
  return diagnostics;
}
