// The one entry the shells (CLI, language server) call. Pure: strings in, results out; any
// reading of files or the environment goes through the host the caller passes.

import { parse } from '../grammar/parser.ts';
import type { SourceFile } from '../grammar/syntax.ts';
import { byPosition, type Diagnostic, hasErrors } from './diagnostics.ts';
import { lower } from './lower/lower.ts';
import type { SymbolTable } from './lower/symbols.ts';
import type { SecretHost } from './lower/values.ts';
import type { ConfElement } from './model/conf.ts';
import { emitClusterConf } from './emit/cluster-conf.ts';
import { decodeSource } from './text/decode.ts';
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

export function analyze(text: string, options: AnalyzeOptions = {}): Analysis {
  const parsed = parse(text);
  const lowered = lower(parsed.file, options);
  const diagnostics = [...parsed.diagnostics, ...lowered.diagnostics].sort(byPosition);
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
export { analyzeClusterConf, analyzeClusterConfBytes, looksLikeClusterConf, looksLikeXml, type ClusterConfAnalysis } from './import/index.ts';
export { importClusterConf, importClusterConfBytes, type ImportResult } from './import/to-source.ts';

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
