// The language server: wiring only. Every feature lives in its own file and calls the core;
// this file connects them to the protocol, keeps the open documents (incremental sync) and
// publishes diagnostics after each change (a short per-document debounce; results for stale
// versions are dropped, so a slow analysis never blocks typing). The bounds on each request's
// work (document size, time budgets, requests cancelled before they start) are in limits.ts.

import {
  createConnection,
  DiagnosticSeverity,
  LSPErrorCodes,
  ProposedFeatures,
  ResponseError,
  TextDocuments,
  TextDocumentSyncKind,
  type CancellationToken,
  type Connection,
  type ConnectionOptions,
  type Diagnostic as LspDiagnostic,
  type InitializeResult,
  type RequestMessage,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { codeActions } from './code-actions.ts';
import { completion } from './completion.ts';
import { toLspDiagnostic, type SeverityOverrides } from './diagnostics.ts';
import { analysisOf, forget, lintOf, setSeverities, setSimulation } from './documents.ts';
import { hover } from './hover.ts';
import { definition, prepareRename, references, rename } from './navigation.ts';
import { documentSymbols, foldingRanges } from './outline.ts';
import { COMPILED_CONF, compiledClusterConf } from './previews.ts';
import { legend, semanticTokens } from './semantic-tokens.ts';
import { formatting } from './formatting.ts';
import { START_ORDER, startOrderText } from './service-info.ts';

declare const QUORATE_VERSION: string;

export interface Settings {
  severity: SeverityOverrides;
  /** Milliseconds between the last keystroke and the analysis. */
  diagnosticsDelay: number;
  /** Simulation-based rules and the failure rows in service hovers. */
  simulation: boolean;
}

const DEFAULTS: Settings = { severity: {}, diagnosticsDelay: 10, simulation: true };

function readSettings(raw: unknown): Settings {
  const q = (raw && typeof raw === 'object' && 'quorate' in raw ? (raw as { quorate: unknown }).quorate : raw) as Partial<Settings> | undefined;
  const severity = q && typeof q.severity === 'object' && q.severity ? q.severity : {};
  const delay = q && typeof q.diagnosticsDelay === 'number' && q.diagnosticsDelay >= 0 ? q.diagnosticsDelay : DEFAULTS.diagnosticsDelay;
  const simulation = q && typeof q.simulation === 'boolean' ? q.simulation : DEFAULTS.simulation;
  return { severity, diagnosticsDelay: delay, simulation };
}

/**
 * A request the client cancelled while it still waited in the queue (behind a slow one: the
 * server has one thread) is answered RequestCancelled at once instead of being run: an editor
 * cancels the hovers and completions the user has moved past, so they cost nothing.
 */
export const CONNECTION_OPTIONS: ConnectionOptions = {
  connectionStrategy: {
    cancelUndispatched: (message) => ({
      jsonrpc: '2.0',
      id: (message as RequestMessage).id,
      error: new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled before it started').toJson(),
    }),
  },
};

export function startServer(connection: Connection = createConnection(ProposedFeatures.all, CONNECTION_OPTIONS)): Connection {
  const documents = new TextDocuments(TextDocument);
  let settings: Settings = DEFAULTS;
  let pullConfiguration = false;
  const timers = new Map<string, NodeJS.Timeout>();

  /** Documents over the analysis bound, so that the log says so once, not on every keystroke. */
  const notAnalysedLogged = new Set<string>();
  const publish = (uri: string) => {
    const doc = documents.get(uri);
    if (!doc) return;
    let diagnostics: LspDiagnostic[];
    try {
      const notAnalysed = analysisOf(doc).notAnalysed;
      if (notAnalysed) {
        if (!notAnalysedLogged.has(uri)) connection.console.info(`${notAnalysed} (${uri})`);
        notAnalysedLogged.add(uri);
        // Said where the user looks: an empty list would read as "no problems". No rule id: it is
        // a notice about the editor, not a finding about the cluster.
        diagnostics = [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, severity: DiagnosticSeverity.Information, source: 'quorate', message: notAnalysed }];
      } else {
        notAnalysedLogged.delete(uri);
        diagnostics = lintOf(doc).map((d) => toLspDiagnostic(doc, d));
      }
    } catch (e) {
      connection.console.error(`quorate: analysis failed: ${(e as Error).stack ?? e}`);
      return;
    }
    // Another edit may have arrived while we analysed: its own run publishes.
    if (documents.get(uri)?.version !== doc.version) return;
    void connection.sendDiagnostics({ uri, version: doc.version, diagnostics });
  };
  const schedule = (uri: string, delay = settings.diagnosticsDelay) => {
    clearTimeout(timers.get(uri));
    timers.set(uri, setTimeout(() => { timers.delete(uri); publish(uri); }, delay));
  };
  const refreshSettings = async (raw?: unknown) => {
    if (pullConfiguration) {
      try { settings = readSettings(await connection.workspace.getConfiguration('quorate')); } catch { /* client refused: keep */ }
    } else if (raw !== undefined) settings = readSettings(raw);
    setSeverities(settings.severity);
    setSimulation(settings.simulation);
    for (const d of documents.all()) schedule(d.uri, 0);
  };

  /** Every handler answers, whatever the input: a failure is logged and becomes an empty answer. */
  const safe = <P, R>(fallback: R, f: (doc: TextDocument, p: P) => R) => (p: P & { textDocument: { uri: string } }, token?: CancellationToken): R => {
    // Cancelled after it was taken from the queue but before it ran: do not start the work.
    if (token?.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');
    const doc = documents.get(p.textDocument.uri);
    if (!doc) return fallback;
    try {
      return f(doc, p);
    } catch (e) {
      if (e && typeof e === 'object' && 'code' in e && typeof (e as { code: unknown }).code === 'number') throw e; // ResponseError: the client shows it
      connection.console.error(`quorate: ${(e as Error).stack ?? e}`);
      return fallback;
    }
  };

  connection.onInitialize((params): InitializeResult => {
    pullConfiguration = !!params.capabilities.workspace?.configuration;
    if (params.initializationOptions) settings = readSettings(params.initializationOptions);
    setSeverities(settings.severity);
    setSimulation(settings.simulation);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        hoverProvider: true,
        completionProvider: { triggerCharacters: [' ', '=', ':', '['] },
        definitionProvider: true,
        referencesProvider: true,
        renameProvider: { prepareProvider: true },
        documentSymbolProvider: true,
        foldingRangeProvider: true,
        semanticTokensProvider: { legend, full: true },
        codeActionProvider: { codeActionKinds: ['quickfix'] },
        documentFormattingProvider: true,
      },
      serverInfo: { name: 'quorate', version: typeof QUORATE_VERSION === 'string' ? QUORATE_VERSION : 'dev' },
    };
  });
  connection.onInitialized(() => { if (pullConfiguration) void refreshSettings(); });
  connection.onDidChangeConfiguration((p) => void refreshSettings(p.settings));

  documents.onDidOpen((e) => schedule(e.document.uri, 0));
  documents.onDidChangeContent((e) => schedule(e.document.uri));
  documents.onDidClose((e) => {
    notAnalysedLogged.delete(e.document.uri);
    clearTimeout(timers.get(e.document.uri));
    timers.delete(e.document.uri);
    forget(e.document.uri);
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });

  connection.onHover(safe(null, hover));
  connection.onCompletion(safe([], completion));
  connection.onDefinition(safe(null, definition));
  connection.onReferences(safe([], references));
  connection.onPrepareRename(safe(null, prepareRename));
  connection.onRenameRequest(safe(null, rename));
  connection.onDocumentSymbol(safe([], (doc) => documentSymbols(doc)));
  connection.onFoldingRanges(safe([], (doc) => foldingRanges(doc)));
  connection.languages.semanticTokens.on(safe({ data: [] }, (doc) => semanticTokens(doc)));
  connection.onCodeAction(safe([], codeActions));
  connection.onDocumentFormatting(safe(Promise.resolve(null), (doc, p) => formatting(doc, p, (line) => connection.console.info(line))));
  connection.onRequest(COMPILED_CONF, safe({ problems: ['document not open'] }, (doc) => compiledClusterConf(doc)));
  connection.onRequest(START_ORDER, safe({ problems: ['document not open'] }, (doc) => startOrderText(doc)));

  documents.listen(connection);
  connection.listen();
  return connection;
}
