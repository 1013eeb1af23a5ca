import { defineRule, spanOf } from '../rule.ts';
import { attr } from '../../model/conf.ts';
import { definitionOf, primaryOf, resourceTrees } from '../../rgmanager/resources.ts';

export default defineRule({
  id: 'resource/unused',
  severity: 'warning',
  summary: 'a resource defined in <resources> but used by no service',
  description:
    'A resource in `<rm><resources>` does nothing until a service uses it by reference. An unused definition is usually a service that was meant to include it (the address or file system will not move with the service) or a leftover that confuses the next reader. Use it in its service, or delete it.',
  check(ctx) {
    const nodes = resourceTrees(ctx.facts);
    const used = new Set<object>();
    for (const n of nodes) if (n.isRef) {
      const d = definitionOf(nodes, n);
      if (d) used.add(d);
    }
    for (const n of nodes) {
      if (!n.global || n.parent || n.isRef || used.has(n)) continue;
      const p = primaryOf(n.agent);
      // In a .cluster source, the name the admin declared it with (`ip web_ip`), not its address.
      ctx.report(spanOf(n.element), `${n.agent.name} resource \`${n.element.sourceName ?? (p && attr(n.element, p)) ?? ''}\` is defined but no service uses it`);
    }
  },
});
