import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { hasErrors } from '../../api.ts';
import { type Command, UsageError, useColor } from '../command.ts';
import { writeAtomically } from '../io.ts';
import { type FileDiagnostics, report } from '../render.ts';
import { lintBytes } from '../lint-bytes.ts';
import { findConfig, loadConfig } from '../config.ts';

const MARKER = '# installed by quorate hook install';

function git(args: string[], cwd = process.cwd()): { ok: boolean; out: Buffer; err: string } {
  const r = spawnSync('git', args, { cwd });
  return { ok: r.status === 0, out: r.stdout ?? Buffer.alloc(0), err: r.stderr?.toString() ?? '' };
}

/** Staged *.cluster and cluster.conf files (added, copied, modified, renamed). */
function stagedFiles(): string[] {
  const r = git(['diff', '--cached', '--name-only', '-z', '--diff-filter=ACMR']);
  if (!r.ok) throw new UsageError(`not in a git repository (${r.err.trim()})`);
  return r.out
    .toString('utf8')
    .split('\0')
    .filter((f) => f && (/\.cluster$/.test(f) || /(^|\/)cluster\.conf$/.test(f)));
}

function hookScript(maxWarnings: number): string {
  // The absolute paths of this node and this bundle: the hook works without npx or PATH set-up.
  const self = resolve(process.argv[1] ?? 'quorate');
  return `#!/bin/sh
${MARKER}
# Checks every staged *.cluster and cluster.conf with Quorate before each commit. It reads the
# staged content (what will be committed), never the working tree, and changes no file.
# Skip once with: git commit --no-verify
exec ${JSON.stringify(process.execPath)} ${JSON.stringify(self)} hook run --max-warnings ${maxWarnings}
`;
}

export const hook: Command = {
  name: 'hook',
  synopsis: 'hook install|run',
  summary: 'install a git pre-commit hook that checks staged *.cluster and cluster.conf',
  help: `Usage: quorate hook install [--force] [--max-warnings N]
       quorate hook run [--max-warnings N]

install  writes .git/hooks/pre-commit in the current repository. The hook runs 'quorate hook run'
         before each commit. An existing hook not written by Quorate is kept unless --force.
run      lints the staged content of every *.cluster and cluster.conf in the index (not the
         working tree: what you commit is what is checked) and exits 1 on any error or on more
         than N warnings (default 0: a pre-deploy gate takes warnings such as "losing one node
         loses quorum" seriously), which makes git refuse the commit and print the findings.
         It never modifies a file. Turn a rule off or down in .quorate.json if it does not apply.

With the pre-commit framework, use the hook in this repository's .pre-commit-hooks.yaml instead.

Exit codes: 0 ok, 1 findings with errors (commit refused), 2 usage or I/O problem.

Example:
  quorate hook install && git commit -m "raise token timeout"`,
  options: { force: { type: 'boolean' }, 'max-warnings': { type: 'string' } },
  run(positionals, values) {
    const sub = positionals[0];
    const maxWarningsArg = (values['max-warnings'] as string | undefined) ?? '0';
    if (!/^\d+$/.test(maxWarningsArg)) throw new UsageError(`--max-warnings takes a whole number, not '${maxWarningsArg}'`);
    const maxWarnings = Number(maxWarningsArg);
    if (sub === 'install') {
      const dir = git(['rev-parse', '--git-path', 'hooks']);
      if (!dir.ok) throw new UsageError('not in a git repository');
      const hooksDir = resolve(dir.out.toString().trim());
      const target = join(hooksDir, 'pre-commit');
      if (existsSync(target) && !readFileSync(target, 'utf8').includes(MARKER) && !values.force) {
        process.stderr.write(`quorate: ${target} exists and was not written by Quorate; keep it, or use --force to replace it\n`);
        return 2;
      }
      writeAtomically(target, hookScript(maxWarnings));
      chmodSync(target, 0o755);
      process.stdout.write(`installed ${target}\n`);
      return 0;
    }
    if (sub === 'run') {
      const files = stagedFiles();
      const results: FileDiagnostics[] = [];
      for (const f of files) {
        const blob = git(['show', `:${f}`]);
        if (!blob.ok) {
          process.stderr.write(`quorate: cannot read the staged ${f}: ${blob.err.trim()}\n`);
          return 2;
        }
        // .quorate.json as `lint` finds it: beside the file or in a parent folder of the checkout.
        const cfgPath = findConfig(f);
        const config = cfgPath ? loadConfig(cfgPath) : {};
        results.push(lintBytes(f, blob.out, config.rules));
      }
      const withFindings = results.filter((r) => r.diagnostics.length > 0);
      report(withFindings, 'text', useColor(values, process.stderr), process.stderr);
      const warnings = results.reduce((n, r) => n + r.diagnostics.filter((d) => d.severity === 'warning').length, 0);
      if (results.some((r) => hasErrors(r.diagnostics)) || warnings > maxWarnings) {
        process.stderr.write(`quorate: commit refused — ${warnings > maxWarnings && !results.some((r) => hasErrors(r.diagnostics)) ? `${warnings} warning${warnings === 1 ? '' : 's'} (at most ${maxWarnings} allowed)` : 'fix the errors above'} (or commit with --no-verify)\n`);
        return 1;
      }
      return 0;
    }
    throw new UsageError(sub ? `unknown hook action '${sub}'` : 'hook needs an action: install or run');
  },
};
