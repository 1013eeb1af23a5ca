// The language server as a process over stdio (`quorate lsp --stdio` from the bundled CLI), the
// way an editor drives it: initialize, open, incremental edits, diagnostics, and every request.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  CodeActionRequest,
  CompletionRequest,
  DefinitionRequest,
  DocumentFormattingRequest,
  DocumentSymbolRequest,
  FoldingRangeRequest,
  HoverRequest,
  PrepareRenameRequest,
  ReferencesRequest,
  RenameRequest,
  SemanticTokensRequest,
  type CompletionItem,
  type Diagnostic,
  type Location,
  type MarkupContent,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver-protocol/node';
import { compileText } from '../../compiler/api.ts';
import { lintSource } from '../../compiler/lint.ts';
import { resourceAgent, fenceAgent } from '../../compiler/catalogue/index.ts';
import { formatText } from '../../compiler/format/index.ts';
import { repoRoot } from '../helpers.ts';
import { fileUri, startClient, type TestClient } from './client.ts';

const apache = readFileSync(`${repoRoot}/examples/apache.cluster`, 'utf8');
let client: TestClient;

before(async () => { client = await startClient(); });
after(async () => { assert.equal(await client.close(), 0, 'the server exits 0 after shutdown + exit'); });

/** Line/character of the `nth` occurrence of `needle` (plus `delta` characters). */
function pos(text: string, needle: string, delta = 0, nth = 0) {
  let at = -1;
  for (let i = 0; i <= nth; i++) at = text.indexOf(needle, at + 1);
  assert.ok(at >= 0, `${needle} not in text`);
  const before = text.slice(0, at + delta);
  const line = before.split('\n').length - 1;
  return { line, character: before.length - before.lastIndexOf('\n') - 1 };
}

function offsetOf(text: string, p: { line: number; character: number }) {
  const lines = text.split('\n');
  return lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
}

function applyEdits(text: string, edits: TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => offsetOf(text, b.range.start) - offsetOf(text, a.range.start));
  for (const e of sorted) text = text.slice(0, offsetOf(text, e.range.start)) + e.newText + text.slice(offsetOf(text, e.range.end));
  return text;
}

const labels = (items: CompletionItem[] | null) => (items ?? []).map((i) => i.label);

test('initialize advertises incremental sync and the features', () => {
  const caps = client.init.capabilities;
  assert.equal(typeof caps.textDocumentSync === 'object' ? caps.textDocumentSync.change : caps.textDocumentSync, 2);
  for (const k of ['hoverProvider', 'completionProvider', 'definitionProvider', 'referencesProvider', 'renameProvider', 'documentSymbolProvider', 'foldingRangeProvider', 'semanticTokensProvider', 'codeActionProvider', 'documentFormattingProvider'] as const) {
    assert.ok(caps[k], `${k} advertised`);
  }
  assert.equal(client.init.serverInfo?.name, 'quorate');
});

test('open → diagnostics at the exact range; an incremental edit clears them', async () => {
  const uri = fileUri('typo.cluster');
  const text = apache.replace('use wwwfs', 'use wwwfz');
  client.open(uri, text);
  const first = await client.diagnostics(uri, 1);
  // What `quorate lint` says about the same text, no more, no less.
  assert.deepEqual(first.diagnostics.map((x) => x.code), lintSource(text).diagnostics.map((x) => x.rule));
  const d = first.diagnostics.find((x) => x.code === 'resource/undefined-use')!;
  assert.equal(d.code, 'resource/undefined-use');
  assert.equal(d.severity, 1);
  assert.match(String(d.message), /did you mean `wwwfs`/);
  assert.deepEqual(d.range, { start: pos(text, 'wwwfz'), end: pos(text, 'wwwfz', 5) });
  // Replace just the last letter (a ranged, incremental change).
  client.change(uri, 2, [{ range: { start: pos(text, 'wwwfz', 4), end: pos(text, 'wwwfz', 5) }, text: 's' }]);
  assert.deepEqual((await client.diagnostics(uri, 2)).diagnostics, []);
  // Several edits in a row: only consistent results, the last one for the last version.
  client.change(uri, 3, [{ range: { start: pos(apache, 'recovery = relocate', 11), end: pos(apache, 'recovery = relocate', 19) }, text: 'relocat' }]);
  client.change(uri, 4, [{ range: { start: pos(apache, 'recovery = relocate', 11), end: pos(apache, 'recovery = relocate', 18) }, text: 'restart' }]);
  assert.deepEqual((await client.diagnostics(uri, 4)).diagnostics, []);
});

test('hover shows the catalogue docs, type, default and unit of an attribute', async () => {
  const uri = fileUri('hover.cluster');
  client.open(uri, apache);
  await client.diagnostics(uri, 1);
  const h = await client.conn.sendRequest(HoverRequest.type, { textDocument: { uri }, position: pos(apache, 'shutdown_wait', 3) });
  const md = (h!.contents as MarkupContent).value;
  const spec = resourceAgent('apache')!.parameters.find((p) => p.name === 'shutdown_wait')!;
  assert.ok(md.includes('**shutdown_wait**'));
  assert.ok(md.includes(spec.doc), 'the agent\'s own description');
  assert.match(md, /unit: s/);
  assert.deepEqual(h!.range, { start: pos(apache, 'shutdown_wait'), end: pos(apache, 'shutdown_wait', 13) });

  const monitor = await client.conn.sendRequest(HoverRequest.type, { textDocument: { uri }, position: pos(apache, 'monitor_link', 1) });
  const ml = resourceAgent('ip')!.parameters.find((p) => p.name === 'monitor_link')!;
  assert.match((monitor!.contents as MarkupContent).value, /boolean/);
  // The default as the language writes it, and how ip.sh reads the value.
  assert.equal(ml.default, '1');
  assert.ok((monitor!.contents as MarkupContent).value.includes('default: `true` (cluster.conf: `1`)'));
  assert.match((monitor!.contents as MarkupContent).value, /read by ip\.sh: turns it off only for "no", "0" \(ra@26b01125 [^)]*ip\.sh\.in:974-978\)/);

  const agentHover = await client.conn.sendRequest(HoverRequest.type, { textDocument: { uri }, position: pos(apache, 'fs wwwfs', 0) });
  assert.ok((agentHover!.contents as MarkupContent).value.includes(resourceAgent('fs')!.doc));
  const fence = await client.conn.sendRequest(HoverRequest.type, { textDocument: { uri }, position: pos(apache, 'fence_xvm', 2) });
  assert.ok((fence!.contents as MarkupContent).value.includes(fenceAgent('fence_xvm')!.doc));
  const name = await client.conn.sendRequest(HoverRequest.type, { textDocument: { uri }, position: pos(apache, 'use wwwfs', 5) });
  assert.match((name!.contents as MarkupContent).value, /resource\*\* `wwwfs` — fs/);
  // A service: its start order, as rgmanager runs it (fs before ip before the untyped apache).
  const service = (await client.conn.sendRequest(HoverRequest.type, { textDocument: { uri }, position: pos(apache, 'service apache', 9) }))!.contents as MarkupContent;
  const steps = [...service.value.matchAll(/\[start\] (\S+)/g)].map((m) => m[1]);
  assert.deepEqual(steps, ['service:apache', 'fs:wwwfs', 'ip:172.16.11.50/24', 'apache:www']);
  assert.ok(steps.findIndex((x) => x.startsWith('fs:')) < steps.findIndex((x) => x.startsWith('ip:')), 'fs starts before ip');
  assert.ok(steps.findIndex((x) => x.startsWith('ip:')) < steps.findIndex((x) => x.startsWith('apache:')), 'the untyped apache starts last');
  // Where it runs after each single failure: prefernode2 is ordered node2, node1, node3.
  assert.ok(service.value.includes('- node2.private.cluster11.example.com fails → runs on node1.private.cluster11.example.com (moved)'), service.value);
  assert.ok(service.value.includes('- node1.private.cluster11.example.com fails → runs on node2.private.cluster11.example.com\n'), service.value);
});

test('the start-order preview lists every service', async () => {
  const uri = fileUri('order.cluster');
  client.open(uri, apache);
  await client.diagnostics(uri, 1);
  const r = (await client.conn.sendRequest('quorate/startOrder', { textDocument: { uri } })) as { text?: string; problems: string[] };
  assert.match(r.text!, /^# service apache\n\[start\] service:apache\n {2}\[start\] fs:/);
  assert.match(r.text!, /\[stop\] service:apache/);
});

test('completion: block kinds and attributes of the agent at the cursor, enum values, names in scope', async () => {
  const uri = fileUri('complete.cluster');
  const text = apache.replace('    use web_ip\n', '    use web_ip\n    \n    recovery = \n    use \n').replace('domain = prefernode2', 'domain = ').replace('{ port = "node1" }', '{ port = "node1" }\n  device ');
  client.open(uri, text);
  await client.diagnostics(uri, 1);
  const at = async (p: { line: number; character: number }) => labels(await client.conn.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: p }) as CompletionItem[]);
  const blank = pos(text, '    use web_ip\n    \n', 19);
  const inService = await at(blank);
  for (const want of ['autostart', 'use', 'fs', 'ip']) assert.ok(inService.includes(want), `service body offers ${want}`);
  assert.ok(!inService.includes('shutdown_wait'), 'not an attribute of service');
  const recovery = await at(pos(text, 'recovery = \n', 11));
  assert.deepEqual([...recovery].sort(), [...(resourceAgent('service')!.parameters.find((p) => p.name === 'recovery')!.type as { values: string[] }).values].sort());
  assert.deepEqual((await at(pos(text, '    use \n', 8))).sort(), ['web_ip', 'www', 'wwwfs']);
  assert.deepEqual(await at(pos(text, 'domain = ', 9)), ['prefernode2']);
  assert.deepEqual(await at(pos(text, '\n  device ', 10)), ['xvm']);
  const inFs = await at(pos(text, '      fstype', 6));
  for (const want of ['fstype', 'options', 'fsid']) assert.ok(inFs.includes(want), `fs offers ${want}`);
  for (const set of ['mountpoint', 'force_unmount']) assert.ok(!inFs.includes(set), `fs sets ${set} already`);
  const members = await at(pos(text, 'node2: 1', 0));
  assert.deepEqual([...members].sort(), ['node1', 'node2', 'node3']);
});

test('definition, references and rename (refusing conflicts)', async () => {
  const uri = fileUri('nav.cluster');
  client.open(uri, apache);
  await client.diagnostics(uri, 1);
  const def = (await client.conn.sendRequest(DefinitionRequest.type, { textDocument: { uri }, position: pos(apache, 'use wwwfs', 6) })) as Location;
  assert.deepEqual(def.range, { start: pos(apache, 'fs wwwfs', 3), end: pos(apache, 'fs wwwfs', 8) });
  const domainDef = (await client.conn.sendRequest(DefinitionRequest.type, { textDocument: { uri }, position: pos(apache, 'domain = prefernode2', 10) })) as Location;
  assert.deepEqual(domainDef.range.start, pos(apache, 'failover_domain prefernode2', 16));

  const refs = await client.conn.sendRequest(ReferencesRequest.type, { textDocument: { uri }, position: pos(apache, 'node node2', 6), context: { includeDeclaration: true } });
  // Declaration + member of the domain.
  assert.equal(refs!.length, 2);
  assert.deepEqual(refs![1]!.range.start, pos(apache, 'node2: 1'));

  const prep = await client.conn.sendRequest(PrepareRenameRequest.type, { textDocument: { uri }, position: pos(apache, 'use wwwfs', 5) });
  assert.deepEqual(prep, { range: { start: pos(apache, 'use wwwfs', 4), end: pos(apache, 'use wwwfs', 9) }, placeholder: 'wwwfs' });
  const edit = (await client.conn.sendRequest(RenameRequest.type, { textDocument: { uri }, position: pos(apache, 'use wwwfs', 5), newName: 'webfs' })) as WorkspaceEdit;
  const renamed = applyEdits(apache, edit.changes![uri]!);
  assert.ok(renamed.includes('fs webfs {') && renamed.includes('use webfs') && !renamed.includes('wwwfs'));
  assert.deepEqual(compileText(renamed).diagnostics.filter((d) => d.severity === 'error'), [], 'the renamed file still compiles');

  await assert.rejects(
    client.conn.sendRequest(RenameRequest.type, { textDocument: { uri }, position: pos(apache, 'use wwwfs', 5), newName: 'www' }),
    /already declared at line 24/,
  );
  await assert.rejects(client.conn.sendRequest(RenameRequest.type, { textDocument: { uri }, position: pos(apache, 'node node1', 6), newName: 'node2' }), /already declared/);
  await assert.rejects(client.conn.sendRequest(RenameRequest.type, { textDocument: { uri }, position: pos(apache, 'use wwwfs', 5), newName: 'no good' }), /not a valid name/);
  // A node may share a name with a resource: different namespaces.
  const ok = (await client.conn.sendRequest(RenameRequest.type, { textDocument: { uri }, position: pos(apache, 'node node1', 6), newName: 'www' })) as WorkspaceEdit;
  assert.ok(ok.changes![uri]!.length >= 2);
});

test('document symbols, folding and semantic tokens', async () => {
  const uri = fileUri('outline.cluster');
  client.open(uri, apache);
  await client.diagnostics(uri, 1);
  const symbols = (await client.conn.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } })) as { name: string; children?: { name: string; children?: { name: string }[] }[] }[];
  assert.equal(symbols.length, 1);
  assert.equal(symbols[0]!.name, 'cluster11');
  const names = symbols[0]!.children!.map((c) => c.name);
  assert.deepEqual(names, ['xvm', 'node1', 'node2', 'node3', 'prefernode2', 'web_ip', 'www', 'wwwfs', 'apache']);
  assert.deepEqual(symbols[0]!.children![1]!.children!.map((c) => c.name), ['m1'], 'a node contains its fence method');

  const folds = await client.conn.sendRequest(FoldingRangeRequest.type, { textDocument: { uri } });
  assert.ok(folds!.some((f) => f.startLine === pos(apache, 'cluster cluster11').line && f.endLine === pos(apache, '\n}', 1).line - 1), 'the cluster body folds');
  assert.ok(folds!.some((f) => f.kind === 'comment' && f.startLine === 0 && f.endLine === 2), 'the header comment folds');

  const tokens = await client.conn.sendRequest(SemanticTokensRequest.type, { textDocument: { uri } });
  const data = tokens!.data;
  assert.equal(data.length % 5, 0);
  const legend = (client.init.capabilities.semanticTokensProvider as { legend: { tokenTypes: string[] } }).legend.tokenTypes;
  // Decode into absolute positions and check a few.
  const decoded: { line: number; char: number; len: number; type: string; mods: number }[] = [];
  let line = 0, char = 0;
  for (let i = 0; i < data.length; i += 5) {
    line += data[i]!;
    char = data[i]! === 0 ? char + data[i + 1]! : data[i + 1]!;
    decoded.push({ line, char, len: data[i + 2]!, type: legend[data[i + 3]!]!, mods: data[i + 4]! });
  }
  const find = (p: { line: number; character: number }) => decoded.find((t) => t.line === p.line && t.char === p.character);
  assert.equal(find({ line: 0, character: 0 })?.type, 'comment');
  assert.equal(find(pos(apache, 'cluster cluster11'))?.type, 'keyword');
  const decl = find(pos(apache, 'cluster11 {'));
  assert.equal(decl?.type, 'variable');
  assert.equal(decl?.len, 9);
  assert.equal(decl?.mods, 1, 'a declaration');
  assert.equal(find(pos(apache, 'shutdown_wait'))?.type, 'property');
  assert.equal(find(pos(apache, 'fs wwwfs'))?.type, 'type');
  assert.equal(find(pos(apache, '"/etc/httpd"'))?.type, 'string');
  assert.equal(find(pos(apache, 'relocate'))?.type, 'enumMember');
  assert.equal(find(pos(apache, 'use wwwfs', 4))?.type, 'variable');
});

test('formatting goes through the formatter', async () => {
  const uri = fileUri('format.cluster');
  const messy = 'cluster  c {\nconfig_version=1\n    node n1 = "a" { id = 1 }\n  node n2 = "b" {id=2}\n}\n';
  client.open(uri, messy);
  await client.diagnostics(uri, 1);
  const edits = await client.conn.sendRequest(DocumentFormattingRequest.type, { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } });
  const expected = (await formatText(messy)).text!;
  assert.notEqual(expected, messy);
  assert.equal(applyEdits(messy, edits!), expected);
  client.change(uri, 2, [{ text: expected }]);
  await client.diagnostics(uri, 2);
  assert.deepEqual(await client.conn.sendRequest(DocumentFormattingRequest.type, { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } }), [], 'formatted text stays');
});

test('code actions: the quick fixes diagnostics carry, and ignore-with-a-reason', async () => {
  const uri = fileUri('fix.cluster');
  const text = apache.replace('use wwwfs', 'use wwwfz');
  client.open(uri, text);
  const all = (await client.diagnostics(uri, 1)).diagnostics as Diagnostic[];
  const d = all.filter((x) => x.code === 'resource/undefined-use');
  const actions = (await client.conn.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: d[0]!.range, context: { diagnostics: d } })) as { title: string; kind: string; isPreferred?: boolean; edit: WorkspaceEdit }[];
  const fix = actions.find((a) => a.title === 'Change to wwwfs')!;
  assert.ok(fix, `actions: ${actions.map((a) => a.title).join(', ')}`);
  assert.equal(fix.kind, 'quickfix');
  assert.equal(fix.isPreferred, true);
  assert.equal(applyEdits(text, fix.edit.changes![uri]!), apache);
  // resource/undefined-use is the language's, not a rule: a quorate-ignore comment cannot silence it.
  assert.ok(!actions.some((a) => a.title.startsWith('Ignore')), `actions: ${actions.map((a) => a.title).join(', ')}`);

  // A warning the linter may suppress: after the ignore action the editor no longer shows it.
  const unused = all.find((x) => x.code === 'resource/unused')!;
  assert.ok(unused, JSON.stringify(all));
  const ua = (await client.conn.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: unused.range, context: { diagnostics: [unused] } })) as { title: string; edit: WorkspaceEdit }[];
  const ignoreUnused = ua.find((a) => a.title.startsWith('Ignore resource/unused'))!;
  const edit = ignoreUnused.edit.changes![uri]![0]!;
  assert.equal(edit.newText, '    # quorate-ignore resource/unused -- REASON: say why this is safe\n');
  client.change(uri, 2, [{ range: edit.range, text: edit.newText }]);
  const after = (await client.diagnostics(uri, 2)).diagnostics;
  assert.ok(!after.some((x) => x.code === 'resource/unused'), JSON.stringify(after));
  assert.ok(after.some((x) => x.code === 'resource/undefined-use'));

  // config_version missing: the fix adds it.
  const uri2 = fileUri('fix2.cluster');
  const noVersion = apache.replace('  config_version = 62\n', '');
  client.open(uri2, noVersion);
  const d2 = (await client.diagnostics(uri2, 1)).diagnostics.find((x) => x.code === 'config/missing-version')!;
  const a2 = (await client.conn.sendRequest(CodeActionRequest.type, { textDocument: { uri: uri2 }, range: d2.range, context: { diagnostics: [d2] } })) as { title: string; edit: WorkspaceEdit }[];
  const add = a2.find((a) => /config_version/.test(a.title))!;
  const fixed = applyEdits(noVersion, add.edit.changes![uri2]!);
  assert.ok(!compileText(fixed).diagnostics.some((x) => x.rule === 'config/missing-version'));
});

test('the compiled cluster.conf preview is what compile writes', async () => {
  const uri = fileUri('preview.cluster');
  client.open(uri, apache);
  await client.diagnostics(uri, 1);
  const r = (await client.conn.sendRequest('quorate/compiledClusterConf', { textDocument: { uri } })) as { text?: string; problems: string[] };
  assert.equal(r.text, compileText(apache).outputs[0]!.text);
  const bad = fileUri('preview-bad.cluster');
  client.open(bad, apache.replace('use wwwfs', 'use nope'));
  await client.diagnostics(bad, 1);
  const r2 = (await client.conn.sendRequest('quorate/compiledClusterConf', { textDocument: { uri: bad } })) as { text?: string; problems: string[] };
  assert.equal(r2.text, undefined);
  assert.match(r2.problems[0]!, /^37:9: resource\/undefined-use: /);
});

test('raw cluster.conf files: diagnostics and hover', async () => {
  const uri = fileUri('cluster.conf');
  const xml = '<?xml version="1.0"?>\n<cluster name="c" config_version="1">\n  <cman two_node="1" expected_votes="1" bogus="x"/>\n  <clusternodes/>\n</cluster>\n';
  client.open(uri, xml, 'xml');
  const d = (await client.diagnostics(uri, 1)).diagnostics;
  assert.ok(d.length > 0, 'the schema finding is reported');
  assert.ok(d.some((x) => x.range.start.line === 2), `a finding on the cman line: ${JSON.stringify(d)}`);
  const h = await client.conn.sendRequest(HoverRequest.type, { textDocument: { uri }, position: pos(xml, 'two_node', 2) });
  assert.match((h!.contents as MarkupContent).value, /\*\*two_node\*\*/);
  const broken = fileUri('broken.conf');
  client.open(broken, '<cluster name="c">\n  <cman\n', 'xml');
  const d2 = (await client.diagnostics(broken, 1)).diagnostics;
  assert.ok(d2.some((x) => x.code === 'xml/malformed'));
});

test('raw cluster.conf: quick fixes from the rules, and ignore comments in XML', async () => {
  const uri = fileUri('votes/cluster.conf');
  const xml = '<?xml version="1.0"?>\n<cluster name="c" config_version="1">\n  <cman expected_votes="5"/>\n  <clusternodes>\n    <clusternode name="n1" nodeid="1"/>\n    <clusternode name="n2" nodeid="2"/>\n    <clusternode name="n3" nodeid="3"/>\n  </clusternodes>\n</cluster>\n';
  client.open(uri, xml, 'xml');
  const d = (await client.diagnostics(uri, 1)).diagnostics.find((x) => x.code === 'quorum/expected-votes-mismatch')!;
  assert.ok(d);
  assert.deepEqual(d.range.start, pos(xml, '5"/>'));
  const actions = (await client.conn.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } })) as { title: string; edit: WorkspaceEdit }[];
  const set = actions.find((a) => a.title === 'Set expected_votes to 3')!;
  assert.ok(applyEdits(xml, set.edit.changes![uri]!).includes('<cman expected_votes="3"/>'));
  const ignore = actions.find((a) => a.title.startsWith('Ignore quorum/expected-votes-mismatch'))!;
  const edit = ignore.edit.changes![uri]![0]!;
  assert.equal(edit.newText, '  <!-- quorate-ignore quorum/expected-votes-mismatch: REASON: say why this is safe -->\n');
  client.change(uri, 2, [{ range: edit.range, text: edit.newText }]);
  assert.ok(!(await client.diagnostics(uri, 2)).diagnostics.some((x) => x.code === 'quorum/expected-votes-mismatch'));
});

test('severity overrides from the settings', async () => {
  const c = await startClient({ initializationOptions: { severity: { 'resource/undefined-use': 'warning', 'config/missing-version': 'off' } } });
  try {
    const uri = fileUri('sev.cluster');
    c.open(uri, apache.replace('use wwwfs', 'use wwwfz').replace('  config_version = 62\n', ''));
    const d = (await c.diagnostics(uri, 1)).diagnostics;
    assert.deepEqual(d.filter((x) => x.code !== 'resource/unused').map((x) => [x.code, x.severity]), [['resource/undefined-use', 2]]);
  } finally {
    assert.equal(await c.close(), 0);
  }
});
