// File-system helpers shared by the commands: reading inputs, atomic writes, the secret host.

import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
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

/** Writes beside the target and renames over it, so readers see the old file or the new one. */
export function writeAtomically(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    writeFileSync(tmp, text);
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}
