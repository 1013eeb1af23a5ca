// `quorate lsp`: the command line around the server.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli, STACK_TRACE } from '../helpers.ts';

test('quorate lsp needs --stdio (usage error, exit 2)', () => {
  const r = runCli(['lsp']);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /lsp needs --stdio/);
  assert.doesNotMatch(r.stderr, STACK_TRACE);
  const extra = runCli(['lsp', '--stdio', 'file.cluster']);
  assert.equal(extra.status, 2);
});

test('quorate help lsp explains it, with an example', () => {
  const r = runCli(['help', 'lsp']);
  assert.equal(r.status, 0);
  assert.match(r.stdout, /^Usage: quorate lsp --stdio/);
  assert.match(r.stdout, /vim\.lsp\.start/);
  assert.match(runCli(['--help']).stdout, /lsp --stdio/);
});

test('a client that goes away without shutdown ends the server (exit 1, no stack trace)', () => {
  const r = runCli(['lsp', '--stdio'], { input: '' });
  assert.equal(r.status, 1);
  assert.doesNotMatch(r.stderr, STACK_TRACE);
});
