// The `quorate` command: dispatches to commands/*, turns usage errors into exit 2 and any
// unexpected exception into a one-line internal error (no stack trace unless QUORATE_DEBUG).
// Exit codes: 0 no errors, 1 errors found, 2 usage or I/O problem (per command help).

import { type Command, parseCommandArgs, UsageError } from './command.ts';
import { commands } from './commands/index.ts';

declare const QUORATE_VERSION: string;
const VERSION = typeof QUORATE_VERSION === 'string' ? QUORATE_VERSION : 'dev';

function mainHelp(): string {
  const width = Math.max(...commands.map((c) => c.synopsis.length), 'help [COMMAND]'.length) + 2;
  const lines = commands.map((c) => `  ${c.synopsis.padEnd(width)}${c.summary}`);
  lines.push(`  ${'help [COMMAND]'.padEnd(width)}show the full help of a command`);
  return `quorate ${VERSION} — a typed language, linter and compiler for RHEL 6 HA clusters (cman/rgmanager)

Usage: quorate <command> [options]

Commands:
${lines.join('\n')}

Options for every command:
  --format text|json   how diagnostics are printed (default: text)
  --no-color           never colour text output (default: colour only on a terminal)
  -h, --help           show help;  -V, --version  show the version

Exit codes: 0 no errors, 1 errors found, 2 usage or I/O problem
(plan: 0 no change, 2 safe change, 1 refused, 3 usage or I/O problem).

Examples:
  quorate compile examples/cluster11-lab.cluster -o out/cluster11
  quorate lint examples/*.cluster --format sarif > quorate.sarif
  quorate simulate examples/cluster11-lab.cluster --fail node1

Run 'quorate help COMMAND' for a command's options and examples.`;
}

function find(name: string | undefined): Command | undefined {
  return commands.find((c) => c.name === name);
}

export async function main(argv: string[]): Promise<number> {
  const [first, ...rest] = argv;
  if (first === '-V' || first === '--version') {
    process.stdout.write(`quorate ${VERSION}\n`);
    return 0;
  }
  if (first === undefined) {
    process.stderr.write(mainHelp() + '\n');
    return 2;
  }
  if (first === '-h' || first === '--help') {
    process.stdout.write(mainHelp() + '\n');
    return 0;
  }
  if (first === 'help') {
    if (rest[0] === undefined) {
      process.stdout.write(mainHelp() + '\n');
      return 0;
    }
    const c = find(rest[0]);
    if (!c) {
      process.stderr.write(`quorate: no command '${rest[0]}'\nRun 'quorate --help' for the list.\n`);
      return 2;
    }
    process.stdout.write(c.help + '\n');
    return 0;
  }
  const cmd = find(first);
  try {
    if (!cmd) throw new UsageError(`unknown command '${first}'`);
    const { values, positionals } = parseCommandArgs(cmd, rest);
    if (values.help) {
      process.stdout.write(cmd.help + '\n');
      return 0;
    }
    return await cmd.run(positionals, values);
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`quorate: ${e.message}\nRun 'quorate ${cmd ? 'help ' + cmd.name : '--help'}' for usage.\n`);
      return cmd?.usageExitCode ?? 2;
    }
    // A bug in Quorate, not in the input: say so plainly, without a stack trace by default.
    process.stderr.write(`quorate: internal error: ${(e as Error).message}\n${process.env.QUORATE_DEBUG ? (e as Error).stack + '\n' : 'Set QUORATE_DEBUG=1 for details and report it.\n'}`);
    return 2;
  }
}
