import { defineRule, attrSpan, spanOf } from '../rule.ts';
import { attr, children, getAttribute } from '../../model/conf.ts';
import { atoi } from '../../model/read.ts';

export default defineRule({
  id: 'domain/priority',
  severity: 'warning',
  summary: 'ordered domain member without a priority 1..100 (or priority on an unordered domain)',
  description:
    'In an ordered failover domain each member needs a priority from 1 (most preferred) to 100. A missing or out-of-range priority becomes 0, which rgmanager\'s scoring treats as *more* preferred than 1, while its restricted-domain code lists such nodes last: the service may prefer the node you meant as the last resort. In an unordered domain priorities are not read at all. Give every member of an ordered domain a priority, or make the domain ordered.',
  check(ctx) {
    for (const d of ctx.facts.domains) {
      const members = children(d.element, 'failoverdomainnode');
      if (!d.ordered) {
        const withPrio = members.filter((m) => getAttribute(m, 'priority'));
        if (withPrio.length && ctx.input === 'xml') ctx.report(attrSpan(withPrio[0], 'priority'), `failover domain \`${d.name}\` is not ordered: rgmanager ignores the priorities of its members`);
        continue;
      }
      for (const m of members) {
        const p = attr(m, 'priority');
        if (p !== undefined && atoi(p) >= 1 && atoi(p) <= 100 && /^\s*\d+\s*$/.test(p)) continue;
        ctx.report(p === undefined ? spanOf(m) : attrSpan(m, 'priority'), `\`${attr(m, 'name')}\` in ordered domain \`${d.name}\` has ${p === undefined ? 'no priority' : `priority "${p}"`}: rgmanager uses 0, which its scoring ranks above priority 1`);
      }
    }
  },
});
