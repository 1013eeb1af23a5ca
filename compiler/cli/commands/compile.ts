import { join, resolve } from 'node:path';
import { compileBytes, hasErrors } from '../../api.ts';
import { type Command, outputFormat, UsageError, useColor } from '../command.ts';
import { nodeSecrets, readInput, writeAtomically } from '../io.ts';
import { report } from '../render.ts';

export const compile: Command = {
  name: 'compile',
  synopsis: 'compile FILE.cluster [-o DIR]',
  summary: 'type-check FILE and write DIR/cluster.conf (default DIR: .)',
  help: `Usage: quorate compile FILE.cluster [-o DIR] [--format text|json]

Type-checks FILE.cluster and writes DIR/cluster.conf (DIR defaults to the current directory).
The output is deterministic: the same source always gives the same bytes. When there is any
error nothing is written; an existing DIR/cluster.conf is replaced atomically (written to a
temporary file beside it, then renamed) or left as it was.

Secrets: write fence passwords as env("IPMI_PASS") or file("/root/ipmi.pass") instead of inline
strings; compile reads them from this process's environment or the named file.

Options:
  -o, --out DIR        where to write cluster.conf (created if missing)
  --format text|json   diagnostics as text on standard error (default) or a JSON report on
                       standard output: {"diagnostics":[{"rule","severity","message","file",
                       "range":{"start":{"line","column"},"end":{…}}}]}

Exit codes: 0 written, 1 errors (nothing written), 2 usage or I/O problem.

Example:
  quorate compile examples/cluster11-lab.cluster -o out/cluster11`,
  options: { out: { type: 'string', short: 'o' } },
  run(positionals, values) {
    const format = outputFormat(values);
    if (positionals.length !== 1) throw new UsageError('compile takes exactly one FILE.cluster');
    const file = positionals[0];
    const bytes = readInput(file);
    if (!bytes) return 2;
    const result = compileBytes(bytes, { secrets: nodeSecrets });
    report([{ file, ...(result.text !== undefined ? { text: result.text } : {}), diagnostics: result.diagnostics }], format, useColor(values, process.stderr), process.stderr);
    if (hasErrors(result.diagnostics) || result.outputs.length === 0) return 1;
    const outArg = (values.out as string | undefined) ?? '.';
    const dir = resolve(outArg);
    const written: string[] = [];
    try {
      for (const o of result.outputs) {
        writeAtomically(join(dir, o.name), o.text);
        written.push(join(outArg, o.name));
      }
    } catch (e) {
      process.stderr.write(`quorate: cannot write to ${outArg}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`);
      return 2;
    }
    if (format === 'text') for (const w of written) process.stdout.write(`wrote ${w}\n`);
    return 0;
  },
};
