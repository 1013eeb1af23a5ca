// The one entry the shells (CLI, language server) call. Pure: strings in, results out; any
// reading of files or the environment goes through the host the caller passes.

import { parse } from '../grammar/parser.ts';
import type { SourceFile } from '../grammar/syntax.ts';
import { byPosition, type Diagnostic, hasErrors } from './diagnostics.ts';
import { lower } from './lower/lower.ts';
import { rawEntrySpans } from './lower/raw.ts';
import type { SymbolTable } from './lower/symbols.ts';
import type { SecretHost } from './lower/values.ts';
import type { ConfElement } from './model/conf.ts';
import { emitClusterConf } from './emit/cluster-conf.ts';
import { decodeSource } from './text/decode.ts';
import { lintModel, type LintOptions } from './rules/index.ts';
import { analyzeClusterConf as readAndValidateClusterConf, analyzeClusterConfBytes as readAndValidateClusterConfBytes, type ClusterConfAnalysis } from './import/index.ts';
import type { FenceVirtModel } from './fence-virt/model.ts';
import { emitFenceVirtConf } from './fence-virt/emit.ts';

export type { Diagnostic } from './diagnostics.ts';
export type { SecretHost } from './lower/values.ts';

export interface AnalyzeOptions {
  /** Reads env("…")/file("…") secrets; absent = secrets are checked, not read (the editor). */
  secrets?: SecretHost;
  /** Used when the source has no config_version (`quorate plan --bump`). */
  defaultConfigVersion?: number;
}

export interface Analysis {
  text: string;
  syntax: SourceFile;
  cluster?: ConfElement;
  /** The `fence_virtd { }` block, compiled to fence_virt.conf. */
  fenceVirt?: FenceVirtModel;
  symbols: SymbolTable;
  /** Sorted by position. */
  diagnostics: Diagnostic[];
}

/**
 * Parses, lowers and checks a .cluster source: syntax, names and types (lowering), then the
 * validity rules over the model (compiler/rules: a reference to nothing, a parameter the agent
 * lacks, a node without an id), which the same rules check on raw cluster.conf.
 */
export function analyze(text: string, options: AnalyzeOptions = {}): Analysis {
  return analyzeWith(text, options, 'validity');
}

/** `analyze`, with the validity rules, every rule, or none of them (the importer's self-check). */
export function analyzeWith(text: string, options: AnalyzeOptions, rules: 'validity' | 'all' | 'none', lint: Omit<LintOptions, 'rules' | 'input' | 'fenceVirt'> = {}): Analysis {
  const parsed = parse(text);
  const lowered = lower(parsed.file, options);
  const unchecked = rules === 'validity' ? { unchecked: rawEntrySpans(parsed.file.entries) } : {};
  const ruled = lowered.cluster && rules !== 'none' ? lintModel(lowered.cluster, { ...lint, ...unchecked, input: 'cluster', rules, ...(lowered.fenceVirt ? { fenceVirt: lowered.fenceVirt } : {}) }) : [];
  const diagnostics = [...parsed.diagnostics, ...lowered.diagnostics, ...ruled].sort(byPosition);
  return { text, syntax: parsed.file, ...(lowered.cluster ? { cluster: lowered.cluster } : {}), ...(lowered.fenceVirt ? { fenceVirt: lowered.fenceVirt } : {}), symbols: lowered.symbols, diagnostics };
}

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

export function compileText(text: string, options: AnalyzeOptions = {}): CompileResult {
  const analysis = analyze(text, options);
  if (hasErrors(analysis.diagnostics) || (!analysis.cluster && !analysis.fenceVirt)) return { analysis, diagnostics: analysis.diagnostics, outputs: [] };
  const outputs = analysis.cluster ? [{ name: 'cluster.conf', text: emitClusterConf(analysis.cluster) }] : [];
  if (analysis.fenceVirt) outputs.push({ name: 'fence_virt.conf', text: emitFenceVirtConf(analysis.fenceVirt) });
  return { analysis, diagnostics: analysis.diagnostics, outputs };
}

/** Bytes as read from disk: bad encodings and binary files become diagnostics, not exceptions. */
export function compileBytes(bytes: Uint8Array, options: AnalyzeOptions = {}): CompileResult & { text?: string } {
  const decoded = decodeSource(bytes);
  if (decoded.diagnostics.length > 0) return { diagnostics: decoded.diagnostics, outputs: [], ...(decoded.text !== undefined ? { text: decoded.text } : {}) };
  return { ...compileText(decoded.text!, options), text: decoded.text! };
}

// Raw cluster.conf input (quorate check/lint FILE.conf, quorate import): compiler/import.
export { looksLikeClusterConf, looksLikeXml, type ClusterConfAnalysis } from './import/index.ts';

/** A raw cluster.conf: the XML reader and the schema check, then the validity rules over its model. */
export function analyzeClusterConf(text: string): ClusterConfAnalysis {
  return withValidityRules(readAndValidateClusterConf(text));
}

/** Bytes as read from disk (bad encodings become diagnostics), then `analyzeClusterConf`. */
export function analyzeClusterConfBytes(bytes: Uint8Array): ClusterConfAnalysis & { text?: string } {
  return withValidityRules(readAndValidateClusterConfBytes(bytes));
}

function withValidityRules<T extends ClusterConfAnalysis>(r: T): T {
  if (!r.root) return r;
  return { ...r, diagnostics: [...r.diagnostics, ...lintModel(r.root, { input: 'xml', rules: 'validity' })].sort(byPosition) };
}
import { importClusterConf as importWithoutRules, importClusterConfBytes as importBytesWithoutRules, type ImportResult } from './import/to-source.ts';
export type { ImportResult } from './import/to-source.ts';

/** `quorate import`: the .cluster source of a raw cluster.conf, with what `check` finds in the XML. */
export function importClusterConf(text: string): ImportResult {
  return withValidityRulesOnRoot(importWithoutRules(text));
}

export function importClusterConfBytes(bytes: Uint8Array): ImportResult & { text?: string } {
  return withValidityRulesOnRoot(importBytesWithoutRules(bytes));
}

function withValidityRulesOnRoot<T extends ImportResult>(r: T): T {
  if (!r.root || r.root.tag !== 'cluster') return r;
  return { ...r, diagnostics: [...r.diagnostics, ...lintModel(r.root, { input: 'xml', rules: 'validity' })].sort(byPosition) };
}

// fence_virt.conf input (quorate check FILE, quorate import --fence-virt): compiler/fence-virt.
export { analyzeConf as analyzeFenceVirtConf, analyzeConfBytes as analyzeFenceVirtConfBytes, looksLikeFenceVirtConf, looksLikeFenceVirtConfBytes } from './fence-virt/conf.ts';
export { importFenceVirtConf, type FenceVirtImport } from './fence-virt/import.ts';

// Resource start/stop order exactly as rgmanager computes it (quorate order, hover, timelines).
export { buildResourceTree, findResource, resolvedAttributes, type LoadMessage, type NodeFlags, type ResolvedAttribute, type ResourceTree } from './rgmanager/tree.ts';
export { operationOrder, orderRuns, orderTargets, rgTestNoop, serviceNames, startOrder, stopOrder, type OrderRun, type OrderStep } from './simulate/order.ts';
// The XML reader alone (no schema check), for tools that need only the tree, as rg_test does.
export { readClusterConf } from './import/read-xml.ts';

// The canonical layout (quorate fmt, the language server's formatting, the importer's output): compiler/format.
export { formatBytes, formatText, type FormatOptions, type FormatResult } from './format/index.ts';
