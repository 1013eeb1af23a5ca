// The `quorate` command: reads files, calls the core, prints, writes atomically, exits.
// Exit codes: 0 no errors, 1 errors found, 2 usage or I/O problem.

import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { compileBytes, type SecretHost } from '../api.ts';
import { hasErrors } from '../diagnostics.ts';
import { renderText, summary, toJson, type FileDiagnostics } from './render.ts';

declare const QUORATE_VERSION: string;
const VERSION = typeof QUORATE_VERSION === 'string' ? QUORATE_VERSION : 'dev';

const HELP: Record<string, string> = {
  main: `quorate ${VERSION} — a typed language, linter and compiler for RHEL 6 HA clusters (cman/rgmanager)

Usage: quorate <command> [options]

Commands:
  compile FILE.cluster [-o DIR]   type-check FILE and write DIR/cluster.conf (default DIR: .)
  check FILE...                   type-check files and report diagnostics; writes nothing
  help [COMMAND]                  show help for a command

Options:
  --format text|json   how diagnostics are printed (default: text)
  --no-color           never colour text output (default: colour only on a terminal)
  -h, --help           show help;  -V, --version  show the version

Exit codes: 0 no errors, 1 errors found, 2 usage or I/O problem.

Examples:
  quorate compile examples/cluster11-lab.cluster -o out/cluster11
  quorate check examples/*.cluster --format json

Run 'quorate help compile' for more.`,
  compile: `Usage: quorate compile FILE.cluster [-o DIR] [--format text|json]

Type-checks FILE.cluster and writes DIR/cluster.conf (DIR defaults to the current directory).
The output is deterministic: the same source always gives the same bytes. When there is any
error nothing is written; an existing DIR/cluster.conf is replaced atomically (written to a
temporary file beside it, then renamed) or left as it was.

Secrets: write fence passwords as env("IPMI_PASS") or file("/root/ipmi.pass") instead of inline
strings; compile reads them from this process's environment or the named file.

Diagnostics go to standard error as 'file:line:col: severity rule: message' with the source line;
with --format json a JSON report goes to standard output:
  {"diagnostics":[{"rule","severity","message","file","range":{"start":{"line","column"},"end":{…}}}]}

Example:
  quorate compile examples/cluster11-lab.cluster -o out/cluster11`,
  check: `Usage: quorate check FILE... [--format text|json]

Type-checks each file (parsing, names, types, required parameters) and prints every diagnostic
without writing anything. Exit 1 if any file has an error.

Example:
  quorate check examples/*.cluster`,
};

interface Args {
  command?: string;
  files: string[];
  out?: string;
  format: 'text' | 'json';
  color: boolean;
  help: boolean;
  version: boolean;
}

class UsageError extends Error {}

function parseArgs(argv: string[]): Args {
  const args: Args = { files: [], format: 'text', color: !!process.stderr.isTTY && !process.env.NO_COLOR, help: false, version: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => {
      const v = argv[++i];
      if (v === undefined) throw new UsageError(`${a} needs a value`);
      return v;
    };
    if (a === '-h' || a === '--help') args.help = true;
    else if (a === '-V' || a === '--version') args.version = true;
    else if (a === '-o' || a === '--out') args.out = next();
    else if (a.startsWith('--out=')) args.out = a.slice(6);
    else if (a === '--format' || a.startsWith('--format=')) {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : next();
      if (v !== 'text' && v !== 'json') throw new UsageError(`--format must be text or json, not '${v}'`);
      args.format = v;
    } else if (a === '--no-color') args.color = false;
    else if (a === '--color') args.color = true;
    else if (a.startsWith('-') && a !== '-') throw new UsageError(`unknown option '${a}'`);
    else if (!args.command) args.command = a;
    else args.files.push(a);
  }
  return args;
}

const nodeSecrets: SecretHost = {
  env: (name) => process.env[name],
  readFile: (path) => {
    try {
      return readFileSync(path, 'utf8');
    } catch {
      return undefined;
    }
  },
};

function readInput(file: string): Uint8Array {
  return file === '-' ? readFileSync(0) : readFileSync(file);
}

function report(files: FileDiagnostics[], args: Args, stream: NodeJS.WriteStream): void {
  if (args.format === 'json') {
    process.stdout.write(JSON.stringify(toJson(files), null, 2) + '\n');
    return;
  }
  const text = renderText(files, args.color);
  if (text) stream.write(text);
  const total = files.reduce((n, f) => n + f.diagnostics.length, 0);
  if (total > 0) stream.write(summary(files) + '\n');
}

/** Writes beside the target and renames over it, so readers see the old file or the new one. */
function writeAtomically(path: string, text: string): void {
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

function cmdCompile(args: Args): number {
  if (args.files.length !== 1) throw new UsageError('compile takes exactly one FILE.cluster');
  const file = args.files[0];
  let bytes: Uint8Array;
  try {
    bytes = readInput(file);
  } catch (e) {
    process.stderr.write(`quorate: cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`);
    return 2;
  }
  const result = compileBytes(bytes, { secrets: nodeSecrets });
  const fd: FileDiagnostics = { file, ...(result.text !== undefined ? { text: result.text } : {}), diagnostics: result.diagnostics };
  report([fd], args, process.stderr);
  if (hasErrors(result.diagnostics) || result.outputs.length === 0) return 1;
  const dir = resolve(args.out ?? '.');
  const written: string[] = [];
  try {
    for (const o of result.outputs) {
      const target = join(dir, o.name);
      writeAtomically(target, o.text);
      written.push(join(args.out ?? '.', o.name));
    }
  } catch (e) {
    process.stderr.write(`quorate: cannot write to ${args.out ?? '.'}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`);
    return 2;
  }
  if (args.format === 'text') for (const w of written) process.stdout.write(`wrote ${w}\n`);
  return 0;
}

function cmdCheck(args: Args): number {
  if (args.files.length === 0) throw new UsageError('check needs at least one FILE');
  const all: FileDiagnostics[] = [];
  let ioError = false;
  for (const file of args.files) {
    let bytes: Uint8Array;
    try {
      bytes = readInput(file);
    } catch (e) {
      process.stderr.write(`quorate: cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`);
      ioError = true;
      continue;
    }
    const result = compileBytes(bytes, {});
    all.push({ file, ...(result.text !== undefined ? { text: result.text } : {}), diagnostics: result.diagnostics });
  }
  report(all, args, process.stdout);
  if (ioError) return 2;
  return all.some((f) => hasErrors(f.diagnostics)) ? 1 : 0;
}

export function main(argv: string[]): number {
  let args: Args;
  try {
    args = parseArgs(argv);
  } catch (e) {
    process.stderr.write(`quorate: ${(e as Error).message}\nRun 'quorate --help' for usage.\n`);
    return 2;
  }
  if (args.version) {
    process.stdout.write(`quorate ${VERSION}\n`);
    return 0;
  }
  if (args.command === 'help' || (!args.command && args.help)) {
    const topic = args.command === 'help' ? args.files[0] : undefined;
    process.stdout.write((topic && HELP[topic] ? HELP[topic] : HELP.main) + '\n');
    return topic && !HELP[topic] ? 2 : 0;
  }
  if (!args.command) {
    process.stderr.write(HELP.main + '\n');
    return 2;
  }
  if (args.help) {
    process.stdout.write((HELP[args.command] ?? HELP.main) + '\n');
    return HELP[args.command] ? 0 : 2;
  }
  try {
    switch (args.command) {
      case 'compile':
        return cmdCompile(args);
      case 'check':
        return cmdCheck(args);
      default:
        throw new UsageError(`unknown command '${args.command}'`);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`quorate: ${e.message}\nRun 'quorate --help' for usage.\n`);
      return 2;
    }
    // A bug in Quorate, not in the input: say so plainly, still no stack trace by default.
    process.stderr.write(`quorate: internal error: ${(e as Error).message}\n${process.env.QUORATE_DEBUG ? (e as Error).stack + '\n' : 'Set QUORATE_DEBUG=1 for details and report it.\n'}`);
    return 2;
  }
}
