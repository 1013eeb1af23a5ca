import { defineRule, attrSpan, spanOf } from '../rule.ts';
import { bootsAlone, quorateMinority, quorumInputs } from '../../simulate/quorum.ts';

export default defineRule({
  id: 'quorum/minority-partition-quorate',
  severity: 'warning',
  simulation: true,
  summary: 'a minority of the nodes can be quorate on its own',
  description:
    'Quorum never decreases while the cluster runs, but nodes that boot on their own (after a power cut, or split from the rest) compute it afresh from `expected_votes` and their own votes. If a set of nodes holding at most half of all votes is quorate that way, two halves of the cluster can both run services and fence each other: split brain. Raise `expected_votes` to the total of node and quorum disk votes.',
  check(ctx) {
    const f = ctx.facts;
    const q = quorumInputs(f);
    const set = quorateMinority(q);
    if (!set) return;
    const votes = set.reduce((s, i) => s + q.votes[i]!, 0);
    const st = bootsAlone(q, votes, set.length);
    const names = set.map((i) => `\`${f.nodes[i]!.name}\``).join(', ');
    const total = f.totalNodeVotes + f.qdiskVotes;
    ctx.report(f.expectedVotesWritten ? attrSpan(f.cman, 'expected_votes') : spanOf(f.nodes[set[0]!]!.element), `${names} alone hold ${votes} of ${total} votes yet are quorate when they boot on their own (quorum ${st.quorum} from expected_votes ${q.expectedVotes}): the rest of the cluster can be quorate too`);
  },
});
