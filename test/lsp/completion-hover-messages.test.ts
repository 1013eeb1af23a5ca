// Completion, hover, messages and quick fixes over stdio, as an editor sees them: block snippets
// only where their block may start, no attribute offered twice (nor `name` where the header names
// the block), a hover that says the description once, messages that give the right advice, a
// resource named as the admin declared it, and the "Set expected_votes" fix for a too-low value.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { CodeActionRequest, CompletionItemKind, CompletionRequest, HoverRequest, type CompletionItem, type MarkupContent, type WorkspaceEdit } from 'vscode-languageserver-protocol/node';
import { repoRoot } from '../helpers.ts';
import { fileUri, startClient, type TestClient } from './client.ts';

const apache = readFileSync(`${repoRoot}/examples/apache.cluster`, 'utf8');
let client: TestClient;
before(async () => { client = await startClient(); });
after(async () => { assert.equal(await client.close(), 0); });

/** Line/character just after `needle` plus `delta`. */
function pos(text: string, needle: string, delta = 0) {
  const at = text.indexOf(needle);
  assert.ok(at >= 0, `${needle} not in text`);
  const before = text.slice(0, at + delta);
  return { line: before.split('\n').length - 1, character: before.length - before.lastIndexOf('\n') - 1 };
}

let opened = 0;
async function open(text: string): Promise<{ uri: string; diagnostics: Awaited<ReturnType<TestClient['diagnostics']>>['diagnostics'] }> {
  const uri = fileUri(`polish/${++opened}.cluster`);
  client.open(uri, text);
  return { uri, diagnostics: (await client.diagnostics(uri, 1)).diagnostics };
}

async function complete(uri: string, p: { line: number; character: number }): Promise<CompletionItem[]> {
  return ((await client.conn.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: p })) as CompletionItem[] | null) ?? [];
}

const snippetLabels = (items: CompletionItem[]) => items.filter((i) => i.kind === CompletionItemKind.Snippet).map((i) => i.label);

test('completion: block snippets only where their block may start', async () => {
  const text = apache
    .replace('    use web_ip\n', '    use web_ip\n    recovery = \n    use \n')
    .replace('      fstype = "ext4"\n', '      fstype = "ext4"\n      \n')
    .replace('  service apache {', '  \n  service apache {');
  const { uri } = await open(text);
  const inCluster = snippetLabels(await complete(uri, pos(text, '  \n  service apache {', 2)));
  for (const kind of ['node', 'fence_device', 'failover_domain', 'resources', 'service', 'quorumd', 'totem']) assert.ok(inCluster.includes(`${kind} { … }`), `the cluster body offers the ${kind} snippet: ${inCluster}`);
  assert.ok(!inCluster.includes('cluster { … }'), 'no cluster inside a cluster');
  assert.deepEqual(snippetLabels(await complete(uri, pos(text, '      fstype = "ext4"\n      \n', 28))), [], 'inside fs { }');
  assert.deepEqual(snippetLabels(await complete(uri, pos(text, 'recovery = \n', 11))), [], 'after recovery =');
  assert.deepEqual(snippetLabels(await complete(uri, pos(text, '    use \n', 8))), [], 'after use');
  const { uri: empty } = await open('');
  assert.deepEqual(snippetLabels(await complete(empty, { line: 0, character: 0 })), ['cluster { … }'], 'an empty file starts a cluster');
});

test('completion: attributes already set in the block, and `name` of a named block, are not offered', async () => {
  const text = apache.replace('    use web_ip\n', '    use web_ip\n    \n').replace('      fstype = "ext4"\n', '      fstype = "ext4"\n      \n');
  const { uri } = await open(text);
  const inService = (await complete(uri, pos(text, '    use web_ip\n    \n', 19))).map((i) => i.label);
  for (const want of ['autostart', 'exclusive', 'use', 'fs']) assert.ok(inService.includes(want), `the service offers ${want}`);
  for (const set of ['domain', 'recovery', 'name']) assert.ok(!inService.includes(set), `the service does not offer ${set}: ${inService}`);
  const inFs = (await complete(uri, pos(text, '      fstype = "ext4"\n      \n', 28))).map((i) => i.label);
  assert.ok(inFs.includes('options') && inFs.includes('fsid'), `fs offers what is not set yet: ${inFs}`);
  for (const set of ['device', 'mountpoint', 'fstype', 'quick_status', 'force_unmount', 'name']) assert.ok(!inFs.includes(set), `fs does not offer ${set}`);
  // The attribute being typed is still completed.
  const typing = apache.replace('    recovery = relocate\n', '    recov\n');
  const { uri: t } = await open(typing);
  assert.ok((await complete(t, pos(typing, '    recov\n', 9))).some((i) => i.label === 'recovery'));
});

test('hover says the short description once when the long one starts with it', async () => {
  const { uri } = await open(apache);
  const h = await client.conn.sendRequest(HoverRequest.type, { textDocument: { uri }, position: pos(apache, 'fstype', 2) });
  const md = (h!.contents as MarkupContent).value;
  assert.match(md, /File system type\. If not specified/);
  assert.equal(md.split('File system type').length - 1, 1, md);
});

test('a bare `use` asks for a resource name, a bare `recovery =` for its value', async () => {
  const useText = apache.replace('    use web_ip\n', '    use web_ip\n    use\n');
  const d = (await open(useText)).diagnostics.filter((x) => x.range.start.line === pos(useText, '    use\n').line);
  assert.deepEqual(d.map((x) => [x.code, x.message]), [['structure/missing-name', '`use` needs the name of a resource declared in `resources { }`: `use NAME`']]);
  const recText = apache.replace('    recovery = relocate\n', '    recovery =\n');
  const r = (await open(recText)).diagnostics.filter((x) => x.code === 'syntax/unexpected-token');
  assert.deepEqual(r.map((x) => x.message), ['`recovery =` needs a value: `recovery = VALUE`']);
});

test('resource/unused names the resource as it is declared', async () => {
  const text = apache.replace('    use web_ip\n', '');
  const unused = (await open(text)).diagnostics.filter((x) => x.code === 'resource/unused');
  assert.deepEqual(unused.map((x) => x.message), ['ip resource `web_ip` is defined but no service uses it']);
});

test('a too-low expected_votes (split brain) gets the "Set expected_votes" fix, as a too-high one does', async () => {
  const nodes = [1, 2, 3, 4, 5, 6].map((i) => `  node n${i} { id = ${i}; fence { method m1 { device xvm { port = "n${i}" } } } }\n`).join('');
  for (const [written, label] of [[4, 'too low'], [9, 'too high']] as const) {
    const text = `cluster lab {\n  config_version = 1\n  fence_device xvm : fence_xvm { }\n${nodes}  cman { expected_votes = ${written} }\n}\n`;
    const { uri, diagnostics } = await open(text);
    const d = diagnostics.find((x) => x.code === 'quorum/expected-votes-mismatch');
    assert.ok(d, `${label}: ${JSON.stringify(diagnostics)}`);
    const actions = (await client.conn.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } })) as { title: string; edit: WorkspaceEdit }[];
    const set = actions.find((a) => a.title === 'Set expected_votes to 6');
    assert.ok(set, `${label}: ${actions.map((a) => a.title)}`);
    assert.deepEqual(set.edit.changes![uri]!.map((e) => e.newText), ['6']);
    assert.deepEqual(set.edit.changes![uri]![0]!.range.start, pos(text, `expected_votes = ${written}`, 17));
  }
});
