// fence_virt.conf documents over stdio: the server decides their kind as `quorate lint` does (by
// name, or by their blocks) and publishes fence_virtd's own diagnostics, not .cluster errors.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { HoverRequest } from 'vscode-languageserver-protocol/node';
import { analyzeFenceVirtConf } from '../../compiler/api.ts';
import { repoRoot } from '../helpers.ts';
import { fileUri, startClient, type TestClient } from './client.ts';

const bad = readFileSync(`${repoRoot}/test/fixtures/rules/fence-virt/duplicate-key/bad.fence_virt.conf`, 'utf8');
let client: TestClient;

before(async () => {
  client = await startClient();
});

after(async () => {
  await client.close();
});

test('a fence_virt.conf gets the diagnostics fence_virtd would give, at their positions', async () => {
  const expected = analyzeFenceVirtConf(bad).diagnostics;
  assert.ok(expected.some((d) => d.rule === 'fence-virt/duplicate-key'), 'the fixture has a finding to publish');
  for (const name of ['host/fence_virt.conf', 'host/lab.fence_virt.conf']) {
    const uri = fileUri(name);
    client.open(uri, bad, 'plaintext');
    const published = (await client.diagnostics(uri, 1)).diagnostics;
    assert.deepEqual(published.map((d) => d.code), expected.map((d) => d.rule), name);
    const first = expected[0]!;
    const line = bad.slice(0, first.span.start).split('\n').length - 1;
    assert.equal(published[0]!.range.start.line, line);
  }
});

test('a fence_virt.conf recognised by its blocks, under another name; other features answer without failing', async () => {
  const uri = fileUri('host/virt.conf');
  const broken = bad.replace('port = "1230";', 'port = "1230"');
  client.open(uri, broken, 'plaintext');
  const published = (await client.diagnostics(uri, 1)).diagnostics;
  assert.deepEqual(published.map((d) => d.code), analyzeFenceVirtConf(broken).diagnostics.map((d) => d.rule));
  assert.ok(published.some((d) => d.code === 'fence-virt/syntax-error'));
  const h = await client.conn.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 2, character: 3 } });
  assert.equal(h, null);
  assert.deepEqual(client.errors, []);
});
