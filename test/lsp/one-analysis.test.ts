// The language server analyses each document version once: every feature reads the same
// analysis, and the lint of a version is made from it (not from a second parse).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { lintSource } from '../../compiler/api.ts';
import { codeActions } from '../../lsp/code-actions.ts';
import { completion } from '../../lsp/completion.ts';
import { analysisOf, analysisRuns, lintOf, lintResultOf, setSeverities } from '../../lsp/documents.ts';
import { formatting } from '../../lsp/formatting.ts';
import { hover } from '../../lsp/hover.ts';
import { definition, references } from '../../lsp/navigation.ts';
import { documentSymbols, foldingRanges } from '../../lsp/outline.ts';
import { compiledClusterConf } from '../../lsp/previews.ts';
import { semanticTokens } from '../../lsp/semantic-tokens.ts';
import { startOrderText } from '../../lsp/service-info.ts';
import { repoRoot } from '../helpers.ts';

const apache = readFileSync(`${repoRoot}/examples/apache.cluster`, 'utf8');

async function everyFeature(doc: TextDocument): Promise<void> {
  const position = doc.positionAt(apache.indexOf('use wwwfs') + 5);
  const range = { start: position, end: position };
  lintOf(doc);
  hover(doc, { textDocument: { uri: doc.uri }, position });
  completion(doc, { textDocument: { uri: doc.uri }, position });
  definition(doc, { textDocument: { uri: doc.uri }, position });
  references(doc, { textDocument: { uri: doc.uri }, position, context: { includeDeclaration: true } });
  documentSymbols(doc);
  foldingRanges(doc);
  semanticTokens(doc);
  codeActions(doc, { textDocument: { uri: doc.uri }, range, context: { diagnostics: [] } });
  compiledClusterConf(doc);
  startOrderText(doc);
  await formatting(doc, { textDocument: { uri: doc.uri }, options: { tabSize: 2, insertSpaces: true } });
}

test('every feature of one version reads one analysis; a new version is analysed once more', async () => {
  let doc = TextDocument.create('file:///one-analysis/apache.cluster', 'quorate', 1, apache);
  const before = analysisRuns();
  await everyFeature(doc);
  assert.equal(analysisRuns() - before, 1, 'one analysis for version 1, whatever the features asked');
  assert.equal(lintResultOf(doc).analysis, analysisOf(doc).source, 'the lint read the analysis the features read');
  assert.deepEqual(lintOf(doc), lintSource(apache).diagnostics, 'and reports what quorate lint reports');

  doc = TextDocument.update(doc, [{ text: apache.replace('use wwwfs', 'use nope') }], 2);
  await everyFeature(doc);
  assert.equal(analysisRuns() - before, 2, 'version 2 is analysed once');
  assert.ok(lintOf(doc).some((d) => d.rule === 'resource/undefined-use'));

  // New settings redo the lint of the version, from the same analysis.
  const source = analysisOf(doc).source;
  setSeverities({ 'resource/undefined-use': 'off' });
  try {
    assert.ok(!lintOf(doc).some((d) => d.rule === 'resource/undefined-use'));
    assert.equal(lintResultOf(doc).analysis, source);
    assert.equal(analysisRuns() - before, 2);
  } finally {
    setSeverities({});
  }
});
