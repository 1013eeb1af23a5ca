// quorate-ignore comments through the language server over stdio: in a cluster.conf the "Ignore
// RULE here" action writes a comment libxml2 (what cman reads the file with) accepts, `xmllint
// --noout` proves it; the old `<!-- quorate-ignore RULE -- reason -->` still suppresses, with a
// warning whose fix rewrites it; and ignore is offered only where a comment can silence the finding.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CodeActionRequest, type Diagnostic, type TextEdit, type WorkspaceEdit } from 'vscode-languageserver-protocol/node';
import { repoRoot, requireTool } from '../helpers.ts';
import { fileUri, startClient, type TestClient } from './client.ts';

let client: TestClient;
before(async () => { client = await startClient(); });
after(async () => { assert.equal(await client.close(), 0); });

type Action = { title: string; edit: WorkspaceEdit };

function offsetOf(text: string, p: { line: number; character: number }) {
  return text.split('\n').slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
}

function applyEdits(text: string, edits: TextEdit[]): string {
  for (const e of [...edits].sort((a, b) => offsetOf(text, b.range.start) - offsetOf(text, a.range.start))) {
    text = text.slice(0, offsetOf(text, e.range.start)) + e.newText + text.slice(offsetOf(text, e.range.end));
  }
  return text;
}

/** What `xmllint --noout` says of the text: status 0 and no output when libxml2 reads it. */
function xmllint(text: string): { status: number | null; stderr: string } {
  const dir = mkdtempSync(join(tmpdir(), 'quorate-xmllint-'));
  try {
    writeFileSync(join(dir, 'cluster.conf'), text);
    const r = spawnSync('xmllint', ['--noout', join(dir, 'cluster.conf')], { encoding: 'utf8' });
    return { status: r.status, stderr: r.stderr };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function actionsFor(uri: string, d: Diagnostic): Promise<Action[]> {
  return (await client.conn.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } })) as Action[];
}

// Three nodes, expected_votes 5: quorum/expected-votes-mismatch on the <cman> line.
const votes = '<?xml version="1.0"?>\n<cluster name="c" config_version="1">\n  <cman expected_votes="5"/>\n  <clusternodes>\n    <clusternode name="n1" nodeid="1"/>\n    <clusternode name="n2" nodeid="2"/>\n    <clusternode name="n3" nodeid="3"/>\n  </clusternodes>\n</cluster>\n';

test('cluster.conf: "Ignore RULE here" writes a comment xmllint accepts, and it suppresses the finding', async (t) => {
  if (!requireTool(t, 'xmllint', 'libxml2-utils')) return;
  assert.equal(xmllint(votes).status, 0, 'the file itself is well-formed');
  const uri = fileUri('suppress/ignore/cluster.conf');
  client.open(uri, votes, 'xml');
  const d = (await client.diagnostics(uri, 1)).diagnostics.find((x) => x.code === 'quorum/expected-votes-mismatch')!;
  assert.ok(d);
  const ignore = (await actionsFor(uri, d)).find((a) => a.title.startsWith('Ignore quorum/expected-votes-mismatch'))!;
  assert.ok(ignore);
  const edits = ignore.edit.changes![uri]!;
  const ignored = applyEdits(votes, edits);
  const lint = xmllint(ignored);
  assert.deepEqual(lint, { status: 0, stderr: '' }, `xmllint accepts the comment the action writes:\n${ignored}`);
  client.change(uri, 2, edits.map((e) => ({ range: e.range, text: e.newText })));
  const after = (await client.diagnostics(uri, 2)).diagnostics;
  assert.deepEqual(after.filter((x) => x.code === 'quorum/expected-votes-mismatch' || x.code === 'xml/malformed' || String(x.code).startsWith('lint/')), [], JSON.stringify(after));
});

test('cluster.conf: the old `<!-- quorate-ignore RULE -- reason -->` still suppresses, warns, and its fix rewrites it into a form xmllint accepts', async (t) => {
  if (!requireTool(t, 'xmllint', 'libxml2-utils')) return;
  const old = votes.replace('  <cman', '  <!-- quorate-ignore quorum/expected-votes-mismatch -- two nodes join next week -->\n  <cman');
  assert.match(xmllint(old).stderr, /Double hyphen within comment/, 'libxml2 rejects the old form');
  const uri = fileUri('suppress/old/cluster.conf');
  client.open(uri, old, 'xml');
  const d = (await client.diagnostics(uri, 1)).diagnostics;
  assert.ok(!d.some((x) => x.code === 'quorum/expected-votes-mismatch'), 'the old form still suppresses');
  const form = d.filter((x) => x.code === 'lint/suppression-form');
  assert.equal(form.length, 1, JSON.stringify(d));
  assert.equal(form[0]!.severity, 2, 'a warning');
  assert.equal(form[0]!.range.start.line, 2);
  const rewrite = (await actionsFor(uri, form[0]!)).find((a) => a.title.startsWith('Rewrite'))!;
  assert.ok(rewrite);
  const edits = rewrite.edit.changes![uri]!;
  const fixed = applyEdits(old, edits);
  assert.ok(fixed.includes('  <!-- quorate-ignore quorum/expected-votes-mismatch: two nodes join next week -->\n  <cman'), fixed);
  assert.deepEqual(xmllint(fixed), { status: 0, stderr: '' });
  client.change(uri, 2, edits.map((e) => ({ range: e.range, text: e.newText })));
  const after = (await client.diagnostics(uri, 2)).diagnostics;
  assert.deepEqual(after.filter((x) => x.code === 'quorum/expected-votes-mismatch' || x.code === 'xml/malformed' || String(x.code).startsWith('lint/')), [], JSON.stringify(after));
});

test('ignore is offered only for findings a quorate-ignore comment can silence', async () => {
  const apache = readFileSync(`${repoRoot}/examples/apache.cluster`, 'utf8');
  // A language diagnostic (not a rule), a start-refusing error (node2 has no id), and a rule's warning.
  const text = apache.replace('fence_daemon { }', 'fence_daemon { bogus_attr = 1 }').replace('{ id = 2; fence', '{ fence').replace('    use web_ip\n', '');
  const uri = fileUri('suppress/offered.cluster');
  client.open(uri, text);
  const all = (await client.diagnostics(uri, 1)).diagnostics;
  const titles = async (code: string) => {
    const d = all.find((x) => x.code === code);
    assert.ok(d, `${code} in ${JSON.stringify(all.map((x) => x.code))}`);
    return (await actionsFor(uri, d)).filter((a) => a.edit.changes![uri]!.length === 1 && /quorate-ignore/.test(a.edit.changes![uri]![0]!.newText)).map((a) => a.title);
  };
  assert.deepEqual(await titles('config/unknown-attribute'), [], 'no ignore for a diagnostic that is not a rule');
  assert.deepEqual(await titles('config/nodeid'), [], 'no ignore for an error with which cman refuses to start');
  assert.deepEqual(await titles('resource/unused'), ['Ignore resource/unused here (with a reason)'], 'a rule\'s warning can be ignored');
});
