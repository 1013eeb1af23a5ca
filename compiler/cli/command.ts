// What every `quorate` subcommand provides. Each command lives in its own file under
// commands/ and is listed in commands/index.ts; main.ts only dispatches.

import { parseArgs, type ParseArgsConfig } from 'node:util';

export interface Command {
  name: string;
  /** One line for `quorate --help`: the usage synopsis and what it does. */
  synopsis: string;
  summary: string;
  /** The full text of `quorate help NAME`: usage, what it does, options, an example. */
  help: string;
  options: NonNullable<ParseArgsConfig['options']>;
  /** Exit code for usage errors when 2 means something else for this command (plan: 3). */
  usageExitCode?: number;
  /** Returns the exit code. Throw UsageError for bad arguments. */
  run(positionals: string[], values: Record<string, string | boolean | string[] | undefined>): number | Promise<number>;
}

export class UsageError extends Error {}

/** Options every command accepts. */
export const commonOptions = {
  format: { type: 'string' },
  'no-color': { type: 'boolean' },
  color: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export function parseCommandArgs(cmd: Command, argv: string[]) {
  try {
    return parseArgs({ args: argv, options: { ...commonOptions, ...cmd.options }, allowPositionals: true, strict: true });
  } catch (e) {
    const msg = (e as Error).message.replace(/\. To specify a positional argument.*$/s, '');
    throw new UsageError(msg);
  }
}

export function outputFormat(values: Record<string, unknown>, allowed: string[] = ['text', 'json']): string {
  const f = (values.format as string | undefined) ?? 'text';
  if (!allowed.includes(f)) throw new UsageError(`--format must be ${allowed.join(', ')}; not '${f}'`);
  return f;
}

export function useColor(values: Record<string, unknown>, stream: NodeJS.WriteStream): boolean {
  if (values['no-color']) return false;
  if (values.color) return true;
  return !!stream.isTTY && !process.env.NO_COLOR;
}
