import { defineRule, spanOf } from '../rule.ts';
import { place, PlacementModel } from '../../simulate/placement.ts';

export default defineRule({
  id: 'simulate/service-unplaceable',
  severity: 'warning',
  simulation: true,
  summary: 'a service cannot start even with every node up',
  description:
    'Quorate places every service the way rgmanager does: a node starts a service only if it scores BEST for it (its failover domain\'s most preferred online member, any member of an unordered domain, any node when no member is online and the domain is unrestricted), and exclusive services need a node of their own. A service for which no node qualifies with every node up stays stopped forever — a restricted domain without a real member, member names that differ in case from the node names, or exclusive services competing for the same nodes. `quorate simulate` shows why.',
  check(ctx) {
    const f = ctx.facts;
    if (f.services.length === 0 || f.nodes.length === 0) return;
    const pm = new PlacementModel(f);
    const placed = place(pm, f.nodes.map(() => true));
    placed.forEach((p, i) => {
      if (p.state !== 'stopped') return;
      const s = f.services[i]!;
      ctx.report(spanOf(s.element), `${s.type} \`${s.name}\` cannot start with every node up: ${p.reason}`);
    });
  },
});
