import { decodeSource, hasErrors, lintSource } from '../../api.ts';
import { type Command, outputFormat, UsageError, useColor } from '../command.ts';
import { findConfig, loadConfig } from '../config.ts';
import { readInput } from '../io.ts';
import { counts, lintJson, lintSarif } from '../lint-report.ts';
import { lintGitlab } from '../gitlab-report.ts';
import { type FileDiagnostics, renderText, summary } from '../render.ts';

function readText(file: string): { text?: string; error?: FileDiagnostics } | undefined {
  const bytes = readInput(file);
  if (!bytes) return undefined;
  const d = decodeSource(bytes);
  if (d.diagnostics.length || d.text === undefined) return { error: { file, ...(d.text !== undefined ? { text: d.text } : {}), diagnostics: d.diagnostics } };
  return { text: d.text };
}

export const lint: Command = {
  name: 'lint',
  synopsis: 'lint FILE...',
  summary: 'check a .cluster or cluster.conf against every rule (quorum, fencing, placement…)',
  help: `Usage: quorate lint FILE... [--format text|json|sarif|gitlab] [--previous DEPLOYED] [--max-warnings N] [--config FILE]

Runs the whole rule catalogue ('quorate rules') on .cluster sources or raw cluster.conf files
(a file starting with '<' or named *.conf / *.xml): type errors, quorum arithmetic, fencing,
failover domains, resources, timing, and a placement check of every service.

Options:
  --format text|json|sarif|gitlab
                            text (default), JSON (schema: compiler/cli/schemas/lint-output.schema.json)
                            SARIF 2.1.0 for code scanning, or GitLab's Code Quality report
  --previous FILE           the deployed cluster.conf: config_version must be greater (config/version)
  --max-warnings N          exit 1 when there are more than N warnings
  --config FILE             settings file; default: the nearest .quorate.json above each FILE

.quorate.json: { "rules": { "fence/unused-device": "off", "domain/priority": "error" }, "maxWarnings": 10 }
Suppress one finding with a comment on its line or the line above, with a reason:
  # quorate-ignore fence/node-without-fencing -- lab VMs, fenced by hand
  <!-- quorate-ignore fence/manual: test rig -->             (in cluster.conf: XML forbids '--' in a comment)
Errors with which cman refuses to start cannot be suppressed.

Exit codes: 0 clean (warnings allowed), 1 errors or too many warnings, 2 usage or I/O problem.

Examples:
  quorate lint examples/cluster11-lab.cluster
  quorate lint /etc/cluster/cluster.conf --previous deployed/cluster.conf --format sarif > lint.sarif`,
  options: { previous: { type: 'string' }, 'max-warnings': { type: 'string' }, config: { type: 'string' } },
  run(positionals, values) {
    const format = outputFormat(values, ['text', 'json', 'sarif', 'gitlab']);
    if (positionals.length === 0) throw new UsageError('lint needs at least one FILE');
    let maxWarnings: number | undefined;
    if (values['max-warnings'] !== undefined) {
      const m = String(values['max-warnings']);
      if (!/^\d+$/.test(m)) throw new UsageError(`--max-warnings must be a whole number; not '${m}'`);
      maxWarnings = Number(m);
    }
    const explicitConfig = values.config !== undefined ? loadConfig(String(values.config)) : undefined;
    let previousText: string | undefined;
    if (values.previous !== undefined) {
      const p = readText(String(values.previous));
      if (!p || p.text === undefined) return 2;
      previousText = p.text;
    }
    const all: FileDiagnostics[] = [];
    let ioError = false;
    let configMax: number | undefined;
    for (const file of positionals) {
      const read = readText(file);
      if (!read) {
        ioError = true;
        continue;
      }
      if (read.error) {
        all.push(read.error);
        continue;
      }
      const cfgPath = explicitConfig ? undefined : findConfig(file);
      const config = explicitConfig ?? (cfgPath ? loadConfig(cfgPath) : {});
      if (config.maxWarnings !== undefined) configMax = Math.min(configMax ?? Infinity, config.maxWarnings);
      // Each file as its kind reads (a fence_virt.conf with fence_virtd's grammar, not as a cluster).
      const r = lintSource(read.text!, { fileName: file, ...(previousText !== undefined ? { previousText } : {}), ...(config.rules ? { severities: config.rules } : {}) });
      all.push({ file, text: read.text!, diagnostics: r.diagnostics });
    }
    if (format === 'json') process.stdout.write(JSON.stringify(lintJson(all), null, 2) + '\n');
    else if (format === 'sarif') process.stdout.write(JSON.stringify(lintSarif(all), null, 2) + '\n');
    else if (format === 'gitlab') process.stdout.write(JSON.stringify(lintGitlab(all), null, 2) + '\n');
    else {
      process.stdout.write(renderText(all, useColor(values, process.stdout)));
      const total = all.reduce((n, f) => n + f.diagnostics.length, 0);
      process.stdout.write(total > 0 ? summary(all) + '\n' : `${all.length} file${all.length === 1 ? '' : 's'} linted, no findings\n`);
    }
    if (ioError) return 2;
    const limit = maxWarnings ?? configMax;
    if (all.some((f) => hasErrors(f.diagnostics))) return 1;
    if (limit !== undefined && counts(all).warnings > limit) {
      process.stderr.write(`quorate: ${counts(all).warnings} warnings, more than the ${limit} allowed\n`);
      return 1;
    }
    return 0;
  },
};
