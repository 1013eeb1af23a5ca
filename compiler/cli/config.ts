// `.quorate.json`: per-rule severities and a warning budget, found next to the checked file or
// in the nearest parent folder. Shared by `lint` and the git hook.

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { Ajv } from 'ajv';
import type { Severity } from '../diagnostics.ts';
import { UsageError } from './command.ts';
import configSchema from './schemas/quorate-config.schema.json' with { type: 'json' };

export interface LintConfig {
  rules?: Record<string, Severity | 'off'>;
  maxWarnings?: number;
}

/** `.quorate.json` in the file's folder or the nearest parent that has one. */
export function findConfig(file: string): string | undefined {
  let dir = resolve(file === '-' ? '.' : dirname(file));
  for (;;) {
    const p = join(dir, '.quorate.json');
    if (existsSync(p)) return p;
    const up = dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
}

export function loadConfig(path: string): LintConfig {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new UsageError(`cannot read ${path}: ${(e as Error).message}`);
  }
  const ajv = new Ajv({ allErrors: true });
  const validate = ajv.compile(configSchema);
  if (!validate(data)) throw new UsageError(`${path} is not a valid .quorate.json: ${validate.errors!.map((e) => `${e.instancePath || '/'} ${e.message}`).join('; ')}`);
  return data as LintConfig;
}

