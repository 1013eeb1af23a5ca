// lsp/limits.ts: the bounds that keep one request from holding the others. A document over the
// analysis bound is not analysed (and says so), one over the formatting bound is not formatted,
// the simulated rows of a service hover stop at their time budget (a fake clock: this counts
// work, not time), and a request cancelled while it waits is answered RequestCancelled unrun.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CancellationTokenSource, DocumentFormattingRequest, DocumentSymbolRequest, HoverRequest, LSPErrorCodes } from 'vscode-languageserver-protocol/node';
import { analysisOf, analysisRuns, lintOf } from '../../lsp/documents.ts';
import { HOVER_SIMULATION_BUDGET_MS, MAX_ANALYSED_CHARS, MAX_FORMATTED_CHARS } from '../../lsp/limits.ts';
import { compiledClusterConf } from '../../lsp/previews.ts';
import { serviceHover, startOrderText } from '../../lsp/service-info.ts';
import { repoRoot } from '../helpers.ts';
import { fileUri, startClient } from './client.ts';

const lab = readFileSync(`${repoRoot}/examples/cluster11-lab.cluster`, 'utf8');
/** The lab cluster followed by a comment that makes the document exactly `chars` long. */
const padded = (chars: number) => lab + '# ' + 'x'.repeat(chars - lab.length - 3) + '\n';

test('a document over the analysis bound is not analysed: features answer empty, previews say why', () => {
  const doc = TextDocument.create('file:///huge.cluster', 'quorate', 1, padded(MAX_ANALYSED_CHARS + 1));
  const before = analysisRuns();
  const state = analysisOf(doc);
  assert.equal(analysisRuns(), before, 'no analysis ran');
  assert.equal(state.analysis, undefined);
  assert.match(state.notAnalysed!, /over the editor's 256 KB limit/);
  assert.deepEqual(lintOf(doc), []);
  assert.deepEqual(compiledClusterConf(doc).problems, [state.notAnalysed]);
  assert.deepEqual(startOrderText(doc).problems, [state.notAnalysed]);
  // At the bound itself it is analysed.
  const atBound = TextDocument.create('file:///bound.cluster', 'quorate', 1, padded(MAX_ANALYSED_CHARS));
  assert.equal(atBound.getText().length, MAX_ANALYSED_CHARS);
  assert.ok(analysisOf(atBound).analysis);
  assert.equal(analysisOf(atBound).notAnalysed, undefined);
});

test('the failure rows of a service hover stop at their time budget and say how many nodes they left out', () => {
  const doc = TextDocument.create('file:///lab.cluster', 'quorate', 1, lab);
  const analysis = analysisOf(doc).analysis!;
  const service = analysis.symbols.symbols.find((s) => s.kind === 'service')!.name;
  const full = serviceHover(analysis, service, 'service');
  const rows = full.filter((l) => / fails → /.test(l));
  assert.ok(rows.length >= 2, 'the lab cluster has several nodes to simulate');
  // A clock that jumps past the budget at every reading: one node is simulated, then it stops.
  let t = 0;
  const slow = serviceHover(analysis, service, 'service', undefined, () => (t += HOVER_SIMULATION_BUDGET_MS + 1));
  assert.deepEqual(slow.filter((l) => / fails → /.test(l)), rows.slice(0, 1));
  assert.ok(slow.includes(`- … ${rows.length - 1} more node${rows.length - 1 === 1 ? '' : 's'} not simulated here (over the hover's ${HOVER_SIMULATION_BUDGET_MS} ms budget): see \`quorate simulate\``), slow.join('\n'));
});

test('over stdio: the not-analysed notice is published, formatting is refused over its bound, a queued request cancelled is answered RequestCancelled', async () => {
  const client = await startClient();
  const huge = fileUri('limits-huge.cluster');
  client.open(huge, padded(MAX_ANALYSED_CHARS + 10));
  const published = await client.diagnostics(huge, 1);
  assert.equal(published.diagnostics.length, 1);
  assert.match(String(published.diagnostics[0]!.message), /over the editor's 256 KB limit, so it is not checked while you edit/);
  assert.equal(published.diagnostics[0]!.code, undefined, 'a notice about the editor, not a rule');
  assert.equal(published.diagnostics[0]!.severity, 3);
  assert.deepEqual(published.diagnostics[0]!.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
  assert.deepEqual(await client.conn.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: huge } }), []);

  const big = fileUri('limits-big.cluster');
  client.open(big, padded(MAX_FORMATTED_CHARS + 10));
  await client.diagnostics(big, 1);
  assert.equal(await client.conn.sendRequest(DocumentFormattingRequest.type, { textDocument: { uri: big }, options: { tabSize: 2, insertSpaces: true } }), null);

  // A slow request first (a new version of a large document to analyse), then a hover cancelled
  // at once: it is still waiting in the queue when the cancellation is read.
  client.change(big, 2, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '# edited\n' }]);
  const slow = client.conn.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: big } });
  const source = new CancellationTokenSource();
  const hover = client.conn.sendRequest(HoverRequest.type, { textDocument: { uri: big }, position: { line: 3, character: 4 } }, source.token).then(() => 'answered', (e: { code?: number }) => e.code);
  source.cancel();
  assert.equal(await hover, LSPErrorCodes.RequestCancelled);
  assert.ok(((await slow) ?? []).length > 0, 'the slow request itself is answered');
  assert.deepEqual(client.errors, []);
  assert.equal(await client.close(), 0);
});
