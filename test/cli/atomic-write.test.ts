// compiler/cli/io.ts writeAtomically: a process killed outright mid-write leaves a temp file it
// cannot remove; the next write removes it, and the target is never seen half-written.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot, runCli, tempDir } from '../helpers.ts';

const ioModule = join(repoRoot, 'compiler', 'cli', 'io.ts');
const tempFiles = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.tmp'));

/** A pid that ran and no longer does: a child that has exited. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '0']);
  await new Promise((done) => child.on('exit', done));
  return child.pid!;
}

test('a temp file left by a process that is gone is removed by the next compile; one of a live process is kept', async () => {
  const dir = tempDir();
  const stale = `.cluster.conf.${await deadPid()}.tmp`;
  const live = `.cluster.conf.${process.pid}.tmp`; // this test process runs: not ours to remove
  const otherName = `.other.conf.${await deadPid()}.tmp`; // another target's temp file is left alone
  for (const f of [stale, live, otherName]) writeFileSync(join(dir, f), '<cluster partial');
  const r = runCli(['compile', join(repoRoot, 'examples', 'two-node.cluster'), '-o', dir]);
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(tempFiles(dir).sort(), [live, otherName].sort());
  assert.match(readFileSync(join(dir, 'cluster.conf'), 'utf8'), /^<\?xml[\s\S]*<\/cluster>\n$/);
});

test('SIGKILL during a large write never leaves a partial target, and the next compile removes the temp file', async () => {
  const dir = tempDir();
  const target = join(dir, 'cluster.conf');
  // Each write is complete and recognisable: a header line, a large body, a closing line.
  const writer = `
    import { writeAtomically } from ${JSON.stringify(ioModule)};
    const body = 'x'.repeat(32 * 1024 * 1024);
    for (let i = 0; ; i++) writeAtomically(${JSON.stringify(target)}, '<cluster n="' + i + '">' + body + '</cluster>\\n');
  `;
  let killedMidWrite = false;
  for (let attempt = 0; attempt < 5 && !killedMidWrite; attempt++) {
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', writer], { cwd: repoRoot, stdio: 'ignore' });
    const exited = new Promise((done) => child.on('exit', done));
    // Wait for a temp file after the first complete write, then kill without warning.
    await new Promise<void>((done) => {
      const poll = setInterval(() => {
        if (child.exitCode !== null) {
          clearInterval(poll);
          done();
        } else if (existsSync(target) && tempFiles(dir).length > 0) {
          clearInterval(poll);
          child.kill('SIGKILL');
          killedMidWrite = true;
          done();
        }
      }, 1);
    });
    await exited;
    if (killedMidWrite) killedMidWrite = tempFiles(dir).length > 0; // it may have renamed just before the kill
  }
  assert.ok(killedMidWrite, 'the writer was killed with its temp file in place');
  const text = readFileSync(target, 'utf8');
  assert.match(text.slice(0, 30), /^<cluster n="\d+">x/);
  assert.ok(text.endsWith('</cluster>\n'), 'the target is a complete write');
  const r = runCli(['compile', join(repoRoot, 'examples', 'two-node.cluster'), '-o', dir]);
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(tempFiles(dir), []);
});
