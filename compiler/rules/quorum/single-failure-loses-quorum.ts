import { defineRule, spanOf } from '../rule.ts';
import { fullQuorum, quorumInputs } from '../../simulate/quorum.ts';
import { setAttributesFix } from '../fixes.ts';

export default defineRule({
  id: 'quorum/single-failure-loses-quorum',
  severity: 'warning',
  simulation: true,
  summary: 'losing one node loses quorum',
  description:
    'With every node up, cman\'s quorum is max((expected_votes+2)/2, (total votes+2)/2), and it does not go down when a node dies. If the votes of the remaining nodes (plus the quorum disk\'s) fall below it after a single node failure, the survivors become inquorate: rgmanager stops every service and nothing is fenced, so the cluster offers no availability at all. Two nodes need `two_node="1"` (with fencing delays) or a quorum disk; otherwise add a node or rebalance the votes.',
  check(ctx) {
    const f = ctx.facts;
    if (f.nodes.length < 2) return;
    const q = quorumInputs(f);
    const total = f.totalNodeVotes + q.qdiskVotes;
    const quorum = fullQuorum(q);
    if (total < quorum) return; // never quorate at all: quorum/expected-votes-mismatch says why
    for (const n of f.nodes) {
      const after = { votes: total - n.votes, quorum: q.twoNode && f.nodes.length - 1 <= 2 ? 1 : quorum };
      if (after.votes >= after.quorum) continue;
      // Two one-vote nodes without a quorum disk: the two_node special case is the usual answer.
      const twoNodeFix =
        f.nodes.length === 2 && !f.quorumd && f.nodes.every((x) => x.votes === 1)
          ? setAttributesFix('Make it a two-node cluster (two_node, expected_votes = 1)', f.cman, [
              { name: 'two_node', xmlValue: '1', sourceValue: 'true' },
              { name: 'expected_votes', xmlValue: '1', sourceValue: '1' },
            ], ctx.input)
          : undefined;
      ctx.report(spanOf(n.element), `if \`${n.name}\` fails, the others hold ${after.votes} vote${after.votes === 1 ? '' : 's'} against a quorum of ${after.quorum}: the cluster loses quorum and rgmanager stops every service`, twoNodeFix ? { fixes: twoNodeFix } : {});
    }
  },
});
