import { formatBytes } from '../../api.ts';
import { type Command, outputFormat, UsageError, useColor } from '../command.ts';
import { readInput, writeAtomically } from '../io.ts';
import { type FileDiagnostics, report } from '../render.ts';

export const fmt: Command = {
  name: 'fmt',
  synopsis: 'fmt FILE... [--check|--write]',
  summary: 'format files in the canonical layout (prints, checks or rewrites them)',
  help: `Usage: quorate fmt FILE... [--check | --write] [--print-width N]

Formats .cluster files in the one canonical layout (docs/formatting.md): two-space indentation,
short blocks on one line, long ones one entry per line, comments and blank lines kept. The same
formatter backs the language server and the prettier plugin (dist/prettier-plugin-quorate.cjs).

A file with syntax errors is never formatted: its errors are reported instead and the file is
left untouched.

Without an option, prints the formatted text of each FILE ("-" reads standard input) on
standard output.

Options:
  --check           print the name of each file that is not formatted, change nothing;
                    exit 1 if there is any
  --write           replace each file that is not formatted by its formatted text (atomically)
                    and print its name
  --print-width N   the line length to fit blocks into (default 120)

Exit codes: 0 formatted (or nothing to change), 1 a file would change (--check) or has syntax
errors, 2 usage or I/O problem.

Examples:
  quorate fmt examples/two-node.cluster
  quorate fmt --check examples/*.cluster
  quorate fmt --write site.cluster`,
  options: {
    check: { type: 'boolean' },
    write: { type: 'boolean' },
    'print-width': { type: 'string' },
  },
  async run(positionals, values) {
    outputFormat(values, ['text']);
    if (positionals.length === 0) throw new UsageError('fmt needs at least one FILE');
    const check = !!values.check;
    const write = !!values.write;
    if (check && write) throw new UsageError('--check and --write do not go together');
    if (write && positionals.includes('-')) throw new UsageError('--write cannot rewrite standard input');
    let printWidth: number | undefined;
    if (values['print-width'] !== undefined) {
      printWidth = Number(values['print-width']);
      if (!Number.isInteger(printWidth) || printWidth < 10 || printWidth > 1000) {
        throw new UsageError(`--print-width must be a whole number from 10 to 1000; not '${values['print-width']}'`);
      }
    }

    const problems: FileDiagnostics[] = [];
    let ioError = false;
    let changed = 0;
    for (const file of positionals) {
      const bytes = readInput(file);
      if (!bytes) {
        ioError = true;
        continue;
      }
      const result = await formatBytes(bytes, printWidth !== undefined ? { printWidth } : {});
      if (result.text === undefined) {
        problems.push({ file, ...(result.source !== undefined ? { text: result.source } : {}), diagnostics: result.diagnostics });
        continue;
      }
      if (!check && !write) {
        process.stdout.write(result.text);
        continue;
      }
      if (result.text === result.source) continue;
      changed++;
      if (write) {
        try {
          writeAtomically(file, result.text);
        } catch (e) {
          process.stderr.write(`quorate: cannot write ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`);
          ioError = true;
          continue;
        }
      }
      process.stdout.write(`${file}\n`);
    }
    report(problems, 'text', useColor(values, process.stderr), process.stderr);
    if (check && changed > 0) process.stderr.write(`${changed} of ${positionals.length} file${positionals.length === 1 ? '' : 's'} would be reformatted\n`);
    if (write && changed > 0) process.stderr.write(`${changed} file${changed === 1 ? '' : 's'} reformatted\n`);
    if (ioError) return 2;
    return problems.length > 0 || (check && changed > 0) ? 1 : 0;
  },
};
