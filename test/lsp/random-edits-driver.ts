// The random-edit driver: the built `quorate lsp --stdio` under a seeded stream of incremental
// edits (inserts, deletes, replaces, pasted blocks, out-of-range and inverted ranges, positions
// past the end of a line, a few 1 MB pastes), interleaved with every kind of request and with
// pulls of the published diagnostics. It measures each request's latency and collects every way
// the server fell short (no answer, a handler failure, an `internal` diagnostic, a diagnostic
// outside its document, the process gone). Used by test/lsp/random-edits.test.ts (a few hundred
// edits, no timing assertions) and bench/lsp-edits.mjs (2,000 edits, prints the latencies).

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  CancellationTokenSource,
  CodeActionRequest,
  CompletionRequest,
  DefinitionRequest,
  DocumentFormattingRequest,
  DocumentSymbolRequest,
  FoldingRangeRequest,
  HoverRequest,
  SemanticTokensRequest,
  type Diagnostic as LspDiagnostic,
  type Position,
  type Range,
  type TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { repoRoot } from '../helpers.ts';
import { fileUri, startClient } from './client.ts';

/** Documents under this many characters are "small": the p99 target (200 ms) is for them. */
export const SMALL_DOCUMENT = 100 * 1024;

export interface RandomEditOptions {
  seed: number;
  edits: number;
  /** How many of the edits paste about 1 MB (each reverted 10 to 30 edits of that document later,
   * so the other documents are edited and queried while it is open). */
  bigEdits: number;
  /** The server's bundle (default: this tree's dist/quorate.cjs), to compare two builds. */
  cli?: string;
  /** How many documents are open at once. */
  documents?: number;
  log?: (line: string) => void;
}

export interface RandomEditReport {
  /** Latency in ms per request kind, for documents under SMALL_DOCUMENT and over. */
  latencies: Map<string, { small: number[]; large: number[] }>;
  requests: number;
  /** Requests answered with an LSP error (a ResponseError: cancelled, refused), by code. */
  errorAnswers: Map<number, number>;
  diagnosticPulls: number;
  /** Everything that went wrong; empty on a good run. */
  failures: string[];
  /** window/logMessage errors: a handler that threw. */
  handlerErrors: string[];
  /** The slowest requests of the run, slowest first: what to look at when a p99 is high. */
  slowest: { kind: string; uri: string; size: number; ms: number }[];
  exitedEarly: boolean;
  exitCode: number | null;
  largestDocument: number;
}

/** mulberry32: a small seeded PRNG, so a failing run reproduces from its seed. */
export function rng(seed: number): () => number {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function files(dir: string, ext: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...files(p, ext));
    else if (name.endsWith(ext)) out.push(p);
  }
  return out;
}

/** The documents the run starts from: the examples, some rule fixtures, and cluster.conf files. */
export function seedDocuments(random: () => number, count: number): { name: string; text: string; languageId: string }[] {
  const sources = files(join(repoRoot, 'examples'), '.cluster');
  const fixtures = files(join(repoRoot, 'test/fixtures'), '.cluster');
  const confs = files(join(repoRoot, 'test/fixtures/rules'), '.conf');
  const pick = (list: string[]) => list[Math.floor(random() * list.length)]!;
  const chosen = new Set<string>();
  // At least one of each: an example, a rule fixture, a raw cluster.conf.
  chosen.add(pick(sources));
  chosen.add(pick(fixtures));
  chosen.add(pick(confs));
  while (chosen.size < count) chosen.add(pick(random() < 0.5 ? sources : random() < 0.7 ? fixtures : confs));
  return [...chosen].map((p, i) => {
    const conf = p.endsWith('.conf');
    const name = `rnd${i}-${relative(repoRoot, p).replace(/[^\w.-]+/g, '_')}`;
    return { name: conf ? `${name.replace(/\.conf$/, '')}/cluster.conf` : name, text: readFileSync(p, 'utf8'), languageId: conf ? 'xml' : 'quorate' };
  });
}

const SNIPPETS = [
  'x', '{', '}', ' = ', ';', '"', '#', '\n', '  ', 'use ', 'service s1 {\n  use ip1\n}\n', 'node n9 = "n9" { id = 9 }\n',
  'token = 10s\n', 'members = [', '<', '/>', '<clusternode name="a" nodeid="1"/>\n', '\u00e9', '\u{1F600}', '\t', '=', '[', ']', ':',
  'fence_device f : fence_ipmilan { ipaddr = "1.2.3.4" }\n', 'resources {\n', 'recovery = relocate\n', '-->', '<!--',
];

interface OpenDocument {
  uri: string;
  languageId: string;
  original: string;
  mirror: TextDocument;
  /** The version at which a 1 MB paste is reverted (the whole text set back to its original). */
  revertAt?: number;
}

type Request = (doc: OpenDocument, at: Position, range: Range) => Promise<unknown>;

export async function runRandomEdits(options: RandomEditOptions): Promise<RandomEditReport> {
  const random = rng(options.seed);
  const log = options.log ?? (() => {});
  const client = await startClient(options.cli ? { args: [options.cli, 'lsp', '--stdio'] } : {});
  let exitedEarly = false;
  client.child.on('exit', () => { exitedEarly = true; });
  const failures: string[] = [];
  const latencies = new Map<string, { small: number[]; large: number[] }>();
  const errorAnswers = new Map<number, number>();
  const slowest: RandomEditReport['slowest'] = [];
  let requests = 0;
  let diagnosticPulls = 0;
  let largestDocument = 0;

  const docs: OpenDocument[] = seedDocuments(random, options.documents ?? 6).map((d) => ({
    uri: fileUri(d.name), languageId: d.languageId, original: d.text, mirror: TextDocument.create(fileUri(d.name), d.languageId, 1, d.text),
  }));
  for (const d of docs) client.open(d.uri, d.original, d.languageId, 1);

  const int = (n: number) => Math.floor(random() * n);
  const randomOffset = (doc: TextDocument) => int(doc.getText().length + 1);
  /** A position, sometimes past the end of its line or of the document (clients send those). */
  const randomPosition = (doc: TextDocument): Position => {
    const r = random();
    if (r < 0.06) return { line: doc.lineCount + int(5), character: int(10) };
    const p = doc.positionAt(randomOffset(doc));
    if (r < 0.12) return { line: p.line, character: p.character + 1 + int(200) };
    return p;
  };

  const bigAt = new Set<number>();
  while (bigAt.size < Math.min(options.bigEdits, options.edits)) bigAt.add(int(options.edits));

  const edit = (d: OpenDocument, step: number): TextDocumentContentChangeEvent => {
    const doc = d.mirror;
    const text = doc.getText();
    if (d.revertAt !== undefined && doc.version >= d.revertAt) {
      delete d.revertAt;
      return { range: { start: { line: 0, character: 0 }, end: doc.positionAt(text.length) }, text: d.original };
    }
    if (bigAt.has(step)) {
      // A paste of about 1 MB: the document itself, repeated.
      const unit = d.original.length > 0 ? d.original : 'x\n';
      const block = unit.repeat(Math.ceil((1024 * 1024) / unit.length));
      d.revertAt = doc.version + 10 + int(21);
      const at = doc.positionAt(randomOffset(doc));
      return { range: { start: at, end: at }, text: block };
    }
    const r = random();
    const a = randomOffset(doc);
    const b = Math.min(text.length, a + int(40));
    if (r < 0.3) return { range: { start: doc.positionAt(a), end: doc.positionAt(a) }, text: SNIPPETS[int(SNIPPETS.length)]! };
    if (r < 0.5) return { range: { start: doc.positionAt(a), end: doc.positionAt(b) }, text: '' };
    if (r < 0.65) return { range: { start: doc.positionAt(a), end: doc.positionAt(b) }, text: SNIPPETS[int(SNIPPETS.length)]! };
    if (r < 0.75) {
      // Paste of a block: a slice of another open document.
      const other = docs[int(docs.length)]!.mirror.getText();
      const from = int(other.length + 1);
      const block = other.slice(from, from + 20 + int(600));
      return { range: { start: doc.positionAt(a), end: doc.positionAt(a) }, text: block };
    }
    if (r < 0.83) return { range: { start: doc.positionAt(b), end: doc.positionAt(a) }, text: SNIPPETS[int(SNIPPETS.length)]! }; // inverted
    if (r < 0.9) return { range: { start: randomPosition(doc), end: { line: doc.lineCount + int(50), character: int(80) } }, text: SNIPPETS[int(SNIPPETS.length)]! }; // past the end
    return { range: { start: randomPosition(doc), end: randomPosition(doc) }, text: random() < 0.5 ? '' : SNIPPETS[int(SNIPPETS.length)]! };
  };

  const td = (d: OpenDocument) => ({ textDocument: { uri: d.uri } });
  const kinds: [string, Request][] = [
    ['hover', (d, at) => client.conn.sendRequest(HoverRequest.type, { ...td(d), position: at })],
    ['completion', (d, at) => client.conn.sendRequest(CompletionRequest.type, { ...td(d), position: at })],
    ['definition', (d, at) => client.conn.sendRequest(DefinitionRequest.type, { ...td(d), position: at })],
    ['documentSymbol', (d) => client.conn.sendRequest(DocumentSymbolRequest.type, td(d))],
    ['foldingRange', (d) => client.conn.sendRequest(FoldingRangeRequest.type, td(d))],
    ['semanticTokens', (d) => client.conn.sendRequest(SemanticTokensRequest.type, td(d))],
    ['codeAction', (d, _at, range) => client.conn.sendRequest(CodeActionRequest.type, { ...td(d), range, context: { diagnostics: [] } })],
    ['formatting', (d) => client.conn.sendRequest(DocumentFormattingRequest.type, { ...td(d), options: { tabSize: 2, insertSpaces: true } })],
    ['compiledClusterConf', (d) => client.conn.sendRequest('quorate/compiledClusterConf', td(d))],
    ['startOrder', (d) => client.conn.sendRequest('quorate/startOrder', td(d))],
  ];

  const ANSWER_TIMEOUT_MS = Number(process.env.ANSWER_TIMEOUT_MS ?? 60_000);
  const timed = async (kind: string, d: OpenDocument, send: () => Promise<unknown>) => {
    requests++;
    const size = d.mirror.getText().length;
    const t0 = performance.now();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => { timer = setTimeout(() => resolve('timeout'), ANSWER_TIMEOUT_MS); });
    const answer = await Promise.race([send().then((r) => ({ r }), (e: unknown) => ({ e })), timeout]);
    clearTimeout(timer);
    const ms = performance.now() - t0;
    if (answer === 'timeout') { failures.push(`${kind} on ${d.uri} v${d.mirror.version}: no answer within ${ANSWER_TIMEOUT_MS} ms`); return; }
    if ('e' in answer) {
      const code = (answer.e as { code?: unknown }).code;
      if (typeof code !== 'number') { failures.push(`${kind} on ${d.uri}: not an LSP answer: ${String(answer.e)}`); return; }
      errorAnswers.set(code, (errorAnswers.get(code) ?? 0) + 1);
    }
    slowest.push({ kind, uri: d.uri, size, ms });
    if (slowest.length > 20) { slowest.sort((a, b) => b.ms - a.ms); slowest.length = 10; }
    let bucket = latencies.get(kind);
    if (!bucket) latencies.set(kind, (bucket = { small: [], large: [] }));
    (size < SMALL_DOCUMENT ? bucket.small : bucket.large).push(ms);
  };

  const checkDiagnostics = (d: OpenDocument, diagnostics: LspDiagnostic[]) => {
    const doc = d.mirror;
    for (const x of diagnostics) {
      if (x.code === 'internal' || /^internal/.test(String(x.code))) failures.push(`${d.uri} v${doc.version}: internal diagnostic: ${x.message}`);
      const { start, end } = x.range;
      const inside = (p: Position) => p.line >= 0 && p.line < doc.lineCount && p.character >= 0
        && doc.offsetAt(p) - doc.offsetAt({ line: p.line, character: 0 }) === p.character;
      if (!inside(start) || !inside(end) || doc.offsetAt(start) > doc.offsetAt(end)) {
        failures.push(`${d.uri} v${doc.version}: diagnostic ${String(x.code)} range ${JSON.stringify(x.range)} is outside the document (${doc.lineCount} lines)`);
      }
    }
  };

  const pulled = new Map<string, number>();
  const pullDiagnostics = async (d: OpenDocument) => {
    // The server publishes each version once: a version already pulled has nothing more to pull.
    if (pulled.get(d.uri) === d.mirror.version) return;
    pulled.set(d.uri, d.mirror.version);
    diagnosticPulls++;
    try {
      const p = await client.diagnostics(d.uri, d.mirror.version, ANSWER_TIMEOUT_MS);
      checkDiagnostics(d, p.diagnostics);
    } catch (e) {
      failures.push(`${d.uri} v${d.mirror.version}: ${(e as Error).message.split('; stderr:')[0]}; server stderr ends: ${client.stderr().slice(-1500)}`);
    }
  };

  for (const d of docs) await pullDiagnostics(d);

  for (let step = 0; step < options.edits; step++) {
    if (exitedEarly) break;
    const d = docs[int(docs.length)]!;
    const change = edit(d, step);
    const version = d.mirror.version + 1;
    TextDocument.update(d.mirror, [change], version);
    client.change(d.uri, version, [change]);
    largestDocument = Math.max(largestDocument, d.mirror.getText().length);

    // One to three requests at random, on this document or another one (so a slow document's
    // work shows up in the latency of the others).
    for (let n = 1 + int(3); n > 0; n--) {
      const target = random() < 0.7 ? d : docs[int(docs.length)]!;
      const [kind, send] = kinds[int(kinds.length)]!;
      const at = randomPosition(target.mirror);
      const range = { start: randomPosition(target.mirror), end: randomPosition(target.mirror) };
      if (random() < 0.05) {
        // Cancelled at once: the answer is the result or a RequestCancelled error, never silence.
        const source = new CancellationTokenSource();
        const p = timed('hover (cancelled)', target, () => client.conn.sendRequest(HoverRequest.type, { ...td(target), position: at }, source.token));
        source.cancel();
        await p;
      } else {
        await timed(kind, target, () => send(target, at, range));
      }
    }
    if (random() < 0.1) await pullDiagnostics(d);
    if ((step + 1) % 250 === 0) log(`${step + 1} edits, ${requests} requests, largest document ${(largestDocument / 1024).toFixed(0)} KB`);
  }
  for (const d of docs) if (!exitedEarly) await pullDiagnostics(d);

  const handlerErrors = [...client.errors];
  const exitedDuringRun = exitedEarly;
  let exitCode: number | null = null;
  if (!exitedDuringRun) {
    exitCode = await client.close();
  } else {
    failures.push(`the server exited during the run; stderr: ${client.stderr().slice(-2000)}`);
    exitCode = client.child.exitCode;
  }
  slowest.sort((a, b) => b.ms - a.ms);
  slowest.length = Math.min(slowest.length, 10);
  return { latencies, requests, errorAnswers, diagnosticPulls, failures, handlerErrors, slowest, exitedEarly: exitedDuringRun, exitCode, largestDocument };
}

/** p50/p95/p99/max of a list of latencies, for printing. */
export function quantiles(values: number[]): { n: number; p50: number; p95: number; p99: number; max: number } {
  const s = [...values].sort((a, b) => a - b);
  const q = (f: number) => (s.length === 0 ? NaN : s[Math.min(s.length - 1, Math.floor(f * s.length))]!);
  return { n: s.length, p50: q(0.5), p95: q(0.95), p99: q(0.99), max: s.length ? s[s.length - 1]! : NaN };
}
