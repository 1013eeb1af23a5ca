import { defineRule, spanOf } from '../rule.ts';
import { fenceAgent } from '../../catalogue/index.ts';
import { attr } from '../../model/conf.ts';

// Agents that fence "this node" implicitly (by nodename) or cut storage, where a shared device is right.
const BY_NODENAME = new Set(['fence_scsi', 'fence_mpath', 'fence_kdump', 'fence_sanlock']);

export default defineRule({
  id: 'fence/duplicate-target',
  severity: 'error',
  summary: 'two nodes are fenced through the same device and outlet/port',
  description:
    'When two nodes name the same fence device with the same target (the same `port`, `plug` or per-node address, or an IPMI-style device that controls exactly one machine), fencing one node powers off the other — typically a copied node block whose port was not changed. The cluster then kills a healthy node and keeps the failed one. Give each node its own outlet, port or management controller.',
  check(ctx) {
    const f = ctx.facts;
    const seen = new Map<string, { node: string; el: (typeof f.nodes)[number]['element'] }>();
    for (const n of f.nodes) {
      const keys = new Set<string>();
      for (const r of f.deviceRefs(n)) {
        const dev = f.fenceDevice(r.name);
        const agentName = dev ? attr(dev, 'agent') ?? '' : '';
        if (!dev || BY_NODENAME.has(agentName)) continue;
        const agent = fenceAgent(agentName);
        const target = ['port', 'plug', 'domain', 'ipaddr', 'switch'].map((k) => attr(r.element, k) ?? '').join('|');
        const perNodeTarget = target.replace(/\|/g, '') !== '';
        // Without a per-node target the device itself must designate one machine (no `port` parameter).
        if (!perNodeTarget && (!agent || agent.parameters.some((p) => p.name === 'port'))) continue;
        const key = `${r.name}\u0000${target}`;
        if (keys.has(key)) continue;
        keys.add(key);
        const other = seen.get(key);
        if (other && other.node !== n.name)
          ctx.report(spanOf(r.element), `\`${n.name}\` and \`${other.node}\` are fenced through the same target of \`${r.name}\`${perNodeTarget ? ` (${target.split('|').filter(Boolean).join(', ')})` : ''}: fencing one powers off the other`, {
            related: [{ span: spanOf(other.el), message: `\`${other.node}\` uses the same target` }],
          });
        else seen.set(key, { node: n.name, el: r.element });
      }
    }
  },
});
