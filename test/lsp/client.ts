// A minimal LSP client for tests: starts the bundled CLI's `quorate lsp --stdio` as a process and
// talks to it with vscode-languageserver-protocol over its stdin/stdout.

import { spawn, type ChildProcess } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type InitializeResult,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol/node';
import { cliPath, repoRoot } from '../helpers.ts';

export interface TestClient {
  conn: ProtocolConnection;
  child: ChildProcess;
  init: InitializeResult;
  stderr: () => string;
  /** window/logMessage texts of type Error: a handler that threw. */
  errors: string[];
  /** Resolves with the next diagnostics for `uri` (optionally of a given version). */
  diagnostics(uri: string, version?: number, timeoutMs?: number): Promise<PublishDiagnosticsParams>;
  open(uri: string, text: string, languageId?: string, version?: number): void;
  change(uri: string, version: number, changes: TextDocumentContentChangeEvent[]): void;
  close(): Promise<number | null>;
}

export function fileUri(name: string): string {
  return pathToFileURL(`${repoRoot}/.tmp/lsp-test/${name}`).href;
}

export async function startClient(options: { initializationOptions?: unknown; args?: string[] } = {}): Promise<TestClient> {
  const child = spawn(process.execPath, options.args ?? [cliPath, 'lsp', '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let err = '';
  child.stderr!.on('data', (d) => (err += d));
  const conn = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  const latest = new Map<string, PublishDiagnosticsParams[]>();
  const waiters: { uri: string; version?: number; resolve: (p: PublishDiagnosticsParams) => void }[] = [];
  conn.onNotification(PublishDiagnosticsNotification.type, (p) => {
    const i = waiters.findIndex((w) => w.uri === p.uri && (w.version === undefined || w.version === p.version));
    if (i >= 0) waiters.splice(i, 1)[0]!.resolve(p);
    else latest.set(p.uri, [...(latest.get(p.uri) ?? []), p]);
  });
  conn.onRequest('workspace/configuration', () => [{}]);
  const errors: string[] = [];
  conn.onNotification('window/logMessage', (p: { type: number; message: string }) => { if (p.type === 1) errors.push(p.message); });
  conn.listen();
  const init = await conn.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    rootUri: null,
    capabilities: { textDocument: { publishDiagnostics: { versionSupport: true } } },
    ...(options.initializationOptions ? { initializationOptions: options.initializationOptions } : {}),
  });
  await conn.sendNotification(InitializedNotification.type, {});
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    conn,
    child,
    init,
    stderr: () => err,
    errors,
    diagnostics(uri, version, timeoutMs = 10000) {
      const queued = latest.get(uri)?.findIndex((p) => version === undefined || p.version === version) ?? -1;
      if (queued >= 0) return Promise.resolve(latest.get(uri)!.splice(queued, 1)[0]!);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no diagnostics for ${uri} v${version} within ${timeoutMs} ms; stderr: ${err}`)), timeoutMs);
        waiters.push({ uri, ...(version !== undefined ? { version } : {}), resolve: (p) => { clearTimeout(timer); resolve(p); } });
      });
    },
    open(uri, text, languageId = 'quorate', version = 1) {
      void conn.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version, text } });
    },
    change(uri, version, changes) {
      void conn.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: changes });
    },
    async close() {
      await conn.sendRequest(ShutdownRequest.type);
      await conn.sendNotification(ExitNotification.type);
      const code = await exited;
      conn.dispose();
      return code;
    },
  };
}
