// The package as users get it: `npm pack` of this checkout, installed globally into an empty
// prefix without the network, then run from outside the repository. It must need nothing of the
// repository's layout nor any installed dependency: the bundles in dist/ carry everything, and
// find each other next to the launcher.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot, runCli, tempDir } from '../helpers.ts';
import { fileUri, startClient } from '../lsp/client.ts';

const work = tempDir('quorate-npm-package-');
const prefix = join(work, 'prefix');
const installedBin = join(prefix, 'bin', 'quorate');
const lab = join(repoRoot, 'examples/cluster11-lab.cluster');
// Its own code cache, so the installed copy makes and reads caches as on a user's machine.
process.env.QUORATE_CACHE_DIR = join(work, 'cache');

function npm(args: string[], cwd: string): string {
  // --ignore-scripts: the package is packed from the dist/ this test run was built with (the
  // `prepare` script would rebuild it under the other tests' feet).
  const r = spawnSync('npm', [...args, '--ignore-scripts', '--no-audit', '--no-fund'], { cwd, encoding: 'utf8' });
  assert.equal(r.status, 0, `npm ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

function runInstalled(args: string[], cwd: string, input?: string) {
  return spawnSync(installedBin, args, { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, ...(input !== undefined ? { input } : {}) });
}

let packedFiles: string[] = [];

before(() => {
  const packed = JSON.parse(npm(['pack', '--json', '--pack-destination', work], repoRoot)) as { filename: string; files: { path: string }[] }[];
  packedFiles = packed[0]!.files.map((f) => f.path).sort();
  npm(['install', '-g', '--offline', '--prefix', prefix, join(work, packed[0]!.filename)], work);
});

after(() => rmSync(work, { recursive: true, force: true }));

test('the packed package holds the launcher and its bundles, and no sources', () => {
  for (const file of ['dist/quorate.cjs', 'dist/cli.cjs', 'dist/lsp.cjs', 'dist/prettier.cjs', 'dist/prettier-plugin-quorate.cjs', 'package.json']) {
    assert.ok(packedFiles.includes(file), `${file} is packed (packed: ${packedFiles.join(', ')})`);
  }
  assert.deepEqual(packedFiles.filter((f) => /\.ts$|^(compiler|lsp|grammar|test|scripts)\//.test(f)), []);
  const installed = join(prefix, 'lib', 'node_modules', 'quorate');
  assert.ok(existsSync(join(installed, 'dist', 'cli.cjs')));
  assert.ok(!existsSync(join(installed, 'node_modules')), 'nothing was installed beside it: it has no runtime dependencies');
});

test('the installed quorate lints and checks from outside the repository, byte for byte like dist/', () => {
  const dir = tempDir('quorate-npm-run-');
  copyFileSync(lab, join(dir, 'lab.cluster'));
  for (const args of [['lint', 'lab.cluster'], ['lint', 'lab.cluster', '--format', 'json'], ['check', 'lab.cluster'], ['--version']]) {
    const want = runCli(args, { cwd: dir });
    // Twice: once making the code cache, once reading it.
    for (let i = 0; i < 2; i++) {
      const got = runInstalled(args, dir);
      assert.deepEqual({ status: got.status, stdout: got.stdout, stderr: got.stderr }, want, `quorate ${args.join(' ')}`);
    }
  }
  assert.ok(readdirSync(process.env.QUORATE_CACHE_DIR!).some((f) => f.startsWith('cli-')), 'a code cache was written');
});

test('the installed quorate formats (prettier loaded on demand from its own dist/)', () => {
  const dir = tempDir('quorate-npm-fmt-');
  copyFileSync(lab, join(dir, 'lab.cluster'));
  const check = runInstalled(['fmt', '--check', 'lab.cluster'], dir);
  assert.equal(check.status, 0, check.stderr);
  assert.equal(check.stdout, '');
  const unformatted = 'cluster c {config_version=1\n\n\n  totem{token=10s}   # why\n  node n1 = "x" {\n  id = 1 }\n}\n';
  const printed = runInstalled(['fmt', '-'], dir, unformatted);
  assert.equal(printed.status, 0, printed.stderr);
  assert.equal(printed.stdout, runCli(['fmt', '-'], { input: unformatted }).stdout);
  assert.equal(printed.stdout, 'cluster c {\n  config_version = 1\n\n  totem { token = 10s } # why\n  node n1 = "x" {\n    id = 1\n  }\n}\n');
});

test('the installed quorate lsp --stdio answers the initialize handshake and publishes diagnostics', async () => {
  const client = await startClient({ args: [installedBin, 'lsp', '--stdio'] });
  try {
    assert.equal(client.init.serverInfo?.name, 'quorate');
    assert.ok(client.init.capabilities.hoverProvider, 'the server announces its features');
    const uri = fileUri('npm-package.cluster');
    client.open(uri, readFileSync(lab, 'utf8').replace('config_version = 126', 'config_version = "x"'));
    const published = await client.diagnostics(uri);
    assert.ok(published.diagnostics.length > 0, 'a wrong config_version is reported');
  } finally {
    assert.equal(await client.close(), 0, client.stderr());
  }
});
