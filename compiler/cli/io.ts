// File-system helpers shared by the commands: reading inputs, atomic writes, the secret host.

import { closeSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { SecretHost } from '../api.ts';

export const nodeSecrets: SecretHost = {
  env: (name) => process.env[name],
  readFile: (path) => {
    try {
      return readFileSync(path, 'utf8');
    } catch {
      return undefined;
    }
  },
};

/** Reads a file (or stdin for "-"); on failure prints `quorate: cannot read …` and returns undefined. */
export function readInput(file: string): Uint8Array | undefined {
  try {
    return file === '-' ? readFileSync(0) : readFileSync(file);
  } catch (e) {
    process.stderr.write(`quorate: cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`);
    return undefined;
  }
}

/**
 * Writes beside the target and renames over it, so readers see the old file or the new one, also
 * after a crash: the temp file is fsynced before the rename and the directory after it. The temp
 * file is `.<name>.<pid>.tmp` in the target's directory (a rename does not cross file systems).
 * It is removed on every error path; a process killed outright (SIGKILL, power loss) cannot
 * remove it, so every write first removes the temp files of this naming pattern, for the same
 * target, whose process is gone. (Node has no O_TMPFILE + linkat, which would leave nothing.)
 */
export function writeAtomically(path: string, text: string): void {
  const dir = dirname(path);
  mkdirSync(dir, { recursive: true });
  removeStaleTempFiles(dir, basename(path));
  const tmp = join(dir, tempName(basename(path), process.pid));
  let fd: number | undefined;
  try {
    fd = openSync(tmp, 'w');
    const bytes = Buffer.from(text, 'utf8');
    for (let written = 0; written < bytes.length; ) written += writeSync(fd, bytes, written, bytes.length - written);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(tmp, path);
  } catch (e) {
    if (fd !== undefined) closeSync(fd);
    rmSync(tmp, { force: true });
    throw e;
  }
  syncDirectory(dir);
}

const tempName = (name: string, pid: number) => `.${name}.${pid}.tmp`;

/** Removes `.<name>.<pid>.tmp` files in dir left by a process that no longer runs. */
function removeStaleTempFiles(dir: string, name: string): void {
  const prefix = `.${name}.`;
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return;
  }
  for (const entry of entries) {
    if (!entry.startsWith(prefix) || !entry.endsWith('.tmp')) continue;
    const pidText = entry.slice(prefix.length, -'.tmp'.length);
    if (!/^[1-9][0-9]*$/.test(pidText)) continue;
    const pid = Number(pidText);
    if (pid === process.pid || processIsAlive(pid)) continue;
    rmSync(join(dir, entry), { force: true });
  }
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it runs, as another user.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Makes the rename durable; a file system that cannot sync a directory only loses that guarantee. */
function syncDirectory(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // Some file systems (and platforms) refuse to open or fsync a directory.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
