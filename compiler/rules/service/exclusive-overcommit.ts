import { defineRule, spanOf } from '../rule.ts';
import type { ServiceFact } from '../../model/facts.ts';

export default defineRule({
  id: 'service/exclusive-overcommit',
  severity: 'warning',
  summary: 'more exclusive services than nodes they may run on',
  description:
    'An exclusive service starts only on a node running no other service, and a node running one takes no other service. When more exclusive services can only run on a set of nodes than that set has nodes, some of them can never start, even with every node up, and rgmanager does not say why. Reduce the exclusive services, widen their failover domains, or add nodes.',
  check(ctx) {
    const f = ctx.facts;
    const all = f.nodes.map((n) => n.name);
    const allowed = (s: ServiceFact) => (s.domain && s.domain.restricted ? all.filter((n) => s.domain!.members.some((m) => m.name === n)) : all);
    const ex = f.services.filter((s) => s.exclusive && s.autostart);
    for (const s of ex) {
      const mine = allowed(s);
      const competing = ex.filter((t) => allowed(t).every((n) => mine.includes(n)));
      if (competing.length <= mine.length) continue;
      ctx.report(spanOf(s.element), `${competing.length} exclusive services (${competing.map((t) => t.name).join(', ')}) can only run on ${mine.length} node${mine.length === 1 ? '' : 's'}: at least ${competing.length - mine.length} of them never starts`);
    }
  },
});
