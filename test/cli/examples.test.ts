// Every example compiles (the CLI as a process), matches its checked-in golden cluster.conf byte
// for byte, and validates against the real RHEL 6 schema with the real xmllint.
// UPDATE_GOLDENS=1 rewrites the goldens (review the diff!).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expectGolden, repoRoot, requireShared, requireTool, runCli, tempDir } from '../helpers.ts';

const examplesDir = join(repoRoot, 'examples');
const goldenDir = join(repoRoot, 'test', 'golden', 'examples');
const examples = readdirSync(examplesDir).filter((f) => f.endsWith('.cluster')).sort();
/** Fixed stand-ins for the secrets the examples read from the environment. */
const secretsEnv = { IPMI_PASS: 'example-ipmi-password' };

function compileExample(name: string): string {
  const out = tempDir();
  const r = runCli(['compile', join(examplesDir, name), '-o', out], { env: secretsEnv });
  assert.equal(r.status, 0, `${name} must compile:\n${r.stderr}`);
  assert.doesNotMatch(r.stderr, /error/, `${name} compiles without errors`);
  return join(out, 'cluster.conf');
}

test('there is an example for every handout lab plus a larger one', () => {
  for (const name of ['two-node', 'vm-fencing', 'apache', 'samba', 'nfs', 'apache-noncritical-ip', 'qdisk', 'gfs2', 'cluster11-lab', 'datacenter']) {
    assert.ok(examples.includes(`${name}.cluster`), `examples/${name}.cluster`);
  }
});

for (const name of examples) {
  const base = name.replace(/\.cluster$/, '');
  test(`example ${name}: compiles to its golden cluster.conf`, () => {
    const text = readFileSync(compileExample(name), 'utf8');
    expectGolden(join(goldenDir, `${base}.cluster.conf`), text);
  });

  test(`example ${name}: validates against the RHEL 6 schema (xmllint --relaxng)`, (t) => {
    const shared = requireShared(t);
    if (!shared || !requireTool(t, 'xmllint', 'libxml2-utils')) return;
    const conf = compileExample(name);
    const r = spawnSync('xmllint', ['--noout', '--relaxng', join(shared, 'reference', 'cluster.rng'), conf], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stderr, /validates/);
  });
}

test('the schema check can fail: a broken cluster.conf is rejected by the same command', (t) => {
  const shared = requireShared(t);
  if (!shared || !requireTool(t, 'xmllint', 'libxml2-utils')) return;
  const bad = join(tempDir(), 'cluster.conf');
  writeFileSync(bad, '<?xml version="1.0"?>\n<cluster config_version="1" name="c"><clusternodes><clusternode name="a"/></clusternodes></cluster>\n');
  const r = spawnSync('xmllint', ['--noout', '--relaxng', join(shared, 'reference', 'cluster.rng'), bad], { encoding: 'utf8' });
  assert.notEqual(r.status, 0);
});
