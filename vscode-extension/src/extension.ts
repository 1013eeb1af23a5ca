// The VS Code client: starts the bundled language server (out/server.cjs, the same server as
// `quorate lsp --stdio`) and adds two commands that show text the server computes. No logic here.

import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

let client: LanguageClient | undefined;

interface PreviewResult {
  text?: string;
  problems: string[];
}

async function showPreview(request: string, language: string, what: string): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!client || !editor || editor.document.languageId !== 'quorate') {
    void vscode.window.showInformationMessage(`Quorate: open a .cluster file to see its ${what}.`);
    return;
  }
  const result = await client.sendRequest<PreviewResult>(request, { textDocument: { uri: editor.document.uri.toString() } });
  if (result.text === undefined) {
    void vscode.window.showWarningMessage(`Quorate: no ${what}: ${result.problems.slice(0, 3).join('; ')}${result.problems.length > 3 ? ` (and ${result.problems.length - 3} more)` : ''}`);
    return;
  }
  const doc = await vscode.workspace.openTextDocument({ language, content: result.text });
  await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: true, preserveFocus: true });
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const module = context.asAbsolutePath('out/server.cjs');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6010'] } },
  };
  const selector: LanguageClientOptions['documentSelector'] = [{ language: 'quorate' }];
  if (vscode.workspace.getConfiguration('quorate').get<boolean>('checkClusterConf', true)) {
    selector.push({ scheme: 'file', pattern: '**/cluster.conf' });
    selector.push({ scheme: 'file', pattern: '**/{fence_virt.conf,*.fence_virt.conf}' });
  }
  const clientOptions: LanguageClientOptions = {
    documentSelector: selector,
    synchronize: { configurationSection: 'quorate' },
  };
  client = new LanguageClient('quorate', 'Quorate', serverOptions, clientOptions);
  context.subscriptions.push(
    vscode.commands.registerCommand('quorate.showCompiledClusterConf', () => showPreview('quorate/compiledClusterConf', 'xml', 'compiled cluster.conf')),
    vscode.commands.registerCommand('quorate.showStartOrder', () => showPreview('quorate/startOrder', 'plaintext', 'start order')),
  );
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
