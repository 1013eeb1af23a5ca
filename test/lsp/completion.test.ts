// lsp/completion.ts: the context before the cursor is read from a bounded window of its line,
// so a request costs the same on a 250 KB line (the longest a document the editor analyses
// holds) as on a short one, and still finds the context.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { COMPLETION_LOOKBACK, completion } from '../../lsp/completion.ts';
import { MAX_ANALYSED_CHARS } from '../../lsp/limits.ts';
import { repoRoot } from '../helpers.ts';

const apache = readFileSync(`${repoRoot}/examples/apache.cluster`, 'utf8');

/** A document that counts the characters its getText calls hand out: the work completion reads. */
function countingDocument(text: string, uri: string) {
  const doc = TextDocument.create(uri, 'quorate', 1, text);
  let charactersRead = 0;
  const getText = doc.getText.bind(doc);
  doc.getText = (range) => {
    const got = getText(range);
    if (range) charactersRead += got.length;
    return got;
  };
  return { doc, read: () => charactersRead };
}

const labels = (items: { label: string }[]) => items.map((i) => i.label).sort();

test('completion on a 250 KB line reads a bounded window of it and still finds the context', () => {
  // As long a line as a document the editor analyses may hold (lsp/limits.ts: 256 KB).
  const padding = ' '.repeat(MAX_ANALYSED_CHARS - apache.length - 100);
  const text = apache.replace('    use web_ip\n', `    use web_ip\n    recovery = "x";${padding}use \n`);
  const { doc, read } = countingDocument(text, 'file:///long-line.cluster');
  const cursor = doc.positionAt(text.indexOf('use \n') + 4);
  const items = completion(doc, { textDocument: { uri: doc.uri }, position: cursor });
  assert.deepEqual(labels(items), ['web_ip', 'www', 'wwwfs']);
  assert.ok(read() <= COMPLETION_LOOKBACK, `read ${read()} characters of the line`);
});

test('a name longer than the window is not mistaken for the start of an entry', () => {
  const text = apache.replace('    use web_ip\n', `    use web_ip\n    ${'a'.repeat(COMPLETION_LOOKBACK * 4)}\n`);
  const doc = TextDocument.create('file:///long-name.cluster', 'quorate', 1, text);
  const cursor = doc.positionAt(text.indexOf('aaaa\n') + 4);
  assert.deepEqual(completion(doc, { textDocument: { uri: doc.uri }, position: cursor }), []);
  // The same name within the window is the start of an entry: the block's attributes are offered.
  // (`autos`: the service sets recovery already, and a set attribute is not offered again.)
  const short = apache.replace('    use web_ip\n', '    use web_ip\n    autos\n');
  const shortDoc = TextDocument.create('file:///short-name.cluster', 'quorate', 1, short);
  const offered = labels(completion(shortDoc, { textDocument: { uri: shortDoc.uri }, position: shortDoc.positionAt(short.indexOf('autos\n') + 5) }));
  assert.ok(offered.includes('autostart'));
});

test('an entry after a long run of text on its line is completed like one at the start of a line', () => {
  const text = apache.replace('    use web_ip\n', `    use web_ip; ${'x = 1; '.repeat(Math.floor((MAX_ANALYSED_CHARS - apache.length - 100) / 7))}autos\n`);
  const { doc, read } = countingDocument(text, 'file:///many-entries.cluster');
  const offered = labels(completion(doc, { textDocument: { uri: doc.uri }, position: doc.positionAt(text.indexOf('autos\n') + 5) }));
  assert.ok(offered.includes('autostart'));
  assert.ok(read() <= COMPLETION_LOOKBACK);
});
