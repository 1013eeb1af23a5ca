// `npm run package` builds the VS Code extension offline: the .vsix holds the client, the bundled
// server, the grammar and language configuration (the block snippets are the server's completion,
// offered only where their block may start, so the extension contributes none of its own); and the server inside it answers
// over stdio like `quorate lsp --stdio` does.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HoverRequest, type MarkupContent } from 'vscode-languageserver-protocol/node';
import { repoRoot } from '../helpers.ts';
import { fileUri, startClient } from './client.ts';

test('npm run package produces a .vsix with the bundled server', async () => {
  const r = spawnSync('npm', ['run', 'package'], { cwd: repoRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  assert.equal(r.status, 0, r.stdout + r.stderr);
  const vsix = readFileSync(join(repoRoot, 'dist/quorate.vsix'));
  assert.equal(vsix.subarray(0, 2).toString('latin1'), 'PK', 'a zip file');
  // Zip entry names are stored as plain text in the central directory.
  const names = vsix.toString('latin1');
  for (const f of ['extension/package.json', 'extension/out/extension.cjs', 'extension/out/server.cjs', 'extension/syntaxes/quorate.tmLanguage.json', 'extension/language-configuration.json']) {
    assert.ok(names.includes(f), `${f} in the .vsix`);
  }
  assert.ok(!names.includes('extension/src/'), 'sources stay out');
  const manifest = JSON.parse(readFileSync(join(repoRoot, 'vscode-extension/package.json'), 'utf8'));
  assert.deepEqual(manifest.contributes.languages[0].extensions, ['.cluster']);
  assert.equal(manifest.contributes.snippets, undefined, 'no static snippets: VS Code would show them everywhere');
  assert.deepEqual(manifest.contributes.commands.map((c: { title: string }) => c.title), ['Show compiled cluster.conf', 'Show start order']);

  // The extension's own server bundle speaks LSP over stdio.
  const client = await startClient({ args: [join(repoRoot, 'vscode-extension/out/server.cjs'), '--stdio'] });
  const uri = fileUri('pkg.cluster');
  client.open(uri, 'cluster c {\n  config_version = 1\n  totem { token = 10s }\n}\n');
  assert.ok(Array.isArray((await client.diagnostics(uri, 1)).diagnostics));
  const h = await client.conn.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 2, character: 11 } });
  assert.match((h!.contents as MarkupContent).value, /\*\*token\*\*/);
  assert.equal(await client.close(), 0);
});
