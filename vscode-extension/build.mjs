#!/usr/bin/env node
// Bundles the extension: out/extension.cjs (the client; `vscode` is provided by the editor) and
// out/server.cjs (the language server with the whole compiler core inside). Run from anywhere.
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const common = { bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'warning', legalComments: 'none', absWorkingDir: here };

await build({ ...common, entryPoints: ['src/extension.ts'], outfile: 'out/extension.cjs', external: ['vscode'] });
await build({ ...common, entryPoints: ['../lsp/main.ts'], outfile: 'out/server.cjs', define: { QUORATE_VERSION: JSON.stringify(pkg.version) } });
