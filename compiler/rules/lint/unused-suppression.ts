import { defineRule } from '../rule.ts';

// Reported by compiler/rules/suppress.ts while it applies `quorate-ignore` comments.
export default defineRule({
  id: 'lint/unused-suppression',
  severity: 'warning',
  summary: 'a quorate-ignore comment that suppresses nothing',
  description:
    'A `quorate-ignore` whose rule reports nothing on the line it applies to is stale: the problem was fixed, or the comment sits on the wrong line (it applies to its own line, or on a line of its own to the next line with content). Stale suppressions hide the next real problem on that line. Remove it or move it to the line the finding is on.',
  check() {},
});
