// What the fuzzer runs each input through, and the invariants it holds every answer to: no
// throw, no `*internal*` diagnostic, every span inside the text (every LSP range inside the
// document), the formatter idempotent, compiled XML well-formed and read back equal, no call
// over the time limit. Every core entry of compiler/api.ts and every feature function of the
// language server (called in-process, as lsp/server.ts calls them) is a target.

import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  analyze, analyzeClusterConf, analyzeFenceVirtConf, buildResourceTree, checkBytes, compileText, type ConfElement, type Diagnostic,
  formatBytes, formatText, importClusterConf, importClusterConfBytes, inputKindOf, clusterName, nodeAliases, importFenceVirtConf, lintSource, modelOf, orderRuns, orderTargets, planDeployment, readClusterConf,
  readDeployedConf, referencesTo, rgTestNoop, scopeAt, serviceNames, simulateFailure, simulateModel, type Span, symbolAt,
} from '../../compiler/api.ts';
import { rawEntrySpans } from '../../compiler/lower/raw.ts';
import { codeActions } from '../../lsp/code-actions.ts';
import { completion } from '../../lsp/completion.ts';
import { toLspDiagnostic } from '../../lsp/diagnostics.ts';
import { forget, lintOf } from '../../lsp/documents.ts';
import { formatting } from '../../lsp/formatting.ts';
import { hover } from '../../lsp/hover.ts';
import { definition, prepareRename, references, rename } from '../../lsp/navigation.ts';
import { documentSymbols, foldingRanges } from '../../lsp/outline.ts';
import { compiledClusterConf } from '../../lsp/previews.ts';
import { semanticTokens } from '../../lsp/semantic-tokens.ts';
import { startOrderText } from '../../lsp/service-info.ts';
import { int, type Kind, pick, type Random } from './mutate.ts';

export type Invariant = 'exception' | 'internal' | 'span' | 'lsp-range' | 'idempotence' | 'well-formed' | 'read-back' | 'slow';
/** Timing depends on the machine: the test reports slow calls, only `npm run fuzz` fails on them. */
export const DETERMINISTIC: ReadonlySet<Invariant> = new Set(['exception', 'internal', 'span', 'lsp-range', 'idempotence', 'well-formed', 'read-back']);

export interface Failure {
  invariant: Invariant;
  target: string;
  /** The call that broke it (`lint`, `lsp.hover`, …). */
  call: string;
  detail: string;
}

export interface Input {
  kind: Kind;
  text: string;
  /** The bytes as a file would hold them (usually the text's UTF-8; sometimes damaged). */
  bytes: Uint8Array;
}

/** A deployed cluster.conf that `plan` compares against. */
export interface Deployed {
  root: ConfElement;
  bytes: Uint8Array;
}

export interface Context {
  /** Positions and choices inside a target: seeded per input, so a finding replays. */
  r: Random;
  deployed: readonly Deployed[];
  slowMs: number;
}

const FILE_NAME: Record<Kind, string> = { 'cluster': 'input.cluster', 'cluster-conf': 'cluster.conf', 'fence-virt-conf': 'fence_virt.conf' };
const LANGUAGE: Record<Kind, string> = { 'cluster': 'quorate', 'cluster-conf': 'xml', 'fence-virt-conf': 'plaintext' };

/** Records what one target finds on one input. */
export class Probe {
  readonly failures: Failure[] = [];
  /** Calls over the limit, with their time (also in failures as `slow`). */
  readonly slow: { call: string; ms: number }[] = [];
  calls = 0;
  constructor(readonly target: string, readonly slowMs: number) {}

  fail(invariant: Invariant, call: string, detail: string): void {
    // One of each (invariant, call) per input is enough to report and to minimize.
    if (this.failures.some((f) => f.invariant === invariant && f.call === call)) return;
    this.failures.push({ invariant, target: this.target, call, detail });
  }

  private timed(call: string, started: number): void {
    const ms = performance.now() - started;
    if (ms > this.slowMs) {
      this.slow.push({ call, ms });
      this.fail('slow', call, `${Math.round(ms)} ms`);
    }
  }

  run<T>(call: string, f: () => T): T | undefined {
    this.calls++;
    const started = performance.now();
    try {
      return f();
    } catch (e) {
      if (isResponseError(e)) return undefined; // a refusal the client shows (rename), not a crash
      this.fail('exception', call, describe(e));
      return undefined;
    } finally {
      this.timed(call, started);
    }
  }

  async runAsync<T>(call: string, f: () => Promise<T>): Promise<T | undefined> {
    this.calls++;
    const started = performance.now();
    try {
      return await f();
    } catch (e) {
      if (isResponseError(e)) return undefined;
      this.fail('exception', call, describe(e));
      return undefined;
    } finally {
      this.timed(call, started);
    }
  }

  /** No internal diagnostic, and every span (the diagnostic's, its related ones', its fixes') inside `text`. */
  diagnostics(call: string, ds: readonly Diagnostic[] | undefined, length: number): void {
    for (const d of ds ?? []) {
      if (d.rule.includes('internal') || /internal error/i.test(d.message)) this.fail('internal', call, `${d.rule}: ${d.message}`);
      this.span(call, d.span, length, d.rule);
      for (const rel of d.related ?? []) if (rel.file === undefined) this.span(call, rel.span, length, `${d.rule} (related)`);
      for (const fix of d.fixes ?? []) for (const e of fix.edits) this.span(call, e.span, length, `${d.rule} (fix)`);
    }
  }

  span(call: string, s: Span | undefined, length: number, what: string): void {
    if (!s) return;
    if (!(Number.isInteger(s.start) && Number.isInteger(s.end) && s.start >= 0 && s.start <= s.end && s.end <= length)) {
      this.fail('span', call, `${what}: span ${s.start}..${s.end} outside 0..${length}`);
    }
  }

  /** Every span in the model (elements, names, attributes) inside the text it was read from. */
  model(call: string, root: ConfElement | undefined, length: number): void {
    const stack = root ? [root] : [];
    while (stack.length) {
      const e = stack.pop()!;
      for (const s of [e.span, e.nameSpan, e.bodyOpen, e.endSpan, e.textSpan]) this.span(call, s, length, `<${e.tag}>`);
      for (const a of e.attributes) { this.span(call, a.span, length, `${e.tag}@${a.name}`); this.span(call, a.nameSpan, length, `${e.tag}@${a.name} name`); }
      stack.push(...e.children);
    }
  }

  /** Every LSP range in an answer inside the document: line in range, character within the line. */
  lspRanges(call: string, value: unknown, doc: TextDocument, lines: readonly number[]): void {
    const seen = new Set<object>();
    const pos = (p: { line: number; character: number }) => Number.isInteger(p.line) && Number.isInteger(p.character) && p.line >= 0 && p.line < lines.length && p.character >= 0 && p.character <= lines[p.line]!;
    const walk = (v: unknown, depth: number): void => {
      if (!v || typeof v !== 'object' || seen.has(v) || depth > 50) return;
      seen.add(v);
      if (Array.isArray(v)) { for (const x of v) walk(x, depth + 1); return; }
      const o = v as Record<string, unknown>;
      if (typeof o.uri === 'string' && o.uri !== doc.uri) return; // another document's location
      if (isPosition(o.start) && isPosition(o.end)) {
        const ok = pos(o.start) && pos(o.end) && (o.start.line < o.end.line || (o.start.line === o.end.line && o.start.character <= o.end.character));
        if (!ok) this.fail('lsp-range', call, `range ${JSON.stringify(o.start)}..${JSON.stringify(o.end)} outside the ${lines.length}-line document`);
        return;
      }
      for (const k of Object.keys(o)) walk(o[k], depth + 1);
    };
    walk(value, 0);
  }
}

function isPosition(v: unknown): v is { line: number; character: number } {
  return !!v && typeof v === 'object' && typeof (v as { line?: unknown }).line === 'number' && typeof (v as { character?: unknown }).character === 'number';
}

function isResponseError(e: unknown): boolean {
  return !!e && typeof e === 'object' && 'code' in e && typeof (e as { code: unknown }).code === 'number' && e.constructor?.name === 'ResponseError';
}

function describe(e: unknown): string {
  if (e instanceof Error) {
    const frame = e.stack?.split('\n').find((l) => l.includes('/compiler/') || l.includes('/lsp/') || l.includes('/grammar/'))?.trim();
    return `${e.name}: ${e.message}${frame ? ` (${frame})` : ''}`;
  }
  return String(e);
}

/** The length of each line without its end of line, as TextDocument splits lines (\r\n, \r, \n). */
function lineLengths(text: string): number[] {
  const out: number[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\r' || c === '\n') {
      out.push(i - start);
      if (c === '\r' && text[i + 1] === '\n') i++;
      start = i + 1;
    }
  }
  out.push(text.length - start);
  return out;
}

function encode(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

// ---------------------------------------------------------------------------------------------
// The targets. Each takes one input and records into its probe.

type Target = (p: Probe, input: Input, ctx: Context) => void | Promise<void>;

/**
 * `quorate check` on the bytes: decoding, then the reader of the kind the file name and content
 * decide; and the other commands that read bytes (`fmt`, `import`).
 */
const check: Target = async (p, input) => {
  p.run('inputKindOf', () => inputKindOf(FILE_NAME[input.kind], input.bytes));
  const r = p.run('checkBytes', () => checkBytes(FILE_NAME[input.kind], input.bytes));
  if (r) p.diagnostics('checkBytes', r.diagnostics, r.text?.length ?? input.text.length);
  if (input.kind === 'cluster') {
    const f = await p.runAsync('formatBytes', () => formatBytes(input.bytes));
    if (f) p.diagnostics('formatBytes', f.diagnostics, f.source?.length ?? input.text.length);
  } else if (input.kind === 'cluster-conf') {
    const i = p.run('importClusterConfBytes', () => importClusterConfBytes(input.bytes));
    if (i) p.diagnostics('importClusterConfBytes', i.diagnostics, i.text?.length ?? input.text.length);
  }
};

/** `quorate lint` (every rule, suppressions): the text as its own kind. */
const lint: Target = (p, input) => {
  const r = p.run('lintSource', () => lintSource(input.text, { kind: input.kind, fileName: FILE_NAME[input.kind] }));
  if (!r) return;
  p.diagnostics('lintSource', r.diagnostics, input.text.length);
  p.model('lintSource', r.model, input.text.length);
  if (r.analysis.kind === 'cluster') symbolSpans(p, 'lintSource', r.analysis.analysis.symbols, input.text.length);
};

function symbolSpans(p: Probe, call: string, t: ReturnType<typeof analyze>['symbols'], length: number): void {
  for (const s of t.symbols) { p.span(call, s.span, length, `symbol ${s.name}`); p.span(call, s.nameSpan, length, `symbol ${s.name} name`); }
  for (const r of t.references) p.span(call, r.span, length, `reference to ${r.target.name}`);
  for (const s of t.scopes ?? []) p.span(call, s.span, length, `scope ${s.kind}`);
}

/** `quorate fmt`: when it formats, formatting its output changes nothing. */
const format: Target = async (p, input) => {
  const once = await p.runAsync('formatText', () => formatText(input.text));
  if (!once) return;
  p.diagnostics('formatText', once.diagnostics, input.text.length);
  if (once.text === undefined) return;
  const formatted = once.text;
  const twice = await p.runAsync('formatText (again)', () => formatText(formatted));
  if (!twice) return;
  p.diagnostics('formatText (again)', twice.diagnostics, formatted.length);
  if (twice.text !== formatted) p.fail('idempotence', 'formatText', twice.text === undefined ? `formatting the formatted text failed: ${twice.diagnostics.map((d) => d.rule).join(', ')}` : `second pass differs at offset ${firstDifference(formatted, twice.text)}`);
};

function firstDifference(a: string, b: string): string {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return `${i}: ${JSON.stringify(a.slice(i, i + 30))} vs ${JSON.stringify(b.slice(i, i + 30))}`;
}

/**
 * `quorate compile`, then what "well-formed and read back equal" can honestly mean: the XML
 * reader reads the compiled cluster.conf without an error, `check` finds no error in it (compile
 * wrote it only because the source had none), and importing it and compiling that source again
 * gives the same cluster.conf, byte for byte. A compiled fence_virt.conf passes fence_virtd's
 * checks, and importing it gives a block that compiles to the same file.
 */
const compile: Target = (p, input) => {
  const r = p.run('compileText', () => compileText(input.text));
  if (!r) return;
  p.diagnostics('compileText', r.diagnostics, input.text.length);
  const conf = r.outputs.find((o) => o.name === 'cluster.conf')?.text;
  if (conf !== undefined) {
    const read = p.run('readClusterConf (compiled)', () => readClusterConf(conf));
    const bad = read?.diagnostics.filter((d) => d.severity === 'error') ?? [];
    if (read && (!read.root || bad.length)) p.fail('well-formed', 'compileText', `the compiled cluster.conf does not read back: ${bad.map((d) => `${d.rule}: ${d.message}`).join('; ') || 'no root'}`);
    // The escape hatch (`raw { }`, `xml = "…"`) is written as it is, unchecked: what it says is
    // the admin's, so only a source without one must compile to a cluster.conf check accepts.
    const escapes = r.analysis ? rawEntrySpans(r.analysis.syntax.entries).length > 0 : false;
    const checked = p.run('analyzeClusterConf (compiled)', () => analyzeClusterConf(conf));
    const errors = checked?.diagnostics.filter((d) => d.severity === 'error') ?? [];
    if (errors.length && !escapes) p.fail('well-formed', 'analyzeClusterConf (compiled)', `check finds errors in the compiled cluster.conf: ${errors.slice(0, 3).map((d) => `${d.rule}: ${d.message}`).join('; ')}`);
    const imported = p.run('importClusterConf (compiled)', () => importClusterConf(conf));
    if (imported) p.diagnostics('importClusterConf (compiled)', imported.diagnostics, conf.length);
    if (imported?.source !== undefined && !errors.length) {
      const source = imported.source;
      const again = p.run('compileText (imported)', () => compileText(source));
      const conf2 = again?.outputs.find((o) => o.name === 'cluster.conf')?.text;
      if (again && conf2 !== conf) p.fail('read-back', 'compileText (imported)', conf2 === undefined ? `the imported source does not compile: ${again.diagnostics.filter((d) => d.severity === 'error').slice(0, 3).map((d) => `${d.rule}: ${d.message}`).join('; ')}` : `compile(import(compiled)) differs at ${firstDifference(conf, conf2)}`);
    }
  }
  const fv = r.outputs.find((o) => o.name === 'fence_virt.conf')?.text;
  if (fv !== undefined) {
    const checked = p.run('analyzeFenceVirtConf (compiled)', () => analyzeFenceVirtConf(fv));
    const errors = checked?.diagnostics.filter((d) => d.severity === 'error') ?? [];
    if (errors.length) p.fail('well-formed', 'analyzeFenceVirtConf (compiled)', `fence_virtd's checks fail on the compiled fence_virt.conf: ${errors.slice(0, 3).map((d) => `${d.rule}: ${d.message}`).join('; ')}`);
    const imported = p.run('importFenceVirtConf (compiled)', () => importFenceVirtConf(fv));
    if (imported) p.diagnostics('importFenceVirtConf (compiled)', imported.diagnostics, fv.length);
    if (imported?.source && !errors.length) {
      const source = imported.source;
      const again = p.run('compileText (imported fence_virtd)', () => compileText(source));
      const fv2 = again?.outputs.find((o) => o.name === 'fence_virt.conf')?.text;
      if (again && fv2 !== fv) p.fail('read-back', 'compileText (imported fence_virtd)', fv2 === undefined ? `the imported fence_virtd block does not compile: ${again.diagnostics.filter((d) => d.severity === 'error').slice(0, 3).map((d) => `${d.rule}: ${d.message}`).join('; ')}` : `compile(import(compiled)) differs at ${firstDifference(fv, fv2)}`);
    }
  }
};

/** The editor's lookups at random offsets: scopeAt, symbolAt, referencesTo. */
const symbols: Target = (p, input, ctx) => {
  const a = p.run('analyze', () => analyze(input.text));
  if (!a) return;
  const n = input.text.length;
  p.diagnostics('analyze', a.diagnostics, n);
  p.model('analyze', a.cluster, n);
  symbolSpans(p, 'analyze', a.symbols, n);
  for (let i = 0; i < 8; i++) {
    const at = int(ctx.r, n + 1);
    const scope = p.run('scopeAt', () => scopeAt(a.symbols, at));
    p.span('scopeAt', scope?.span, n, 'scope');
    const hit = p.run('symbolAt', () => symbolAt(a.symbols, at));
    if (hit) {
      p.span('symbolAt', hit.span, n, 'symbol');
      for (const ref of p.run('referencesTo', () => referencesTo(a.symbols, hit.symbol)) ?? []) p.span('referencesTo', ref.span, n, 'reference');
    }
  }
};

function clusterOf(p: Probe, input: Input): ConfElement | undefined {
  if (input.kind === 'cluster-conf') return p.run('readClusterConf', () => readClusterConf(input.text))?.root;
  if (input.kind === 'fence-virt-conf') return undefined;
  return p.run('analyze', () => analyze(input.text))?.cluster;
}

/** `quorate order` and `rg_test noop`: the start and stop order of every service, and of a resource. */
const order: Target = (p, input, ctx) => {
  const cluster = clusterOf(p, input);
  if (!cluster || cluster.tag !== 'cluster') return;
  p.run('orderRuns start', () => orderRuns(cluster, 'start'));
  p.run('orderRuns stop', () => orderRuns(cluster, 'stop'));
  const targets = p.run('orderTargets', () => orderTargets(cluster)) ?? [];
  if (targets.length) { const t = pick(ctx.r, targets); p.run('orderRuns target', () => orderRuns(cluster, ctx.r() < 0.5 ? 'start' : 'stop', [t])); }
  const tree = p.run('buildResourceTree', () => buildResourceTree(cluster));
  if (!tree) return;
  const names = p.run('serviceNames', () => serviceNames(tree)) ?? [];
  if (names.length) { const name = pick(ctx.r, names); p.run('rgTestNoop', () => rgTestNoop(tree, 'start', 'service', name)); }
  p.run('rgTestNoop (no such service)', () => rgTestNoop(tree, 'stop', 'service', '__proto__'));
};

/** `quorate simulate`: every failure set, and one named failure. The heaviest target: run on a fraction. */
const simulate: Target = (p, input, ctx) => {
  if (input.kind === 'fence-virt-conf') return;
  const m = p.run('modelOf', () => modelOf(input.text, input.kind === 'cluster' ? 'cluster' : 'cluster-conf'));
  if (!m) return;
  p.diagnostics('modelOf', m.diagnostics, input.text.length);
  const model = m.model;
  if (!model || model.tag !== 'cluster') return;
  p.run('clusterName', () => clusterName(model));
  p.run('nodeAliases', () => nodeAliases(model, input.text));
  p.run('simulateModel', () => simulateModel(model));
  const nodes = (model.children.find((c) => c.tag === 'clusternodes')?.children ?? []).map((n) => n.attributes.find((a) => a.name === 'name')?.value ?? '');
  const failed = nodes.filter(() => ctx.r() < 0.4);
  p.run('simulateFailure', () => simulateFailure(model, ctx.r() < 0.1 ? ['__proto__'] : failed));
};

/** `quorate plan`: the input against a deployed cluster.conf, and (a raw conf) the input as the deployed one. */
const plan: Target = (p, input, ctx) => {
  if (input.kind === 'fence-virt-conf' || !ctx.deployed.length) return;
  const deployed = pick(ctx.r, ctx.deployed);
  const r = p.run('planDeployment', () => planDeployment(input.bytes, deployed.root, { fileName: FILE_NAME[input.kind], bump: ctx.r() < 0.5 }));
  if (r) p.diagnostics('planDeployment', r.diagnostics, r.text?.length ?? input.text.length);
  if (input.kind === 'cluster-conf') {
    const d = p.run('readDeployedConf', () => readDeployedConf(input.bytes));
    if (d) p.diagnostics('readDeployedConf', d.diagnostics, d.text?.length ?? input.text.length);
    if (d?.readable && d.root) { const root = d.root; p.run('planDeployment (as deployed)', () => planDeployment(deployed.bytes, root, { fileName: 'cluster.conf' })); }
  }
};

/** `quorate import` of a raw cluster.conf or fence_virt.conf, and the check of what it writes. */
const importer: Target = (p, input) => {
  if (input.kind === 'cluster') return;
  if (input.kind === 'fence-virt-conf') {
    const r = p.run('importFenceVirtConf', () => importFenceVirtConf(input.text));
    if (!r) return;
    p.diagnostics('importFenceVirtConf', r.diagnostics, input.text.length);
    if (r.source) { const a = p.run('analyze (imported fence_virtd)', () => analyze(r.source)); if (a) p.diagnostics('analyze (imported fence_virtd)', a.diagnostics, r.source.length); }
    return;
  }
  const r = p.run('importClusterConf', () => importClusterConf(input.text));
  if (!r) return;
  p.diagnostics('importClusterConf', r.diagnostics, input.text.length);
  p.model('importClusterConf', r.root, input.text.length);
  if (r.source !== undefined) {
    const source = r.source;
    const a = p.run('analyze (imported)', () => analyze(source));
    if (a) p.diagnostics('analyze (imported)', a.diagnostics, source.length);
  }
};

let documentCounter = 0;

/** The language server's features, in-process, on one document version, at random positions. */
const lsp: Target = async (p, input, ctx) => {
  const uri = `file:///fuzz/${++documentCounter}/${FILE_NAME[input.kind]}`;
  const doc = TextDocument.create(uri, LANGUAGE[input.kind], 1, input.text);
  const lines = lineLengths(input.text);
  const position = () => doc.positionAt(int(ctx.r, input.text.length + 1));
  const textDocument = { uri };
  try {
    const diagnostics = p.run('lsp.diagnostics', () => lintOf(doc).map((d) => toLspDiagnostic(doc, d)));
    p.lspRanges('lsp.diagnostics', diagnostics, doc, lines);
    for (let i = 0; i < 3; i++) {
      const at = position();
      p.lspRanges('lsp.hover', p.run('lsp.hover', () => hover(doc, { textDocument, position: at })), doc, lines);
      p.lspRanges('lsp.completion', p.run('lsp.completion', () => completion(doc, { textDocument, position: at })), doc, lines);
      p.lspRanges('lsp.definition', p.run('lsp.definition', () => definition(doc, { textDocument, position: at })), doc, lines);
      p.lspRanges('lsp.references', p.run('lsp.references', () => references(doc, { textDocument, position: at, context: { includeDeclaration: ctx.r() < 0.5 } })), doc, lines);
      p.lspRanges('lsp.prepareRename', p.run('lsp.prepareRename', () => prepareRename(doc, { textDocument, position: at })), doc, lines);
      const newName = pick(ctx.r, ['renamed_x', '__proto__', 'a b', '', 'é', 'x'.repeat(300)]);
      p.lspRanges('lsp.rename', p.run('lsp.rename', () => rename(doc, { textDocument, position: at, newName })), doc, lines);
    }
    p.lspRanges('lsp.documentSymbols', p.run('lsp.documentSymbols', () => documentSymbols(doc)), doc, lines);
    const folds = p.run('lsp.foldingRanges', () => foldingRanges(doc)) ?? [];
    for (const f of folds) if (!(f.startLine >= 0 && f.startLine <= f.endLine && f.endLine < lines.length)) { p.fail('lsp-range', 'lsp.foldingRanges', `fold ${f.startLine}..${f.endLine} outside the ${lines.length}-line document`); break; }
    const tokens = p.run('lsp.semanticTokens', () => semanticTokens(doc));
    if (tokens) semanticTokenRanges(p, tokens.data, lines);
    const a = position(), b = position();
    const range = a.line < b.line || (a.line === b.line && a.character <= b.character) ? { start: a, end: b } : { start: b, end: a };
    p.lspRanges('lsp.codeActions', p.run('lsp.codeActions', () => codeActions(doc, { textDocument, range, context: { diagnostics: diagnostics ?? [] } })), doc, lines);
    p.lspRanges('lsp.formatting', await p.runAsync('lsp.formatting', () => formatting(doc, { textDocument, options: { tabSize: 2, insertSpaces: true } })), doc, lines);
    p.run('lsp.compiledClusterConf', () => compiledClusterConf(doc));
    p.run('lsp.startOrder', () => startOrderText(doc));
  } finally {
    forget(uri);
  }
};

/** Semantic tokens are deltas: decoded, each must lie on one line of the document. */
function semanticTokenRanges(p: Probe, data: readonly number[], lines: readonly number[]): void {
  if (data.length % 5 !== 0) { p.fail('lsp-range', 'lsp.semanticTokens', `${data.length} numbers, not a multiple of 5`); return; }
  let line = 0, char = 0;
  for (let i = 0; i < data.length; i += 5) {
    const dl = data[i]!, dc = data[i + 1]!, len = data[i + 2]!;
    line += dl;
    char = dl === 0 ? char + dc : dc;
    if (dl < 0 || (dl === 0 && dc < 0) || len < 0 || line >= lines.length || char + len > lines[line]!) {
      p.fail('lsp-range', 'lsp.semanticTokens', `token ${i / 5} at ${line}:${char} length ${len} outside the document (${lines.length} lines)`);
      return;
    }
  }
}

/**
 * The targets with their weights (how often an input is sent to each): cheap ones often, the
 * simulation and the plan on a fraction. `kinds`: the inputs each one takes.
 */
export const TARGETS: readonly { name: string; weight: number; kinds: readonly Kind[]; run: Target }[] = [
  { name: 'check', weight: 3, kinds: ['cluster', 'cluster-conf', 'fence-virt-conf'], run: check },
  { name: 'lint', weight: 3, kinds: ['cluster', 'cluster-conf', 'fence-virt-conf'], run: lint },
  { name: 'format', weight: 2, kinds: ['cluster'], run: format },
  { name: 'compile', weight: 2, kinds: ['cluster'], run: compile },
  { name: 'symbols', weight: 1, kinds: ['cluster'], run: symbols },
  { name: 'order', weight: 1, kinds: ['cluster', 'cluster-conf'], run: order },
  { name: 'import', weight: 2, kinds: ['cluster-conf', 'fence-virt-conf'], run: importer },
  { name: 'simulate', weight: 0.5, kinds: ['cluster', 'cluster-conf'], run: simulate },
  { name: 'plan', weight: 0.5, kinds: ['cluster', 'cluster-conf'], run: plan },
  { name: 'lsp', weight: 2, kinds: ['cluster', 'cluster-conf', 'fence-virt-conf'], run: lsp },
];

export function targetNamed(name: string) {
  return TARGETS.find((t) => t.name === name);
}

/** Runs one target on one input; `ctx.r` seeds its positions, so the same call replays. */
export async function runTarget(name: string, input: Input, ctx: Context): Promise<Probe> {
  const t = targetNamed(name);
  if (!t) throw new Error(`no fuzz target '${name}' (targets: ${TARGETS.map((x) => x.name).join(', ')})`);
  const p = new Probe(name, ctx.slowMs);
  await t.run(p, input, ctx);
  return p;
}

/** The deployed cluster.confs `plan` compares against: every readable cluster.conf seed. */
export function deployedFrom(texts: readonly string[]): Deployed[] {
  const out: Deployed[] = [];
  for (const text of texts) {
    const bytes = encode(text);
    const d = readDeployedConf(bytes);
    if (d.readable && d.root) out.push({ root: d.root, bytes });
  }
  return out;
}

export { encode };
