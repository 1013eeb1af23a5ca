// The CLI as a user runs it: help, exit codes, output formats, atomic writes.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot, runCli, STACK_TRACE, tempDir } from '../helpers.ts';

const lab = join(repoRoot, 'examples', 'cluster11-lab.cluster');

test('--help teaches every command', () => {
  const r = runCli(['--help']);
  assert.equal(r.status, 0);
  for (const cmd of ['compile', 'check', 'help']) assert.match(r.stdout, new RegExp(`^  ${cmd}\\b`, 'm'));
  assert.match(r.stdout, /Exit codes/);
  for (const cmd of ['compile', 'check']) {
    const h = runCli(['help', cmd]);
    assert.equal(h.status, 0);
    assert.match(h.stdout, new RegExp(`Usage: quorate ${cmd}`));
    assert.match(h.stdout, /Example/);
  }
});

test('no command, an unknown command or an unknown option is a usage error (exit 2)', () => {
  assert.equal(runCli([]).status, 2);
  const unknown = runCli(['frobnicate']);
  assert.equal(unknown.status, 2);
  assert.match(unknown.stderr, /unknown command 'frobnicate'/);
  const opt = runCli(['compile', lab, '--bogus']);
  assert.equal(opt.status, 2);
  assert.match(opt.stderr, /unknown option '--bogus'/i);
  const fmt = runCli(['check', lab, '--format', 'xml']);
  assert.equal(fmt.status, 2);
});

test('a missing input file is an I/O problem (exit 2), not a crash', () => {
  const r = runCli(['compile', 'no/such/file.cluster', '-o', tempDir()]);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /cannot read no\/such\/file\.cluster: ENOENT/);
  assert.doesNotMatch(r.stderr, STACK_TRACE);
});

test('compile writes DIR/cluster.conf and says so; the same input gives the same bytes', () => {
  const a = tempDir();
  const b = tempDir();
  const r1 = runCli(['compile', lab, '-o', a]);
  assert.equal(r1.status, 0, r1.stderr);
  assert.match(r1.stdout, /wrote .*cluster\.conf/);
  assert.equal(runCli(['compile', lab, '-o', b]).status, 0);
  assert.equal(readFileSync(join(a, 'cluster.conf'), 'utf8'), readFileSync(join(b, 'cluster.conf'), 'utf8'));
});

test('a failed compile leaves an existing cluster.conf untouched and no temporary files', () => {
  const out = tempDir();
  writeFileSync(join(out, 'cluster.conf'), 'previous\n');
  const bad = join(tempDir(), 'bad.cluster');
  writeFileSync(bad, 'cluster c { config_version = 1\n node n1 { id = one } }\n');
  const r = runCli(['compile', bad, '-o', out]);
  assert.equal(r.status, 1);
  assert.equal(readFileSync(join(out, 'cluster.conf'), 'utf8'), 'previous\n');
  assert.deepEqual(readdirSync(out), ['cluster.conf']);
});

test('a successful compile replaces an existing cluster.conf', () => {
  const out = tempDir();
  writeFileSync(join(out, 'cluster.conf'), 'previous\n');
  assert.equal(runCli(['compile', lab, '-o', out]).status, 0);
  assert.match(readFileSync(join(out, 'cluster.conf'), 'utf8'), /^<\?xml version="1.0"\?>\n<cluster config_version="126" name="cluster11">/);
  // No temporary file is left behind; the lab's fence_virtd block also gives fence_virt.conf.
  assert.deepEqual(readdirSync(out).sort(), ['cluster.conf', 'fence_virt.conf']);
});

test('text diagnostics look like a compiler\'s: file:line:col, the source line and a caret', () => {
  const bad = join(tempDir(), 'typo.cluster');
  writeFileSync(bad, 'cluster c {\n  config_version = 1\n  totem { tokn = 10s }\n}\n');
  const r = runCli(['check', bad]);
  assert.equal(r.status, 1);
  const lines = r.stdout.split('\n');
  assert.equal(lines[0], `${bad}:3:11: error config/unknown-attribute: \`tokn\` is not an attribute of \`totem\`; did you mean \`token\`?`);
  assert.equal(lines[1], '     3 |   totem { tokn = 10s }');
  assert.equal(lines[2], '       |           ^~~~');
  assert.match(r.stdout, /1 error, 0 warnings/);
});

test('JSON diagnostics carry rule, severity, message, file and a 1-based range', () => {
  const bad = join(tempDir(), 'typo.cluster');
  writeFileSync(bad, 'cluster c {\n  config_version = 1\n  totem { tokn = 10s }\n}\n');
  const r = runCli(['check', bad, '--format', 'json']);
  assert.equal(r.status, 1);
  const json = JSON.parse(r.stdout);
  assert.deepEqual(Object.keys(json), ['diagnostics']);
  const d = json.diagnostics[0];
  assert.equal(d.rule, 'config/unknown-attribute');
  assert.equal(d.severity, 'error');
  assert.equal(d.file, bad);
  assert.deepEqual(d.range, { start: { line: 3, column: 11 }, end: { line: 3, column: 15 } });
  assert.equal(d.fixes[0].edits[0].newText, 'token');
});

test('check exits 0 on a clean file and writes nothing', () => {
  const cwd = tempDir();
  const r = runCli(['check', lab], { cwd });
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assert.equal(existsSync(join(cwd, 'cluster.conf')), false);
});

test('secrets come from the environment at compile time, never from the source', () => {
  const out = tempDir();
  const dc = join(repoRoot, 'examples', 'datacenter.cluster');
  const missing = runCli(['compile', dc, '-o', out], { env: { IPMI_PASS: undefined } });
  assert.equal(missing.status, 1);
  assert.match(missing.stderr, /secret\/env-unset: environment variable IPMI_PASS is not set/);
  const ok = runCli(['compile', dc, '-o', out], { env: { IPMI_PASS: 's3cret' } });
  assert.equal(ok.status, 0, ok.stderr);
  assert.match(readFileSync(join(out, 'cluster.conf'), 'utf8'), /passwd="s3cret"/);
  const fromFile = join(tempDir(), 'ipmi.pass');
  writeFileSync(fromFile, 'filepass\n');
  const src = join(tempDir(), 'f.cluster');
  writeFileSync(src, `cluster c { config_version = 1\n fence_device i : fence_ipmilan { ipaddr = "10.0.0.1"; login = "a"; passwd = file("${fromFile}") }\n node n1 { id = 1; fence { method m { device i { } } } }\n node n2 { id = 2; fence { method m { device i { } } } } }\n`);
  const r = runCli(['compile', src, '-o', out]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(readFileSync(join(out, 'cluster.conf'), 'utf8'), /passwd="filepass"/);
});

test('an inline password is a warning, not an error', () => {
  const src = join(tempDir(), 'inline.cluster');
  writeFileSync(src, 'cluster c { config_version = 1\n fence_device i : fence_ipmilan { ipaddr = "10.0.0.1"; login = "a"; passwd = "hunter2" }\n node n1 { id = 1 }\n node n2 { id = 2 } }\n');
  const r = runCli(['check', src]);
  assert.equal(r.status, 0);
  assert.match(r.stdout, /warning secret\/inline/);
});

test('a reader that closes the pipe early (| head) gets no stack trace', async () => {
  const { spawnSync } = await import('node:child_process');
  const { cliPath } = await import('../helpers.ts');
  const big = join(tempDir(), 'many.cluster');
  // Many findings, so the output overflows the pipe buffer after head has gone.
  writeFileSync(big, 'cluster c {\n  config_version = 1\n' + Array.from({ length: 3000 }, (_, i) => `  totem${i} { }\n`).join('') + '}\n');
  const r = spawnSync('sh', ['-c', `${JSON.stringify(process.execPath)} ${JSON.stringify(cliPath)} check ${JSON.stringify(big)} | head -1`], { encoding: 'utf8' });
  assert.equal(r.stdout.split('\n').length, 2);
  assert.doesNotMatch(r.stderr, STACK_TRACE);
  assert.doesNotMatch(r.stderr, /EPIPE/);
});
