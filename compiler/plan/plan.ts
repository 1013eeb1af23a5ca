// `quorate plan`: the gate before deploy. Compares the new model with the deployed one, decides
// whether deploying is safe, and renders the answer for people (text) and machines (JSON).

import type { Diagnostic } from '../diagnostics.ts';
import type { ConfElement } from '../model/conf.ts';
import { diffModels, type PlanDiff, singleFailures, type SingleFailure } from './diff.ts';

export type Verdict = 'no-change' | 'safe-change' | 'refused';

export interface Plan extends PlanDiff {
  safety: { deployed: SingleFailure[]; next: SingleFailure[]; newlyUnsafe: SingleFailure[] };
  /** Why deploying is refused; empty when it is not. */
  refusals: string[];
  verdict: Verdict;
  /** terraform's -detailed-exitcode: 0 nothing to do, 2 safe change, 1 refused. */
  exitCode: 0 | 1 | 2;
}

export function makePlan(deployed: ConfElement, next: ConfElement, findings: Diagnostic[]): Plan {
  const diff = diffModels(deployed, next);
  const before = singleFailures(deployed);
  const after = singleFailures(next);
  const wasSafe = new Map(before.map((s) => [s.node, s.quorate]));
  const everyBeforeSafe = before.length > 0 && before.every((s) => s.quorate);
  // A scenario becomes unsafe if it was safe before, or (for a new node) if every scenario was.
  const newlyUnsafe = after.filter((s) => !s.quorate && (wasSafe.get(s.node) ?? everyBeforeSafe));
  const refusals: string[] = [];
  const versionChanged = diff.version.deployed !== diff.version.next;
  const anything = diff.changeCount > 0 || versionChanged;
  const errors = findings.filter((d) => d.severity === 'error');
  if (errors.length > 0) refusals.push(`${errors.length} error${errors.length === 1 ? '' : 's'} in the new configuration`);
  if (anything && (diff.version.next === undefined || (diff.version.deployed !== undefined && diff.version.next <= diff.version.deployed))) {
    refusals.push(`config_version must be greater than the deployed ${diff.version.deployed ?? '(none)'}; it is ${diff.version.next ?? '(none)'} — cman refuses the reload ("New configuration version has to be newer")`);
  }
  for (const s of newlyUnsafe) refusals.push(`losing node ${s.node} alone would now lose quorum (${s.votesLeft} votes left, quorum ${s.quorum})`);
  const verdict: Verdict = refusals.length > 0 ? 'refused' : anything ? 'safe-change' : 'no-change';
  return { ...diff, safety: { deployed: before, next: after, newlyUnsafe }, refusals, verdict, exitCode: verdict === 'refused' ? 1 : verdict === 'no-change' ? 0 : 2 };
}

export function renderPlanText(p: Plan): string {
  const out: string[] = [];
  const v = p.version;
  out.push(`Plan for cluster ${p.clusterName}: config_version ${v.deployed ?? '(none)'} → ${v.next ?? '(none)'}`);
  const qa = p.quorum.deployed;
  const qb = p.quorum.next;
  const q = (x: typeof qa) => `${x.nodes} node${x.nodes === 1 ? '' : 's'}, expected votes ${x.expectedVotes}${x.qdiskVotes ? ` (incl. quorum disk ${x.qdiskVotes})` : ''}, quorum ${x.quorum}${x.twoNode ? ' (two_node)' : ''}`;
  if (q(qa) === q(qb)) out.push(`Quorum: ${q(qb)} (unchanged)`);
  else out.push(`Quorum before: ${q(qa)}`, `Quorum after:  ${q(qb)}`);
  for (const s of p.sections) {
    if (s.changes.length === 0) continue;
    out.push('', `${s.title}:`);
    for (const c of s.changes) {
      out.push(`  ${c.kind} ${c.what}`);
      for (const d of c.details) out.push(`      ${d}`);
    }
  }
  out.push('', 'Single-node failures:');
  const unsafe = p.safety.next.filter((s) => !s.quorate);
  if (p.safety.next.length === 0) out.push('  (no nodes)');
  else if (unsafe.length === 0) out.push('  ✓ the cluster stays quorate when any one node fails');
  else for (const s of unsafe) out.push(`  ✗ losing ${s.node} loses quorum (${s.votesLeft} votes left, quorum ${s.quorum})${p.safety.newlyUnsafe.includes(s) ? ' — new with this change' : ''}`);
  out.push('');
  if (p.verdict === 'refused') {
    out.push('Refused:');
    for (const r of p.refusals) out.push(`  - ${r}`);
  } else if (p.verdict === 'no-change') out.push('No changes: the deployed configuration already matches.');
  else out.push(`Safe to deploy: ${p.changeCount} change${p.changeCount === 1 ? '' : 's'}. Next: copy cluster.conf to /etc/cluster/ on one node and run \`cman_tool version -r\`.`);
  return out.join('\n') + '\n';
}

export function planJson(p: Plan): object {
  return {
    cluster: p.clusterName,
    verdict: p.verdict,
    exitCode: p.exitCode,
    configVersion: p.version,
    quorum: p.quorum,
    changes: p.sections.filter((s) => s.changes.length > 0).map((s) => ({ section: s.title, changes: s.changes })),
    singleFailures: p.safety.next,
    newlyUnsafe: p.safety.newlyUnsafe.map((s) => s.node),
    refusals: p.refusals,
  };
}
