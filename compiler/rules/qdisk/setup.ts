import { defineRule, attrSpan, spanOf } from '../rule.ts';
import { attr, children, getAttribute } from '../../model/conf.ts';
import { atoi } from '../../model/read.ts';

export default defineRule({
  id: 'qdisk/setup',
  severity: 'error',
  summary: 'a quorum disk qdiskd cannot run: no device or label, more than 16 nodes or node ids, uneven votes, unreachable min_score',
  description:
    'qdiskd refuses to run without `device` or `label` ("No device or label specified"), supports at most 16 nodes with node ids 1..16 (the on-disk status blocks), computes its own votes only when every node has one vote ("Set all node vote counts to 1 or specify qdiskd\'s votes"), and never becomes usable when `min_score` exceeds the sum of the heuristic scores; it reads at most 10 heuristics and ignores the rest. Without qdiskd the quorum disk votes are missing and the cluster may lose quorum where you counted on the disk.',
  check(ctx) {
    const f = ctx.facts;
    const q = f.quorumd;
    if (!q) return;
    if (!getAttribute(q, 'device') && !getAttribute(q, 'label')) ctx.report(spanOf(q), 'the quorum disk has neither `device` nor `label`: qdiskd does not start ("No device or label specified; cannot run QDisk services")');
    if (f.nodes.length > 16) ctx.report(spanOf(q), `the cluster has ${f.nodes.length} nodes; qdiskd supports at most 16`);
    for (const n of f.nodes)
      if (n.nodeid !== undefined && n.nodeid > 16) ctx.report(attrSpan(n.element, 'nodeid'), `node id ${n.nodeid} of \`${n.name}\` is above 16: qdiskd has status blocks for node ids 1..16 only`);
    if (!getAttribute(q, 'votes') && f.nodes.some((n) => n.votes !== 1))
      ctx.report(spanOf(q), 'qdiskd computes its votes only when every node has one vote ("Set all node vote counts to 1 or specify qdiskd\'s votes"): set `votes` on the quorum disk');
    const heuristics = children(q, 'heuristic');
    if (heuristics.length > 10) ctx.report(spanOf(heuristics[10]), `qdiskd reads at most 10 heuristics; this one and the ${heuristics.length - 11} after it are ignored`, { severity: 'warning' });
    const sum = heuristics.slice(0, 10).reduce((s, h) => s + Math.max(1, atoi(attr(h, 'score') ?? '1')), 0);
    const min = attr(q, 'min_score');
    if (min !== undefined && heuristics.length > 0 && atoi(min) > sum) ctx.report(attrSpan(q, 'min_score'), `min_score ${min} is more than the heuristics can score (${sum}): the node never counts as fit ("Minimum score is impossible to achieve")`);
  },
});
