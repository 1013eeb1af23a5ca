import { defineRule, attrSpan, spanOf } from '../rule.ts';
import { attr, children, getAttribute } from '../../model/conf.ts';
import { atoi } from '../../model/read.ts';

export default defineRule({
  id: 'domain/priority',
  severity: 'warning',
  summary: 'ordered domain member without a priority 1..100 (or an order of priorities on an unordered domain)',
  description:
    'In an ordered failover domain each member needs a priority from 1 (most preferred) to 100. A missing or out-of-range priority becomes 0, which rgmanager\'s scoring treats as *more* preferred than 1, while its restricted-domain code lists such nodes last: the service may prefer the node you meant as the last resort. In an unordered domain priorities are not read at all (fo_domain.c reads them only when the domain is ordered): different priorities there are an order rgmanager will not follow, while the same priority on every member (generated files often carry priority="1" everywhere) is harmless and not reported. Give every member of an ordered domain a priority, or make the domain ordered.',
  check(ctx) {
    for (const d of ctx.facts.domains) {
      const members = children(d.element, 'failoverdomainnode');
      if (!d.ordered) {
        // rgmanager never reads a priority in an unordered domain (fod_get_node(), fo_domain.c
        // l.90-93) and ranks every online member alike (node_should_start l.600-621). Generated
        // files often carry priority="1" on every member anyway (shared/corpus 004, 044), so equal priorities say nothing; only
        // different ones show an order the admin expects and rgmanager will not follow.
        const withPrio = members.filter((m) => getAttribute(m, 'priority'));
        const distinct = new Set(withPrio.map((m) => atoi(attr(m, 'priority'))));
        if (distinct.size > 1 && ctx.input === 'xml') {
          const order = withPrio.map((m) => `${attr(m, 'name')}=${attr(m, 'priority')}`).join(', ');
          ctx.report(attrSpan(withPrio[0], 'priority'), `failover domain \`${d.name}\` is not ordered, so rgmanager never reads the priorities of its members (${order}): every member is equally preferred; set ordered="1" if the order matters`);
        }
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
