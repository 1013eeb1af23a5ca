// The language server under a real editor: headless Neovim (Debian's `neovim`) driven by
// ../shared/tools/nvim-lsp-probe starts `quorate lsp --stdio`, opens a .cluster file with a
// mistake and reports what it saw: the pushed diagnostics, a hover and a completion list.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { catalogue } from '../../compiler/catalogue/index.ts';
import { cliPath, repoRoot, requireShared, requireTool, tempDir } from '../helpers.ts';

test('Neovim sees the diagnostic, the hover docs and completions', (t) => {
  const shared = requireShared(t);
  if (!shared || !requireTool(t, 'nvim', 'neovim')) return;
  const dir = tempDir('quorate-nvim-');
  const file = join(dir, 'apache.cluster');
  const text = readFileSync(join(repoRoot, 'examples/apache.cluster'), 'utf8').replace('use wwwfs', 'use wwwfz');
  writeFileSync(file, text);
  const lines = text.split('\n');
  const typoLine = lines.findIndex((l) => l.includes('use wwwfz'));
  const hoverLine = lines.findIndex((l) => l.includes('shutdown_wait'));
  const r = spawnSync(join(shared, 'tools/nvim-lsp-probe'), [
    '--server', `${process.execPath} ${cliPath} lsp --stdio`,
    '--file', file, '--filetype', 'quorate',
    '--hover', `${hoverLine + 1}:${lines[hoverLine]!.indexOf('shutdown_wait') + 3}`,
    '--complete', `${typoLine + 1}:5`,
    '--timeout', '30',
  ], { encoding: 'utf8' });
  assert.equal(r.status, 0, `probe failed: ${r.stderr}\n${r.stdout}`);
  const out = JSON.parse(r.stdout);
  assert.equal(out.ok, true);
  assert.equal(out.diagnostics_source, 'push');
  const d = out.diagnostics.find((x: { code: string }) => x.code === 'resource/undefined-use');
  assert.ok(d, JSON.stringify(out.diagnostics));
  assert.equal(d.lnum, typoLine);
  assert.equal(d.col, lines[typoLine]!.indexOf('wwwfz'));
  assert.equal(d.severity, 1);
  const doc = catalogue.resourceAgents.apache!.parameters.find((p) => p.name === 'shutdown_wait')!.doc;
  assert.ok(out.hover.text.includes('**shutdown_wait**') && out.hover.text.includes(doc), out.hover.text);
  const labels = out.completion.map((c: { label: string }) => c.label);
  for (const want of ['autostart', 'use', 'fs']) assert.ok(labels.includes(want), labels.join(' '));
});
