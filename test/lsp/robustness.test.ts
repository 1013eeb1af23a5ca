// Broken documents never crash the server or stop it answering: every example, with random
// tokens deleted (seeded, so a failure reproduces), opened and edited incrementally, with every
// request fired at random positions.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  CodeActionRequest,
  CompletionRequest,
  DefinitionRequest,
  DocumentFormattingRequest,
  DocumentSymbolRequest,
  FoldingRangeRequest,
  HoverRequest,
  ReferencesRequest,
  RenameRequest,
  SemanticTokensRequest,
} from 'vscode-languageserver-protocol/node';
import { repoRoot, requireShared } from '../helpers.ts';
import { fileUri, startClient } from './client.ts';

/** mulberry32: a small seeded PRNG. */
function rng(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TOKEN = /"(?:[^"\\\n]|\\.)*"|#[^\n]*|[A-Za-z0-9_.\-/%]+|[{}[\]=:;,()]/g;

function positionAt(text: string, offset: number) {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}

test('every example with random tokens deleted: the server never crashes and keeps answering', async () => {
  const client = await startClient();
  const random = rng(0x51ab);
  const examples = readdirSync(`${repoRoot}/examples`).filter((f) => f.endsWith('.cluster')).sort();
  assert.ok(examples.length >= 5);
  let docs = 0;
  for (const name of examples) {
    const original = readFileSync(`${repoRoot}/examples/${name}`, 'utf8');
    for (let variant = 0; variant < 6; variant++) {
      const tokens = [...original.matchAll(TOKEN)].map((m) => ({ start: m.index!, end: m.index! + m[0].length }));
      const uri = fileUri(`broken-${name}-${variant}.cluster`);
      let text = original;
      client.open(uri, text);
      await client.diagnostics(uri, 1);
      // Delete 1..4 random tokens, one incremental edit each (from the end, so offsets hold).
      const picks = [...new Set(Array.from({ length: 1 + Math.floor(random() * 4) }, () => Math.floor(random() * tokens.length)))].sort((a, b) => b - a);
      let version = 1;
      for (const i of picks) {
        const t = tokens[i]!;
        client.change(uri, ++version, [{ range: { start: positionAt(text, t.start), end: positionAt(text, t.end) }, text: '' }]);
        text = text.slice(0, t.start) + text.slice(t.end);
      }
      const published = await client.diagnostics(uri, version);
      assert.ok(Array.isArray(published.diagnostics));
      const at = positionAt(text, Math.floor(random() * (text.length + 1)));
      const doc = { textDocument: { uri } };
      const answers = await Promise.all([
        client.conn.sendRequest(HoverRequest.type, { ...doc, position: at }),
        client.conn.sendRequest(CompletionRequest.type, { ...doc, position: at }),
        client.conn.sendRequest(DefinitionRequest.type, { ...doc, position: at }),
        client.conn.sendRequest(ReferencesRequest.type, { ...doc, position: at, context: { includeDeclaration: true } }),
        client.conn.sendRequest(DocumentSymbolRequest.type, doc),
        client.conn.sendRequest(FoldingRangeRequest.type, doc),
        client.conn.sendRequest(SemanticTokensRequest.type, doc),
        client.conn.sendRequest(DocumentFormattingRequest.type, { ...doc, options: { tabSize: 2, insertSpaces: true } }),
        client.conn.sendRequest(CodeActionRequest.type, { ...doc, range: { start: { line: 0, character: 0 }, end: positionAt(text, text.length) }, context: { diagnostics: published.diagnostics } }),
        // Rename may refuse (a ResponseError is an answer); it must not hang or crash.
        client.conn.sendRequest(RenameRequest.type, { ...doc, position: at, newName: 'renamed_x' }).catch((e: Error) => e),
      ]);
      assert.equal(answers.length, 10);
      docs++;
    }
  }
  // Still answering after all that.
  const uri = fileUri('after.cluster');
  client.open(uri, 'cluster c {\n  config_version = 1\n  totem { token = 10s }\n}\n');
  await client.diagnostics(uri, 1);
  const h = await client.conn.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 2, character: 11 } });
  assert.ok(h, 'hover still answers');
  assert.deepEqual(client.errors, [], 'no handler threw');
  assert.equal(client.child.exitCode, null, 'the server is still running');
  assert.equal(await client.close(), 0);
  assert.ok(docs >= 30);
});

test('raw cluster.conf files from the corpus with random tokens deleted: still answering', async (t) => {
  const shared = requireShared(t);
  if (!shared) return;
  const dir = join(shared, 'corpus/cluster.conf');
  const files = readdirSync(dir).filter((f) => f.endsWith('.conf')).sort();
  const client = await startClient();
  const random = rng(0xc0f);
  const XML_TOKEN = /<\/?[\w:.-]+|\/?>|[\w:.-]+=|"[^"]*"|<!--|-->/g;
  for (const name of files) {
    const original = readFileSync(join(dir, name), 'utf8');
    const tokens = [...original.matchAll(XML_TOKEN)].map((m) => ({ start: m.index!, end: m.index! + m[0].length }));
    const uri = fileUri(`corpus-${name}`);
    let text = original;
    client.open(uri, text, 'xml');
    await client.diagnostics(uri, 1);
    const picks = [...new Set(Array.from({ length: 1 + Math.floor(random() * 3) }, () => Math.floor(random() * Math.max(1, tokens.length))))].sort((a, b) => b - a);
    let version = 1;
    for (const i of picks) {
      const tok = tokens[i];
      if (!tok) continue;
      client.change(uri, ++version, [{ range: { start: positionAt(text, tok.start), end: positionAt(text, tok.end) }, text: '' }]);
      text = text.slice(0, tok.start) + text.slice(tok.end);
    }
    const published = await client.diagnostics(uri, version);
    const at = positionAt(text, Math.floor(random() * (text.length + 1)));
    await Promise.all([
      client.conn.sendRequest(HoverRequest.type, { textDocument: { uri }, position: at }),
      client.conn.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: positionAt(text, text.length) }, context: { diagnostics: published.diagnostics } }),
      client.conn.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: at }),
      client.conn.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } }),
    ]);
  }
  assert.deepEqual(client.errors, [], 'no handler threw');
  assert.equal(client.child.exitCode, null);
  assert.equal(await client.close(), 0);
});
