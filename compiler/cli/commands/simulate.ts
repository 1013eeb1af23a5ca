import { clusterInputKind, clusterName, decodeSource, type Finding, hasErrors, modelOf, nodeAliases, type ScenarioDetail, type Simulation, simulateFailure, simulateModel } from '../../api.ts';
import { type Command, outputFormat, UsageError, useColor } from '../command.ts';
import { readInput } from '../io.ts';
import { report } from '../render.ts';

const secs = (ms: number) => `${(ms / 1000).toFixed(ms % 1000 === 0 ? 0 : 1)} s`;

function table(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join('  ').trimEnd());
}

function findingText(f: Finding): string {
  const sets = f.examples.map((e) => e.join(' + ')).join('; ');
  const more = f.count > f.examples.length ? `; ${f.count - f.examples.length} more` : '';
  const what = f.kind === 'quorum-lost' ? 'quorum lost: every service stops' : f.kind === 'exclusive-conflict' ? `${f.service} cannot start (exclusive conflict): ${f.reason}` : `${f.service} stays down: ${f.reason}`;
  return `${what}\n      when ${sets}${more} fail`;
}

export function renderSummary(name: string, s: Simulation): string {
  const q = s.quorum;
  const out: string[] = [];
  out.push(`cluster ${name}: ${q.nodes} node${q.nodes === 1 ? '' : 's'}, ${q.nodeVotes} node vote${q.nodeVotes === 1 ? '' : 's'}${q.qdiskVotes ? ` + ${q.qdiskVotes} quorum disk vote${q.qdiskVotes === 1 ? '' : 's'}` : ''}, expected_votes ${q.expectedVotes}${q.twoNode ? ', two_node (quorum 1 while at most two nodes are members)' : `, quorum ${q.quorum}`}`);
  out.push('');
  out.push('With every node up:');
  if (s.baseline.length === 0) out.push('  (no services)');
  else out.push(...table(s.baseline.map((b) => ['  ' + b.service, b.state === 'started' ? b.owners.join(' | ') + (b.owners.length > 1 ? '   (whichever node is first)' : '') : `${b.state}: ${b.reason}`])));
  out.push('');
  const m = s.method;
  out.push(m.kind === 'exhaustive' ? `Failure scenarios: all ${m.scenarios} sets of failed nodes (exhaustive)` : `Failure scenarios: ${m.scenarios} sets of failed nodes (sampled: ${m.description})`);
  // A sampled run says what it cost, so a reader can tell how close to the bound it came.
  if (m.kind === 'sampled') out.push(`  work: ${m.work.placements} placements, ${m.work.evaluations} of ${m.work.budget} node evaluations budgeted`);
  if (s.findings.length === 0) out.push('  nothing goes wrong short of losing every node');
  else {
    out.push('  fewest failures  what happens');
    for (const f of s.findings) out.push(`  ${String(f.minFailures).padEnd(15)}  ${findingText(f)}`);
  }
  return out.join('\n') + '\n';
}

export function renderScenario(d: ScenarioDetail): string {
  const out: string[] = [];
  out.push(`Failed: ${d.failed.join(', ')}`);
  out.push(`Quorum: ${d.quorum.votes} vote${d.quorum.votes === 1 ? '' : 's'} left, quorum ${d.quorum.quorum}: ${d.quorum.quorate ? 'quorate' : 'NOT quorate — rgmanager stops every service, fenced fences nobody'}`);
  if (d.fencing.length) {
    out.push('');
    out.push('Fencing (by the surviving nodes):');
    for (const f of d.fencing) {
      out.push(`  ${f.victim}: ${f.timeline.blocked ? f.timeline.blocked : `recovery can start after about ${secs(f.timeline.totalMs)}`}`);
      for (const st of f.timeline.steps) out.push(`    + ${secs(st.ms).padStart(6)}  ${st.label}${st.estimate ? ' (estimate)' : ''}`);
    }
  }
  out.push('');
  out.push('Services:');
  const slowest = Math.max(0, ...d.fencing.map((f) => f.timeline.totalMs));
  const blocked = d.fencing.some((f) => f.timeline.blocked);
  out.push(
    ...table(
      d.services.map((s) => {
        const before = s.before.length ? s.before.join(' | ') : '-';
        const after = s.state === 'started' ? s.owners.join(' | ') : s.state;
        const note = s.state !== 'started' ? s.reason ?? '' : s.moved ? (blocked ? 'moves once fencing is acknowledged' : `moves after about ${secs(slowest)}`) : 'stays';
        return ['  ' + s.service, before, '->', after, note];
      }),
    ),
  );
  return out.join('\n') + '\n';
}

export const simulate: Command = {
  name: 'simulate',
  synopsis: 'simulate FILE',
  summary: 'what the cluster does when nodes fail: quorum, fencing, where each service runs',
  help: `Usage: quorate simulate FILE [--fail NODE,NODE...] [--format text|json]

Simulates a .cluster source or raw cluster.conf the way cman, fenced and rgmanager behave.
Without --fail: the services with every node up, then a summary of every set of failed nodes
(exhaustive up to 16 nodes; beyond, every single and double failure plus a seeded random
sample; a work budget caps both and the output says what it examined): the fewest failures that lose quorum, leave a service down, or block an exclusive
service. With --fail: that one scenario in detail: quorum, who is fenced and after how long
(totem token, consensus, post_fail_delay, fence delay, an estimated fence time), and where
each service goes, or why it stays down.

Nodes are named as in cluster.conf or as in the .cluster file.

Options:
  --fail NODES         comma-separated nodes that fail
  --format text|json   text (default) or JSON

Exit codes: 0 simulated, 1 the file has errors, 2 usage or I/O problem.

Examples:
  quorate simulate examples/cluster11-lab.cluster
  quorate simulate examples/cluster11-lab.cluster --fail node1`,
  options: { fail: { type: 'string' } },
  run(positionals, values) {
    const format = outputFormat(values);
    if (positionals.length !== 1) throw new UsageError('simulate needs exactly one FILE');
    const file = positionals[0]!;
    const bytes = readInput(file);
    if (!bytes) return 2;
    const decoded = decodeSource(bytes);
    if (decoded.diagnostics.length || decoded.text === undefined) {
      report([{ file, ...(decoded.text !== undefined ? { text: decoded.text } : {}), diagnostics: decoded.diagnostics }], format, useColor(values, process.stderr), process.stderr);
      return 1;
    }
    const text = decoded.text;
    const { model, diagnostics } = modelOf(text, clusterInputKind(file, text));
    if (!model || hasErrors(diagnostics)) {
      report([{ file, text, diagnostics: diagnostics.filter((d) => d.severity === 'error') }], format, useColor(values, process.stderr), process.stderr);
      process.stderr.write(`quorate: ${file} has errors; fix them before simulating\n`);
      return 1;
    }
    if (values.fail !== undefined) {
      const aliases = nodeAliases(model, text);
      const wanted = String(values.fail).split(',').map((s) => s.trim()).filter(Boolean);
      const unknownNames = wanted.filter((w) => !aliases.has(w));
      if (wanted.length === 0 || unknownNames.length) throw new UsageError(`--fail names no node${unknownNames.length ? ` '${unknownNames.join("', '")}'` : 's'}; the nodes are ${[...new Set(aliases.values())].join(', ')}`);
      const d = simulateFailure(model, wanted.map((w) => aliases.get(w)!));
      if ('unknown' in d) throw new UsageError(`unknown node ${d.unknown.join(', ')}`);
      process.stdout.write(format === 'json' ? JSON.stringify(d, null, 2) + '\n' : renderScenario(d));
      return 0;
    }
    const started = Date.now();
    let shown = 0;
    const s = simulateModel(model, {
      onProgress: (done, total) => {
        const el = Date.now() - started;
        if (el > 1000 && el - shown >= 1000) {
          shown = el;
          process.stderr.write(`quorate: simulating… ${done}/${total} failure scenarios (${Math.floor((100 * done) / total)}%)\n`);
        }
      },
    });
    process.stdout.write(format === 'json' ? JSON.stringify(s, null, 2) + '\n' : renderSummary(clusterName(model), s));
    return 0;
  },
};
