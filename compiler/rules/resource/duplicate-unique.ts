import { defineRule, attrSpan } from '../rule.ts';
import { attr } from '../../model/conf.ts';
import { resourceTrees } from '../../rgmanager/resources.ts';

export default defineRule({
  id: 'resource/duplicate-unique',
  severity: 'error',
  summary: 'two resources of one type share a primary or unique value',
  description:
    'rgmanager keys resources by their type and primary attribute and requires attributes marked unique in the agent metadata (an ip address, an fs device or mountpoint…) to differ across all resources of that type, inline or in `<resources>`. A second resource with the same value is refused ("Unique attribute collision") and silently missing from its service. Give each resource its own name and values, or define it once and use it by reference.',
  check(ctx) {
    const seen = new Map<string, { el: typeof ctx.model; name: string }>();
    for (const n of resourceTrees(ctx.facts)) {
      if (n.isRef) continue;
      for (const p of n.agent.parameters) {
        if (!p.primary && !p.unique) continue;
        const v = attr(n.element, p.name);
        if (v === undefined || v === '') continue;
        const key = `${n.agent.name}\u0000${p.name}\u0000${v}`;
        const other = seen.get(key);
        if (!other) {
          seen.set(key, { el: n.element, name: p.name });
          continue;
        }
        ctx.report(attrSpan(n.element, p.name), `another ${n.agent.name} already has ${p.name}="${v}": rgmanager refuses this one and the service runs without it`, { related: [{ span: attrSpan(other.el, other.name), message: 'the first one' }] });
      }
    }
  },
});
