// lsp/raw-conf.ts: hover over a raw cluster.conf walks the model, which the XML reader keeps
// MAX_DEPTH deep however deep the file nests: a hover at any depth answers, never overflows. (A
// file over the editor's size bound, e.g. 100,000 deep, is not analysed at all: limits.test.ts.)

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { hover } from '../../lsp/hover.ts';
import { MAX_ANALYSED_CHARS } from '../../lsp/limits.ts';

const OPEN = '<script ref="s">';
const CLOSE = '</script>';
/** The deepest nesting that still fits in a document the editor analyses (lsp/limits.ts). */
const DEEPEST_ANALYSED = Math.floor((MAX_ANALYSED_CHARS - 100) / (OPEN.length + CLOSE.length));

test('hover over a cluster.conf nested 6,000 and about 10,000 deep answers without overflowing', () => {
  for (const depth of [6_000, DEEPEST_ANALYSED]) {
    const text = '<cluster name="c" config_version="1"><rm><service name="web">' + OPEN.repeat(depth) + CLOSE.repeat(depth) + '</service></rm></cluster>\n';
    const doc = TextDocument.create(`file:///deep-${depth}/cluster.conf`, 'xml', 1, text);
    for (const offset of [text.indexOf('name="web"') + 7, text.indexOf('<script') + 10, text.length - 20, Math.floor(text.length / 2)]) {
      assert.doesNotThrow(() => hover(doc, { textDocument: { uri: doc.uri }, position: doc.positionAt(offset) }), `depth ${depth}, offset ${offset}`);
    }
    // The service itself is still described.
    const service = hover(doc, { textDocument: { uri: doc.uri }, position: doc.positionAt(text.indexOf('<service') + 3) });
    assert.ok(service, `depth ${depth}: the <service> hover answers`);
  }
});
