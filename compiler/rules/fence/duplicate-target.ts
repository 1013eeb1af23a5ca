import { defineRule, spanOf } from '../rule.ts';
import { fenceAgent, fencingOf, type FencingSpec } from '../../catalogue/index.ts';
import { attr } from '../../model/conf.ts';

// The attributes of a <device> (or its <fencedevice>) that name one victim: an outlet or VM
// (`port`, `plug`, fence_xvm's deprecated `domain`), a per-node controller address, a switch of
// a chassis, fence_mpath's per-node reservation `key`.
const TARGET_ATTRIBUTES = ['port', 'plug', 'domain', 'ipaddr', 'switch', 'key'];

/** What fencing a node through a target another node uses does to that other node. */
function consequence(spec: FencingSpec | undefined): string {
  switch (spec?.kind) {
    case 'fabric':
      return 'fencing one cuts the other off its storage or network';
    case 'delegate':
      return 'fencing one makes Pacemaker fence the other';
    case 'power':
      return 'fencing one powers off the other';
    default:
      return 'if that target names the victim, fencing one hits the other';
  }
}

export default defineRule({
  id: 'fence/duplicate-target',
  severity: 'error',
  summary: 'two nodes are fenced through the same device and outlet/port',
  description:
    'When two nodes name the same fence device with the same target (the same `port`, `plug`, reservation `key` or per-node address, or an IPMI-style device that controls exactly one machine), fencing one node powers off (or cuts off) the other — typically a copied node block whose port was not changed. The cluster then kills a healthy node and keeps the failed one. Give each node its own outlet, port or management controller. Agents that act on the node fenced names (fence_scsi, fence_kdump, fence_sanlock) or on no node at all (fence_passive_nic checks a NIC of the node that runs it) rightly share one target; an agent Quorate does not know is reported as a warning.',
  check(ctx) {
    const f = ctx.facts;
    const seen = new Map<string, { node: string; el: (typeof f.nodes)[number]['element'] }>();
    for (const n of f.nodes) {
      const keys = new Set<string>();
      for (const r of f.deviceRefs(n)) {
        const dev = f.fenceDevice(r.name);
        if (!dev) continue;
        const agentName = attr(dev, 'agent') ?? '';
        const spec = fencingOf(agentName);
        // Only an agent whose every node's entry names its own victim can hit the wrong node.
        if (spec && spec.victim !== 'per-node') continue;
        const agent = fenceAgent(agentName);
        const target = TARGET_ATTRIBUTES.map((k) => attr(r.element, k) ?? '').join('|');
        const perNodeTarget = target.replace(/\|/g, '') !== '';
        // Without a per-node target the device itself must designate one machine (no `port` parameter).
        if (!perNodeTarget && (!agent || agent.parameters.some((p) => p.name === 'port'))) continue;
        const key = `${r.name}\u0000${target}`;
        if (keys.has(key)) continue;
        keys.add(key);
        const other = seen.get(key);
        if (other && other.node !== n.name)
          ctx.report(spanOf(r.element), `\`${n.name}\` and \`${other.node}\` are fenced through the same target of \`${r.name}\`${perNodeTarget ? ` (${target.split('|').filter(Boolean).join(', ')})` : ''}: ${consequence(spec)}`, {
            related: [{ span: spanOf(other.el), message: `\`${other.node}\` uses the same target` }],
            ...(spec ? {} : { severity: 'warning' as const }),
          });
        else seen.set(key, { node: n.name, el: r.element });
      }
    }
  },
});
