import { defineRule, spanOf } from '../rule.ts';
import { attr, getAttribute } from '../../model/conf.ts';
import { resourceTrees } from '../../rgmanager/resources.ts';
import type { ResourceAgentSpec } from '../../catalogue/index.ts';

const requiredCache = new WeakMap<ResourceAgentSpec, ResourceAgentSpec['parameters']>();

/** The agent's required and primary parameters, in catalogue order (built once per agent). */
function requiredParameters(agent: ResourceAgentSpec): ResourceAgentSpec['parameters'] {
  let required = requiredCache.get(agent);
  if (!required) requiredCache.set(agent, (required = agent.parameters.filter((p) => p.required || p.primary)));
  return required;
}

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
      const missing = requiredParameters(n.agent).filter((p) => !getAttribute(n.element, p.name));
      if (missing.length === 0) continue;
      const name = attr(n.element, 'name');
      const names = missing.map((p) => `\`${p.name}\``).join(', ');
      ctx.report(spanOf(n.element), `${n.agent.name}${name ? ` \`${name}\`` : ''} is missing required ${missing.length === 1 ? 'parameter' : 'parameters'} ${names}: rgmanager drops it${n.global ? ' and every later resource of its type' : ' and its later siblings of that type'}`);
    }
  },
});
