// The one entry the shells (CLI, language server) call: compile, check, lint, import, plan,
// format, order, simulate, the kind of an input, and the catalogue and symbol lookups the editor
// needs. The shells take values from here only (types may come from anywhere below). Pure:
// strings and bytes in, results out; any reading of files or the environment goes through the
// host the caller passes.

import { analyze, analyzeClusterConf, analyzeClusterConfBytes, type Analysis, type AnalyzeOptions, withValidityRules } from './analyze.ts';
import { importClusterConf as importWithoutRules, importClusterConfBytes as importBytesWithoutRules, type ImportResult } from './import/to-source.ts';
import { type Diagnostic, hasErrors } from './diagnostics.ts';
import { emitClusterConf } from './emit/cluster-conf.ts';
import { analyzeConfBytes as analyzeFenceVirtConfBytes } from './fence-virt/conf.ts';
import { emitFenceVirtConf } from './fence-virt/emit.ts';
import { clusterInputKind, inputKindOf, type InputKind } from './input-kind.ts';
import { analyzeSource, lintSource, modelIn, type SourceAnalysis } from './lint.ts';
import { attr, type ConfElement } from './model/conf.ts';
import { makePlan, type Plan } from './plan/plan.ts';
import { decodeSource } from './text/decode.ts';

export type { Diagnostic, Severity, Span } from './diagnostics.ts';
export type { SecretHost } from './lower/values.ts';
export { analyze, type Analysis, type AnalyzeOptions } from './analyze.ts';
export { byPosition, hasErrors } from './diagnostics.ts';

// What a file is: .cluster source, raw cluster.conf or fence_virt.conf (compiler/input-kind.ts).
export { clusterInputKind, inputKindOf, type ClusterInputKind, type InputKind } from './input-kind.ts';

// Text helpers the shells render with: decoding bytes, offsets ↔ line:column.
export { decodeSource } from './text/decode.ts';
export { LineIndex } from './text/line-index.ts';

export interface OutputFile {
  /** File name inside the output directory. */
  name: string;
  text: string;
}

export interface CompileResult {
  analysis?: Analysis;
  diagnostics: Diagnostic[];
  /** Empty whenever there is an error: nothing half-right is ever written. */
  outputs: OutputFile[];
}

/** The files an analysis compiles to (none when it has an error). */
export function compileAnalysis(analysis: Analysis): CompileResult {
  if (hasErrors(analysis.diagnostics) || (!analysis.cluster && !analysis.fenceVirt)) return { analysis, diagnostics: analysis.diagnostics, outputs: [] };
  const outputs = analysis.cluster ? [{ name: 'cluster.conf', text: emitClusterConf(analysis.cluster) }] : [];
  if (analysis.fenceVirt) outputs.push({ name: 'fence_virt.conf', text: emitFenceVirtConf(analysis.fenceVirt) });
  return { analysis, diagnostics: analysis.diagnostics, outputs };
}

export function compileText(text: string, options: AnalyzeOptions = {}): CompileResult {
  return compileAnalysis(analyze(text, options));
}

/** Bytes as read from disk: bad encodings and binary files become diagnostics, not exceptions. */
export function compileBytes(bytes: Uint8Array, options: AnalyzeOptions = {}): CompileResult & { text?: string } {
  const decoded = decodeSource(bytes);
  if (decoded.diagnostics.length > 0) return { diagnostics: decoded.diagnostics, outputs: [], ...(decoded.text !== undefined ? { text: decoded.text } : {}) };
  return { ...compileText(decoded.text!, options), text: decoded.text! };
}

/**
 * `quorate check`: every diagnostic of reading one file as its kind reads, writing nothing. A
 * .cluster source is compiled without secrets (they are checked, not read).
 */
export function checkBytes(fileName: string, bytes: Uint8Array): { kind: InputKind; text?: string; diagnostics: Diagnostic[] } {
  const kind = inputKindOf(fileName, bytes);
  const result = kind === 'fence-virt-conf' ? analyzeFenceVirtConfBytes(bytes) : kind === 'cluster-conf' ? analyzeClusterConfBytes(bytes) : compileBytes(bytes, {});
  return { kind, ...(result.text !== undefined ? { text: result.text } : {}), diagnostics: result.diagnostics };
}

// Linting (quorate lint, the git hook, the language server) and the simulator: compiler/lint.ts.
export {
  analyzeSource, canSuppress, clusterName, docsUrl, findLanguageDiagnostic, findRule, languageDiagnostics, languageDocs, lintModel, lintSource, modelIn, modelOf, nodeAliases, ruleDocs, rules, simulateFailure, simulateModel, sourceText, suppressionComment,
  type Finding, type LanguageDiagnostic, type LintOptions, type LintResult, type LintSourceOptions, type Rule, type RuleMeta, type ScenarioDetail, type Simulation, type SimulateOptions, type SourceAnalysis,
} from './lint.ts';

/** The deployed cluster.conf of `quorate plan`, read as the nodes have it. */
export interface DeployedConf {
  text?: string;
  root?: ConfElement;
  diagnostics: Diagnostic[];
  /** False when it cannot be compared with: not decodable, malformed XML, or no `<cluster>`. */
  readable: boolean;
}

export function readDeployedConf(bytes: Uint8Array): DeployedConf {
  const decoded = decodeSource(bytes);
  const read = decoded.text !== undefined && decoded.diagnostics.length === 0 ? analyzeClusterConf(decoded.text) : { diagnostics: decoded.diagnostics };
  const readable = !!read.root && !read.diagnostics.some((d) => d.rule === 'xml/malformed' || d.rule.startsWith('input/'));
  return { ...(decoded.text !== undefined ? { text: decoded.text } : {}), ...(read.root ? { root: read.root } : {}), diagnostics: read.diagnostics, readable };
}

export interface PlanOptions {
  /** The new file's name: decides its kind, as for every command. */
  fileName: string;
  /** Reads the new source's secrets, so the compiled cluster.conf is the one to deploy. */
  secrets?: AnalyzeOptions['secrets'];
  /** `--bump`: a source without config_version gets the deployed one + 1. */
  bump?: boolean;
}

export interface DeploymentPlan {
  /** The new file's text (absent when it could not be decoded) and every finding on it. */
  text?: string;
  diagnostics: Diagnostic[];
  /** Absent when the new file has no cluster to plan. */
  plan?: Plan;
  /** The cluster.conf to deploy, when the new configuration has no error. */
  compiled?: string;
}

/**
 * `quorate plan`: the new configuration (bytes of a .cluster or a raw cluster.conf) against the
 * deployed model (readDeployedConf). One analysis of the new configuration (its secrets read, its
 * version bumped on `--bump`, as compile makes it), linted once: every finding of `check` and of
 * `quorate lint`, each once.
 */
export function planDeployment(bytes: Uint8Array, deployed: ConfElement, options: PlanOptions): DeploymentPlan {
  const file = options.fileName;
  const decoded = decodeSource(bytes);
  if (decoded.text === undefined || decoded.diagnostics.length > 0) return { ...(decoded.text !== undefined ? { text: decoded.text } : {}), diagnostics: decoded.diagnostics };
  const text = decoded.text;
  let source: SourceAnalysis;
  let compiled: string | undefined;
  if (clusterInputKind(file, text) === 'cluster-conf') {
    source = analyzeSource(text, 'cluster-conf');
    if (modelIn(source) && !hasErrors(source.diagnostics)) compiled = text;
  } else {
    const deployedVersion = Number(attr(deployed, 'config_version') ?? NaN);
    const bump = options.bump && Number.isFinite(deployedVersion) ? { defaultConfigVersion: deployedVersion + 1 } : {};
    const analysis = analyze(text, { ...(options.secrets ? { secrets: options.secrets } : {}), ...bump });
    source = { kind: 'cluster', diagnostics: analysis.diagnostics, analysis };
    compiled = compileAnalysis(analysis).outputs.find((o) => o.name === 'cluster.conf')?.text;
  }
  const diagnostics = lintSource(text, { fileName: file, analysis: source }).diagnostics;
  const model = modelIn(source);
  return { text, diagnostics, ...(model ? { plan: makePlan(deployed, model, diagnostics) } : {}), ...(compiled !== undefined ? { compiled } : {}) };
}
export { planJson, renderPlanText, type Plan, type Verdict } from './plan/plan.ts';

// Raw cluster.conf input (quorate check/lint FILE.conf, quorate import): compiler/import.
export { analyzeClusterConf, analyzeClusterConfBytes } from './analyze.ts';
export type { ClusterConfAnalysis } from './import/index.ts';
export type { ImportResult } from './import/to-source.ts';

/** `quorate import`: the .cluster source of a raw cluster.conf, with what `check` finds in the XML. */
export function importClusterConf(text: string): ImportResult {
  return withValidityRules(importWithoutRules(text, (source) => analyze(source)));
}

export function importClusterConfBytes(bytes: Uint8Array): ImportResult & { text?: string } {
  return withValidityRules(importBytesWithoutRules(bytes, (source) => analyze(source)));
}

// fence_virt.conf input (quorate check FILE, quorate import --fence-virt): compiler/fence-virt.
export { analyzeConf as analyzeFenceVirtConf, analyzeConfBytes as analyzeFenceVirtConfBytes } from './fence-virt/conf.ts';
export { importFenceVirtConf, type FenceVirtImport } from './fence-virt/import.ts';

// Resource start/stop order exactly as rgmanager computes it (quorate order, hover, timelines).
export { buildResourceTree, findResource, resolvedAttributes, type LoadMessage, type NodeFlags, type ResolvedAttribute, type ResourceTree } from './rgmanager/tree.ts';
export { operationOrder, orderRuns, orderTargets, rgTestNoop, serviceNames, startOrder, stopOrder, type OrderRun, type OrderStep } from './simulate/order.ts';
// The XML reader alone (no schema check), for tools that need only the tree, as rg_test does.
export { readClusterConf } from './import/read-xml.ts';

// The canonical layout (quorate fmt, the language server's formatting, the importer's output): compiler/format.
export { formatBytes, formatText, type FormatOptions, type FormatResult } from './format/index.ts';

// The model's accessors, for shells that show parts of it (service hovers, order hints).
export { attr, child, children, type ConfAttribute, type ConfElement } from './model/conf.ts';

// Catalogue lookups the editor needs (hover, completion, semantic tokens) and `quorate explain`'s suggestion.
export { attributeOf, boolReading, catalogue, describeReading, element, fenceAgent, intReading, resourceAgent, resourceAgentCaseInsensitive, sourceSpelling, suggest } from './catalogue/index.ts';

// Symbol lookups the editor needs (navigation, rename, hover, completion) and the syntax tree's one predicate.
export { referencesTo, scopeAt, symbolAt, type BodyScope, type ClusterSymbol, type SymbolKind, type SymbolTable } from './lower/symbols.ts';
export { isAttribute } from '../grammar/syntax.ts';
