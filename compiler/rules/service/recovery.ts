import { defineRule, attrSpan } from '../rule.ts';
import { suggest } from '../../catalogue/index.ts';
import { getAttribute } from '../../model/conf.ts';

const POLICIES = ['restart', 'relocate', 'disable', 'restart-disable'];

export default defineRule({
  id: 'service/recovery',
  severity: 'error',
  summary: 'unknown recovery policy (rgmanager silently uses restart)',
  description:
    'A service\'s `recovery` is one of restart, relocate, disable or restart-disable. rgmanager does not validate it: any other value (`relocation`, `Relocate`) silently means restart, so a failing service is restarted in place forever instead of moving away. In a .cluster file the value is checked by type.',
  check(ctx) {
    for (const s of ctx.facts.services) {
      const a = getAttribute(s.element, 'recovery');
      if (!a || POLICIES.includes(a.value)) continue;
      const sug = suggest(a.value, POLICIES);
      const span = attrSpan(s.element, a);
      ctx.report(span, `recovery="${a.value}" is not a policy rgmanager knows${sug ? `; did you mean "${sug}"?` : ''}: it silently restarts the ${s.type} in place instead`, { fixes: sug && a.span ? [{ title: `Use ${sug}`, edits: [{ span, newText: sug }] }] : [] });
    }
  },
});
