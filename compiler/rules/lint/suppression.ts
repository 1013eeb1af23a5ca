import { defineRule } from '../rule.ts';

// Reported by compiler/rules/suppress.ts while it applies `quorate-ignore` comments.
export default defineRule({
  id: 'lint/suppression',
  severity: 'error',
  summary: 'a quorate-ignore comment without a reason, for an unknown rule, or for an error that cannot be silenced',
  description:
    '`# quorate-ignore RULE -- reason` (in raw cluster.conf `<!-- quorate-ignore RULE -- reason -->`) silences RULE on its own line or, on a line of its own, on the next line. The reason after `--` is required so the next reader knows why; the rule id must exist; and errors with which cman or corosync refuse to start (a missing node id, a too long cluster name, two_node with three nodes…) cannot be silenced, because the cluster would not come up.',
  check() {},
});
