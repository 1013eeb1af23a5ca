import { defineRule, attrSpan } from '../rule.ts';
import { attr } from '../../model/conf.ts';

export default defineRule({
  id: 'quorum/two-node-expected-votes',
  severity: 'warning',
  summary: 'two_node="1" requires expected_votes="1"',
  description:
    'cman(5) and the cluster schema require `expected_votes="1"` together with `two_node="1"`. cman does not refuse other values, but the documented and tested configuration is 1; with another value the quorum a single surviving node computes after a restart can differ from what the two-node special case promises. In a .cluster file leave both out: Quorate derives `two_node` and `expected_votes` for two one-vote nodes.',
  check(ctx) {
    const f = ctx.facts;
    if (!f.twoNode || !f.cman) return;
    const ev = attr(f.cman, 'expected_votes');
    if (ev === '1') return;
    ctx.report(attrSpan(f.cman, ev === undefined ? 'two_node' : 'expected_votes'), ev === undefined ? 'two_node is set without expected_votes="1" (cman(5): "expected_votes must be set to 1")' : `two_node is set with expected_votes="${ev}"; cman(5) requires expected_votes="1"`);
  },
});
