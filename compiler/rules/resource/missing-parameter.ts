import { defineRule, spanOf } from '../rule.ts';
import { attr, getAttribute } from '../../model/conf.ts';
import { resourceTrees } from '../../rgmanager/resources.ts';

export default defineRule({
  id: 'resource/missing-parameter',
  severity: 'error',
  validity: true,
  summary: 'a resource lacks a parameter its agent requires',
  description:
    'rgmanager refuses a resource whose required or primary parameters are missing, and with it every following sibling in the tree; the service starts without them and nothing but a log line says so. The schema reports it as a validation error. Set every required parameter (e.g. `address` on ip, `device`, `mountpoint` and `name` on fs).',
  check(ctx) {
    for (const n of resourceTrees(ctx.facts)) {
      if (n.isRef) continue;
      const missing = n.agent.parameters.filter((p) => (p.required || p.primary) && !getAttribute(n.element, p.name));
      if (missing.length === 0) continue;
      const name = attr(n.element, 'name');
      const names = missing.map((p) => `\`${p.name}\``).join(', ');
      ctx.report(spanOf(n.element), `${n.agent.name}${name ? ` \`${name}\`` : ''} is missing required ${missing.length === 1 ? 'parameter' : 'parameters'} ${names}: rgmanager drops it${n.global ? ' and every later resource of its type' : ' and its later siblings of that type'}`);
    }
  },
});
