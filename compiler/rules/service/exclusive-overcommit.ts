import { defineRule, spanOf } from '../rule.ts';
import type { ServiceFact } from '../../model/facts.ts';

/** How many competing services a message names before it says "and N more". */
const NAMED = 5;

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
    // Services that may run on the same node set compete alike: compare each distinct set once
    // (a big cluster has many services but few domains), so the rule costs sets², not services².
    const bySet = new Map<string, { nodes: Set<string>; services: ServiceFact[] }>();
    for (const s of ex) {
      const nodes = allowed(s);
      const key = nodes.join('\0');
      const group = bySet.get(key) ?? { nodes: new Set(nodes), services: [] };
      group.services.push(s);
      bySet.set(key, group);
    }
    const groups = [...bySet.values()];
    const subset = (a: Set<string>, b: Set<string>) => a.size <= b.size && [...a].every((n) => b.has(n));
    const order = new Map(ex.map((s, i) => [s, i]));
    // Each group's competitors in source order, so the message lists them as written.
    const competingFor = new Map(groups.map((g) => [g, groups.filter((h) => subset(h.nodes, g.nodes)).flatMap((h) => h.services).sort((a, b) => order.get(a)! - order.get(b)!)]));
    for (const s of ex) {
      const group = bySet.get(allowed(s).join('\0'))!;
      const competing = competingFor.get(group)!;
      const room = group.nodes.size;
      if (competing.length <= room) continue;
      const names = competing.slice(0, NAMED).map((t) => t.name).join(', ') + (competing.length > NAMED ? `, and ${competing.length - NAMED} more` : '');
      ctx.report(spanOf(s.element), `${competing.length} exclusive services (${names}) can only run on ${room} node${room === 1 ? '' : 's'}: at least ${competing.length - room} of them never starts`);
    }
  },
});
