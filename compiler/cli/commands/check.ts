import { checkBytes, hasErrors } from '../../api.ts';
import { type Command, outputFormat, UsageError, useColor } from '../command.ts';
import { readInput } from '../io.ts';
import { type FileDiagnostics, report } from '../render.ts';

export const check: Command = {
  name: 'check',
  synopsis: 'check FILE...',
  summary: 'type-check files and report diagnostics; writes nothing',
  help: `Usage: quorate check FILE... [--format text|json]

Type-checks each file (syntax, names, types, required parameters) and prints every diagnostic
without writing anything. Secrets (env("…"), file("…")) are checked but not read. A raw
cluster.conf (a file whose content starts with '<', or named *.conf / *.xml) is read as XML and
checked against the cluster.conf schema, with findings at the XML line and column. A
fence_virt.conf (named fence_virt.conf or *.fence_virt.conf, or recognised by its blocks) is read
with fence_virtd's own grammar: syntax errors and what the daemon would refuse, at line:column.

Options:
  --format text|json   text on standard output (default), or the JSON report of 'compile'

Exit codes: 0 no errors, 1 errors found, 2 usage or I/O problem.

Example:
  quorate check examples/*.cluster
  quorate check /etc/cluster/cluster.conf
  quorate check /etc/fence_virt.conf`,
  options: {},
  run(positionals, values) {
    const format = outputFormat(values);
    if (positionals.length === 0) throw new UsageError('check needs at least one FILE');
    const all: FileDiagnostics[] = [];
    let ioError = false;
    for (const file of positionals) {
      const bytes = readInput(file);
      if (!bytes) {
        ioError = true;
        continue;
      }
      // Each file as its kind reads: .cluster source, raw cluster.conf (XML) or fence_virt.conf.
      const result = checkBytes(file, bytes);
      all.push({ file, ...(result.text !== undefined ? { text: result.text } : {}), diagnostics: result.diagnostics });
    }
    report(all, format, useColor(values, process.stdout), process.stdout);
    if (ioError) return 2;
    return all.some((f) => hasErrors(f.diagnostics)) ? 1 : 0;
  },
};
