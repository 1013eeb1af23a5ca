// The CI recipes in docs/ci.md stay true: every `npx quorate …` line in them (GitHub `run:`,
// GitLab `script:`, plain shell) is run against the lab example and must succeed.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { cliPath, repoRoot, runCli, tempDir } from '../helpers.ts';

const doc = readFileSync(join(repoRoot, 'docs', 'ci.md'), 'utf8');

function recipes(): { block: string; lines: string[] }[] {
  const out = [];
  for (const m of doc.matchAll(/^## (.+)\n[\s\S]*?```(?:yaml|sh)\n([\s\S]*?)```/gm)) {
    const lines = m[2]
      .split('\n')
      .map((l) => l.replace(/^\s*(- run: |- )/, '').trim())
      .filter((l) => l.startsWith('npx quorate '));
    out.push({ block: m[1], lines });
  }
  return out;
}

function workspace(): string {
  const dir = tempDir('quorate-ci-');
  mkdirSync(join(dir, 'cluster'));
  mkdirSync(join(dir, 'deployed'));
  copyFileSync(join(repoRoot, 'examples', 'cluster11-lab.cluster'), join(dir, 'cluster', 'site.cluster'));
  assert.equal(runCli(['compile', join(repoRoot, 'examples', 'cluster11-lab.cluster'), '-o', join(dir, 'deployed')]).status, 0);
  return dir;
}

const all = recipes();

test('docs/ci.md has the three recipes, each running quorate', () => {
  assert.deepEqual(all.map((r) => r.block), ['GitHub Actions', 'GitLab CI', 'Plain shell']);
  for (const r of all) assert.ok(r.lines.length >= 3, `${r.block}: ${r.lines.length} commands`);
});

for (const r of all) {
  test(`docs/ci.md ${r.block}: every quorate command succeeds`, () => {
    const dir = workspace();
    for (const line of r.lines) {
      const cmd = line.replaceAll('npx quorate', `${JSON.stringify(process.execPath)} ${JSON.stringify(cliPath)}`);
      const res = spawnSync('sh', ['-c', `set -e; ${cmd}`], { cwd: dir, encoding: 'utf8', env: { ...process.env, GITHUB_STEP_SUMMARY: join(dir, 'summary.md') } });
      assert.equal(res.status, 0, `${line}\n${res.stdout}${res.stderr}`);
    }
    if (r.block === 'GitHub Actions') {
      const sarif = JSON.parse(readFileSync(join(dir, 'quorate.sarif'), 'utf8'));
      assert.equal(sarif.version, '2.1.0');
      assert.ok(existsSync(join(dir, 'build', 'cluster.conf')));
    }
    if (r.block === 'GitLab CI') {
      const report = JSON.parse(readFileSync(join(dir, 'gl-code-quality-report.json'), 'utf8'));
      assert.ok(Array.isArray(report));
    }
  });
}

test('the GitLab report carries each finding with a stable fingerprint', () => {
  const dir = workspace();
  const src = join(dir, 'cluster', 'two.cluster');
  copyFileSync(join(repoRoot, 'examples', 'two-node.cluster'), src);
  const a = runCli(['lint', src, '--format', 'gitlab']);
  const b = runCli(['lint', src, '--format', 'gitlab']);
  const report = JSON.parse(a.stdout) as { check_name: string; severity: string; fingerprint: string; location: { path: string; lines: { begin: number } } }[];
  assert.ok(report.length > 0);
  const unfenced = report.find((f) => f.check_name === 'fence/node-without-fencing');
  assert.ok(unfenced, 'the lab file has nodes without fencing');
  assert.equal(unfenced.severity, 'minor');
  assert.equal(unfenced.location.path, src);
  assert.equal(a.stdout, b.stdout);
});
