// What `check` knows about an input: a .cluster source parsed, lowered (bound, type-checked) to
// the model and checked by the validity rules over it; a raw cluster.conf read, checked against
// the schema and by the same validity rules; and the cluster.conf a source compiles to checked
// against the schema, so that `check` refuses exactly what compile refuses. Every shell reads a source through these functions,
// directly or through compiler/api.ts; `lint` adds the other rules (compiler/lint.ts).

import { parse } from '../grammar/parser.ts';
import type { SourceFile } from '../grammar/syntax.ts';
import { byPosition, type Diagnostic, type Span } from './diagnostics.ts';
import { lower } from './lower/lower.ts';
import type { SymbolTable } from './lower/symbols.ts';
import type { SecretHost } from './lower/values.ts';
import type { ConfElement } from './model/conf.ts';
import type { FenceVirtModel } from './fence-virt/model.ts';
import { rawEntrySpans } from './lower/raw.ts';
import { lintModel } from './rules/index.ts';
import { analyzeClusterConf as readAndValidate, analyzeClusterConfBytes as readAndValidateBytes, type ClusterConfAnalysis, validateSchema } from './import/index.ts';

export interface AnalyzeOptions {
  /** Reads env("…")/file("…") secrets; absent = secrets are checked, not read (the editor). */
  secrets?: SecretHost;
  /** Used when the source has no config_version (`quorate plan --bump`). */
  defaultConfigVersion?: number;
  /** The deployed cluster.conf's model (`lint --previous`): config/version compares with it. */
  previous?: ConfElement;
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
 * Syntax, names and types (lowering), then the validity rules over the model (a reference to
 * nothing, a parameter the agent lacks, a node without an id: compiler/rules), which check raw
 * cluster.conf the same way, then the schema check of the cluster.conf the model is
 * (`schemaRejections`). The rules do not look inside escape-hatch parts (`raw { }`,
 * `xml = "…" { }`), which compile writes as they are; the schema check does.
 */
export function analyze(text: string, options: AnalyzeOptions = {}): Analysis {
  const parsed = parse(text);
  const failures: Diagnostic[] = [];
  const lowered = guarded('lowering', () => lower(parsed.file, options), { symbols: { symbols: [], references: [], scopes: [] }, diagnostics: [] }, failures);
  const model = lowered.cluster;
  const unchecked = rawEntrySpans(parsed.file.entries);
  const ruled = model
    ? guarded('the validity rules', () => lintModel(model, { input: 'cluster', rules: 'validity', unchecked, ...(lowered.fenceVirt ? { fenceVirt: lowered.fenceVirt } : {}), ...(options.previous ? { previous: options.previous } : {}) }), [], failures)
    : [];
  const found = [...parsed.diagnostics, ...lowered.diagnostics, ...ruled, ...failures];
  const rejected = model ? guarded('the schema check of the compiled cluster.conf', () => schemaRejections(model, unchecked, found.some((d) => d.severity === 'error')), [], failures) : [];
  const diagnostics = [...found, ...rejected].sort(byPosition);
  return { text, syntax: parsed.file, ...(lowered.cluster ? { cluster: lowered.cluster } : {}), ...(lowered.fenceVirt ? { fenceVirt: lowered.fenceVirt } : {}), symbols: lowered.symbols, diagnostics };
}

/**
 * What the RHEL 6 schema (cluster.rng, as `ccs_config_validate` runs it before cman loads a
 * configuration or a reload) rejects in the cluster.conf `model` compiles to, each as a
 * `compile/schema-rejected` error at the source of the offending part, so that compile never
 * writes a file the real schema rejects and reports success. The language itself writes only
 * what the schema accepts, so in practice every finding lies in an escape-hatch part (`raw { }`,
 * `xml = "…" { }`, the `unchecked` spans), where nothing else looks. Findings inside those are
 * always reported; a finding elsewhere only when nothing else is an error: a source with errors
 * compiles to nothing, and its model may lack what lowering refused (a node without an id), which
 * the schema would report a second time.
 */
function schemaRejections(model: ConfElement, unchecked: readonly Span[], hasErrors: boolean): Diagnostic[] {
  const inEscapeHatch = (d: Diagnostic) => unchecked.some((s) => d.span.start >= s.start && d.span.end <= s.end);
  const out: Diagnostic[] = [];
  for (const d of validateSchema(model, { everything: true })) {
    if (hasErrors && !inEscapeHatch(d)) continue;
    if (d.rule === 'xml/internal') {
      out.push(d);
      continue;
    }
    out.push({ ...d, rule: 'compile/schema-rejected', severity: 'error', message: `the cluster.conf this compiles to fails the schema check (ccs_config_validate): ${d.message}` });
  }
  return out;
}

/**
 * Runs one step after parsing (lowering, or the validity rules over its model) so that it cannot
 * throw out of `analyze`. Lowering is written not to throw; should it throw anyway (a bug in
 * Quorate), the exception becomes one `lower/internal` error added to `failures` and the step's
 * result is `fallback`: the shells report it like any other finding, and `compile` writes nothing
 * because there is an error, instead of every command and the language server crashing.
 */
export function guarded<T>(what: string, step: () => T, fallback: T, failures: Diagnostic[]): T {
  try {
    return step();
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    failures.push({ rule: 'lower/internal', severity: 'error', message: `${what} failed on this input: ${reason}; please report it`, span: { start: 0, end: 0 } });
    return fallback;
  }
}

/** A raw cluster.conf: the XML reader and the schema check, then the validity rules over its model. */
export function analyzeClusterConf(text: string, options: Pick<AnalyzeOptions, 'previous'> = {}): ClusterConfAnalysis {
  return withValidityRules(readAndValidate(text), options.previous);
}

/** Bytes as read from disk (bad encodings become diagnostics), then `analyzeClusterConf`. */
export function analyzeClusterConfBytes(bytes: Uint8Array): ClusterConfAnalysis & { text?: string } {
  return withValidityRules(readAndValidateBytes(bytes));
}

/** The validity rules over a raw cluster.conf's model, added to what reading it found. */
export function withValidityRules<T extends { root?: ConfElement; diagnostics: Diagnostic[] }>(r: T, previous?: ConfElement): T {
  if (!r.root || r.root.tag !== 'cluster') return r;
  return { ...r, diagnostics: [...r.diagnostics, ...lintModel(r.root, { input: 'xml', rules: 'validity', ...(previous ? { previous } : {}) })].sort(byPosition) };
}
