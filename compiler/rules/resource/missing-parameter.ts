import { defineRule, spanOf } from '../rule.ts';
import { getAttribute } from '../../model/conf.ts';
import { resourceTrees } from '../../rgmanager/resources.ts';

export default defineRule({
  id: 'resource/missing-parameter',
  severity: 'error',
  loweringReports: true,
  summary: 'a resource lacks a parameter its agent requires',
  description:
    'rgmanager refuses a resource whose required or primary parameters are missing, and with it every following sibling in the tree; the service starts without them and nothing but a log line says so. The schema reports it as a validation error. Set every required parameter (e.g. `address` on ip, `device`, `mountpoint` and `name` on fs).',
  check(ctx) {
    for (const n of resourceTrees(ctx.facts)) {
      if (n.isRef) continue;
      const missing = n.agent.parameters.filter((p) => (p.required || p.primary) && !getAttribute(n.element, p.name));
      if (missing.length) ctx.report(spanOf(n.element), `${n.agent.name} needs ${missing.map((p) => `\`${p.name}\``).join(', ')}: rgmanager refuses it and the resources after it`);
    }
  },
});
