// examples/deploy/quorate-deploy, run for real with stand-ins for ssh/scp/cman_tool that act on a
// folder playing the node: a refused plan copies nothing, a safe one is copied and activated.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cliPath, repoRoot, runCli, tempDir } from '../helpers.ts';

const wrapper = join(repoRoot, 'examples', 'deploy', 'quorate-deploy');
const lab = readFileSync(join(repoRoot, 'examples', 'cluster11-lab.cluster'), 'utf8');

function world() {
  const dir = tempDir('quorate-deploy-');
  const node = join(dir, 'node');
  const bin = join(dir, 'bin');
  mkdirSync(join(node, 'etc', 'cluster'), { recursive: true });
  mkdirSync(bin);
  const compiled = tempDir();
  assert.equal(runCli(['compile', join(repoRoot, 'examples', 'cluster11-lab.cluster'), '-o', compiled]).status, 0);
  writeFileSync(join(node, 'etc', 'cluster', 'cluster.conf'), readFileSync(join(compiled, 'cluster.conf')));
  // ssh root@host CMD… runs CMD with /etc/cluster pointing into the node folder.
  writeFileSync(join(bin, 'ssh'), `#!/bin/sh\nshift\ncmd=$(printf '%s ' "$@" | sed "s#/etc/cluster#${node}/etc/cluster#g")\nPATH="${bin}:$PATH" sh -c "$cmd"\n`);
  writeFileSync(join(bin, 'scp'), `#!/bin/sh\ndst=$(printf '%s' "$2" | sed "s#^[^:]*:##; s#/etc/cluster#${node}/etc/cluster#")\ncp "$1" "$dst"\n`);
  writeFileSync(join(bin, 'cman_tool'), `#!/bin/sh\necho "$@" >> ${join(dir, 'cman_tool.log')}\n`);
  writeFileSync(join(bin, 'quorate'), `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(cliPath)} "$@"\n`);
  for (const f of ['ssh', 'scp', 'cman_tool', 'quorate']) chmodSync(join(bin, f), 0o755);
  return { dir, node, bin };
}

function deploy(w: ReturnType<typeof world>, source: string) {
  const src = join(w.dir, 'site.cluster');
  writeFileSync(src, source);
  const r = spawnSync('sh', [wrapper, src, 'node1', '--yes'], { encoding: 'utf8', env: { ...process.env, PATH: `${w.bin}:${process.env.PATH}` } });
  return { status: r.status, out: r.stdout + r.stderr };
}

test('deploy wrapper: a safe change is copied to the node and activated with cman_tool version -r', () => {
  const w = world();
  const r = deploy(w, lab.replace('config_version = 126', 'config_version = 127').replace('token = 10s', 'token = 12s'));
  assert.equal(r.status, 0, r.out);
  assert.match(r.out, /Safe to deploy/);
  assert.match(readFileSync(join(w.node, 'etc', 'cluster', 'cluster.conf'), 'utf8'), /config_version="127"/);
  assert.equal(readFileSync(join(w.dir, 'cman_tool.log'), 'utf8'), 'version -r\n');
});

test('deploy wrapper: an unbumped change is refused and nothing is copied', () => {
  const w = world();
  const before = readFileSync(join(w.node, 'etc', 'cluster', 'cluster.conf'), 'utf8');
  const r = deploy(w, lab.replace('token = 10s', 'token = 12s'));
  assert.equal(r.status, 1, r.out);
  assert.match(r.out, /refused/);
  assert.equal(readFileSync(join(w.node, 'etc', 'cluster', 'cluster.conf'), 'utf8'), before);
  assert.equal(existsSync(join(w.dir, 'cman_tool.log')), false);
});

test('deploy wrapper: nothing to deploy when the source matches', () => {
  const w = world();
  const r = deploy(w, lab);
  assert.equal(r.status, 0, r.out);
  assert.match(r.out, /nothing to deploy/);
  assert.equal(existsSync(join(w.dir, 'cman_tool.log')), false);
});
