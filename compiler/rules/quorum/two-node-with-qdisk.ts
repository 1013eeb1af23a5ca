import { defineRule, attrSpan, spanOf } from '../rule.ts';

export default defineRule({
  id: 'quorum/two-node-with-qdisk',
  severity: 'warning',
  summary: 'two_node together with a quorum disk',
  description:
    'qdisk(5): "For tiebreaker operation in a two-node cluster, unset CMAN\'s two_node flag, set expected votes to 3, set each node\'s vote to 1, and leave qdisk\'s vote count unset." With `two_node="1"` each node is quorate alone, so the quorum disk decides nothing and both nodes still race to fence each other. Remove `two_node` and let the quorum disk break the tie.',
  check(ctx) {
    const f = ctx.facts;
    if (!f.twoNode || !f.quorumd) return;
    ctx.report(attrSpan(f.cman, 'two_node'), 'two_node is set together with a quorum disk: each node is quorate alone, so the quorum disk breaks no tie; unset two_node and use expected_votes="3"', {
      related: [{ span: spanOf(f.quorumd), message: 'the quorum disk' }],
    });
  },
});
