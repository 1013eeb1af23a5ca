import { defineRule, attrSpan } from '../rule.ts';

export default defineRule({
  id: 'quorum/two-node-node-count',
  severity: 'error',
  refusesStart: true,
  summary: 'two_node="1" needs exactly two nodes with one vote each',
  description:
    'With `two_node="1"` cman checks at startup that cluster.conf lists exactly two `clusternode`s whose votes sum to 2 and that this node has one vote; otherwise it refuses to start ("two_node is set but there are not 2 nodes in cluster.conf"). Remove `two_node` when the cluster has more than two nodes (or a vote other than 1), or go back to two one-vote nodes.',
  check(ctx) {
    const f = ctx.facts;
    if (!f.twoNode) return;
    const sum = f.totalNodeVotes;
    if (f.nodes.length === 2 && sum === 2 && f.nodes.every((n) => n.votes === 1)) return;
    const why = f.nodes.length !== 2 ? `there are ${f.nodes.length} nodes` : `the node votes are ${f.nodes.map((n) => n.votes).join(' and ')}`;
    ctx.report(attrSpan(f.cman, 'two_node'), `two_node is set but ${why}: cman refuses to start ("the two-node option requires exactly two nodes with one vote each")`);
  },
});
