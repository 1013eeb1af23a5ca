// lsp/service-info.ts: the start-order preview and the service hover read one resource tree per
// analysis; building it per service made the preview of a 1,000-service cluster block the server.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { buildResourceTree, type ConfElement } from '../../compiler/api.ts';
import { analysisOf } from '../../lsp/documents.ts';
import { serviceHover, startOrderText } from '../../lsp/service-info.ts';
import { repoRoot } from '../helpers.ts';

const apache = readFileSync(`${repoRoot}/examples/apache.cluster`, 'utf8');

function manyServices(count: number): TextDocument {
  const services = Array.from({ length: count }, (_, i) => `  service extra${i} {\n    recovery = relocate\n  }\n`).join('');
  const text = apache.replace('  service apache {', `${services}  service apache {`);
  return TextDocument.create(`file:///services-${count}.cluster`, 'quorate', 1, text);
}

function countingBuilder() {
  const built: ConfElement[] = [];
  return { built, build: (cluster: ConfElement) => (built.push(cluster), buildResourceTree(cluster)) };
}

test('the start-order preview builds the resource tree once for all services', () => {
  const doc = manyServices(200);
  const { built, build } = countingBuilder();
  const preview = startOrderText(doc, build);
  assert.equal(built.length, 1);
  assert.match(preview.text!, /# service extra199\n/);
  assert.match(preview.text!, /# service apache\n(.+\n)*\[start\] service:apache/);
  // Asked again for the same version: the same tree, no new build.
  startOrderText(doc, build);
  assert.equal(built.length, 1);
});

test('hovers over the services of one analysis share its tree', () => {
  const doc = manyServices(20);
  const analysis = analysisOf(doc).analysis!;
  const { built, build } = countingBuilder();
  for (let i = 0; i < 20; i++) serviceHover(analysis, `extra${i}`, 'service', build);
  const apacheHover = serviceHover(analysis, 'apache', 'service', build);
  assert.equal(built.length, 1);
  assert.ok(apacheHover.includes('start order (rgmanager):'));
});
