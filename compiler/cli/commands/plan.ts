import { join, resolve } from 'node:path';
import { planDeployment, planJson, readDeployedConf, renderPlanText } from '../../api.ts';
import { type Command, outputFormat, UsageError, useColor } from '../command.ts';
import { nodeSecrets, readInput, writeAtomically } from '../io.ts';
import { report, type FileDiagnostics } from '../render.ts';

/** Exit code for usage and I/O problems: 0 and 2 already mean "no change" and "safe change". */
const USAGE = 3;

export const plan: Command = {
  name: 'plan',
  synopsis: 'plan FILE --deployed PATH',
  summary: 'show what deploying FILE changes on the cluster, and refuse unsafe changes',
  help: `Usage: quorate plan FILE --deployed PATH [--bump [-o DIR]] [--format text|json]

Compiles FILE (.cluster, or a raw cluster.conf), compares it with PATH — the cluster.conf now on
the nodes, possibly hand-written, or - for standard input — and prints what deploying it changes
in the cluster's terms: nodes added or removed and what that does to expected votes and quorum,
fence devices and methods changed, failover domains, services added, removed or changed and
whether rgmanager reconfigures, restarts or re-places them, and config_version old → new.

It refuses (exit 1) when the new config_version is not greater than the deployed one, when the new
configuration has any error, or when the change makes a single-node failure lose quorum that was
survivable before.

Options:
  --deployed PATH     the cluster.conf deployed now (required; - reads standard input)
  --bump              when FILE sets no config_version, use deployed + 1 and write the compiled
                      cluster.conf (to -o DIR, default .) if the plan is not refused
  -o, --out DIR       where --bump writes cluster.conf
  --format text|json  the plan for people, or for machines

Exit codes (terraform's -detailed-exitcode): 0 safe and nothing changes, 2 safe and something
changes, 1 refused, 3 usage or I/O problem.

Examples:
  quorate plan site.cluster --deployed /etc/cluster/cluster.conf
  ssh node1 cat /etc/cluster/cluster.conf | quorate plan site.cluster --deployed - --bump -o build/`,
  options: { deployed: { type: 'string' }, bump: { type: 'boolean' }, out: { type: 'string', short: 'o' } },
  usageExitCode: USAGE,
  run(positionals, values) {
    const format = outputFormat(values);
    if (positionals.length !== 1) throw new UsageError('plan takes exactly one FILE');
    if (typeof values.deployed !== 'string') throw new UsageError('plan needs --deployed PATH (the cluster.conf on the nodes, or - for stdin)');
    const file = positionals[0];
    const deployedPath = values.deployed as string;
    const color = useColor(values, process.stderr);

    const deployedBytes = readInput(deployedPath);
    if (!deployedBytes) return USAGE;
    const deployed = readDeployedConf(deployedBytes);
    if (!deployed.readable || !deployed.root) {
      report([{ file: deployedPath, ...(deployed.text !== undefined ? { text: deployed.text } : {}), diagnostics: deployed.diagnostics }], 'text', color, process.stderr);
      process.stderr.write(`quorate: cannot read the deployed configuration ${deployedPath}\n`);
      return USAGE;
    }

    const bytes = readInput(file);
    if (!bytes) return USAGE;
    const result = planDeployment(bytes, deployed.root, { fileName: file, secrets: nodeSecrets, bump: !!values.bump });
    const findings: FileDiagnostics = { file, ...(result.text !== undefined ? { text: result.text } : {}), diagnostics: result.diagnostics };
    if (findings.diagnostics.length > 0) report([findings], 'text', color, process.stderr);
    const p = result.plan;
    if (!p) {
      process.stderr.write(`quorate: ${file} has no cluster to plan\n`);
      return 1;
    }
    const compiled = result.compiled;
    if (format === 'json') process.stdout.write(JSON.stringify(planJson(p), null, 2) + '\n');
    else process.stdout.write(renderPlanText(p));
    if (values.bump && p.verdict !== 'refused' && compiled) {
      const outArg = (values.out as string | undefined) ?? '.';
      try {
        writeAtomically(join(resolve(outArg), 'cluster.conf'), compiled);
      } catch (e) {
        process.stderr.write(`quorate: cannot write to ${outArg}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`);
        return USAGE;
      }
      if (format === 'text') process.stdout.write(`wrote ${join(outArg, 'cluster.conf')}\n`);
    }
    return p.exitCode;
  },
};
