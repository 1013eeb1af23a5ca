import { defineRule, attrSpan } from '../rule.ts';
import { half } from '../../simulate/quorum.ts';

export default defineRule({
  id: 'quorum/expected-votes-mismatch',
  severity: 'warning',
  summary: 'expected_votes differs from the votes of the nodes (+ quorum disk)',
  description:
    'cman computes quorum from the highest of `expected_votes` and the votes actually present. When `expected_votes` is lower than the node votes plus the quorum disk votes, a minority of nodes booting on its own is quorate by itself (split brain); when it is higher, the cluster needs more votes than exist and may never become quorate. Set it to the sum of the node votes plus the quorum disk votes, or leave it out of a .cluster file and let Quorate derive it.',
  check(ctx) {
    const f = ctx.facts;
    if (!f.expectedVotesWritten || f.twoNode) return;
    const expected = f.expectedVotes;
    const total = f.totalNodeVotes + f.qdiskVotes;
    if (expected === total) return;
    const parts = `${f.totalNodeVotes} node vote${f.totalNodeVotes === 1 ? '' : 's'}${f.quorumd ? ` + ${f.qdiskVotes} quorum disk vote${f.qdiskVotes === 1 ? '' : 's'}` : ''}`;
    const span = attrSpan(f.cman, 'expected_votes');
    // Either way the value to write is the vote total: too low is the split-brain case, so it
    // needs the fix as much as too high does.
    const fixes = span.end > span.start ? [{ title: `Set expected_votes to ${total}`, edits: [{ span, newText: String(total) }] }] : [];
    if (expected > total) {
      const never = half(expected) > total;
      ctx.report(span, `expected_votes is ${expected} but the cluster has ${parts} = ${total}: ${never ? `quorum would be ${half(expected)}, more votes than exist, so the cluster never becomes quorate` : 'fewer node failures are survivable than the votes suggest'}`, { severity: never ? 'error' : 'warning', fixes });
    } else
      ctx.report(span, `expected_votes is ${expected} but the cluster has ${parts} = ${total}: nodes holding only ${half(expected)} votes that boot on their own are quorate (split brain)`, { fixes });
  },
});
