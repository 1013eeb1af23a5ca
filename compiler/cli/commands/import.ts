import { formatText, hasErrors, importClusterConfBytes, importFenceVirtConf } from '../../api.ts';
import { type Command, outputFormat, UsageError, useColor } from '../command.ts';
import { readInput, writeAtomically } from '../io.ts';
import { type FileDiagnostics, report } from '../render.ts';

export const importCommand: Command = {
  name: 'import',
  synopsis: 'import cluster.conf [--fence-virt FILE] [-o FILE.cluster]',
  summary: 'turn an existing cluster.conf (and fence_virt.conf) into .cluster source',
  help: `Usage: quorate import cluster.conf [--fence-virt fence_virt.conf] [-o FILE.cluster] [--format text|json]

Reads an existing cluster.conf and writes idiomatic .cluster source: nodes, fence devices,
failover domains and resources by name, durations with units, booleans as true/false, resource
trees nested, global resources kept global, XML comments as # comments. Compiling the result
gives back the same cluster.conf (attribute order and layout aside).

Nothing is dropped. What the language cannot express (vendor elements, custom agents, unknown
attributes, values such as autostart="yes") is kept with the escape hatch — xml = "TAG" { … }
for a raw element, raw { attr = "value" } for raw attributes — and each one is reported as a
warning at its line:column in the XML. Schema problems of the input are reported too; the
source is written anyway so they can be fixed in the language.

With --fence-virt, the host's fence_virt.conf is imported as a fence_virtd { } block in the
same file.

Options:
  -o, --out FILE          write the source to FILE (atomically) instead of standard output
  --fence-virt FILE       also import this fence_virt.conf
  --format text|json      diagnostics as text on standard error (default), or a JSON report on
                          standard output (needs -o)

Exit codes: 0 imported, 1 imported but the input has errors (or is not a cluster.conf at all:
nothing written), 2 usage or I/O problem.

Example:
  quorate import /etc/cluster/cluster.conf -o cluster.cluster
  quorate import cluster.conf --fence-virt /etc/fence_virt.conf -o lab.cluster`,
  options: { out: { type: 'string', short: 'o' }, 'fence-virt': { type: 'string' } },
  async run(positionals, values) {
    const format = outputFormat(values);
    if (positionals.length !== 1) throw new UsageError('import takes exactly one cluster.conf');
    const outFile = values.out as string | undefined;
    if (format === 'json' && !outFile) throw new UsageError('--format json prints the report on standard output: give -o FILE for the source');
    const file = positionals[0]!;
    const files: FileDiagnostics[] = [];
    const bytes = readInput(file);
    if (!bytes) return 2;
    const result = importClusterConfBytes(bytes);
    files.push({ file, ...(result.text !== undefined ? { text: result.text } : {}), diagnostics: result.diagnostics });
    let source = result.source;
    const fvFile = values['fence-virt'] as string | undefined;
    if (fvFile !== undefined && source !== undefined) {
      const fvBytes = readInput(fvFile);
      if (!fvBytes) return 2;
      const fvText = new TextDecoder('utf-8').decode(fvBytes);
      const fv = importFenceVirtConf(fvText);
      files.push({ file: fvFile, text: fvText, diagnostics: fv.diagnostics });
      if (fv.source) source += '\n' + fv.source + (fv.source.endsWith('\n') ? '' : '\n');
    }
    if (source !== undefined) {
      const formatted = await formatText(source);
      if (formatted.text !== undefined) source = formatted.text;
    }
    report(files, format, useColor(values, process.stderr), process.stderr);
    if (source === undefined) return 1;
    if (outFile) {
      try {
        writeAtomically(outFile, source);
      } catch (e) {
        process.stderr.write(`quorate: cannot write ${outFile}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`);
        return 2;
      }
      if (format === 'text') process.stderr.write(`wrote ${outFile}\n`);
    } else process.stdout.write(source);
    return files.some((f) => hasErrors(f.diagnostics)) ? 1 : 0;
  },
};
