import { defineRule, attrSpan } from '../rule.ts';
import { fencingOf } from '../../catalogue/index.ts';
import { attr, type ConfElement } from '../../model/conf.ts';

export default defineRule({
  id: 'fence/success-without-fencing',
  severity: 'error',
  summary: 'a fence agent that can report success without fencing the node',
  description:
    'fenced takes an agent\'s exit 0 as "the node is fenced" and recovers its services, GFS2 journals and DLM locks (fence/libfence/agent.c). An agent that exits 0 without powering the node off or cutting it off its storage lets a node that is merely hung come back and write to shared data alongside its replacement. fence_dummy (a test agent: `off` writes "off" to a local file, fence_dummy.py l.32-40) does exactly that: an error. fence_passive_nic reports the peer fenced when a NIC link of its own node is down (fence_passive_nic l.541-553); its author warns "This fence agent can not actually fence a node!": a warning, an error when a node has no power or fabric fencing besides it. An agent Quorate does not know (a site script, a path) is noted: its code decides whether its exit 0 means the node is off, which no configuration shows — check that it powers the node off or cuts it off before it exits 0. fence_kdump (fence/kdump) and fence_manual (fence/manual) have their own rules.',
  check(ctx) {
    const f = ctx.facts;
    // Which nodes use each device, and whether each node has some fencing that really kills.
    const users = new Map<string, string[]>();
    const hasRealFencing = new Map<string, boolean>();
    for (const n of f.nodes) {
      let real = false;
      for (const r of f.deviceRefs(n)) {
        const list = users.get(r.name) ?? [];
        if (!list.includes(n.name)) list.push(n.name);
        users.set(r.name, list);
        const dev = f.fenceDevice(r.name);
        const kind = dev ? fencingOf(attr(dev, 'agent') ?? '')?.kind : undefined;
        if (kind === 'power' || kind === 'fabric' || kind === 'delegate') real = true;
      }
      hasRealFencing.set(n.name, real);
    }
    for (const dev of f.fenceDevices) {
      const agent = attr(dev, 'agent');
      if (agent === undefined || agent === '') continue; // a missing agent is the schema's finding
      const name = attr(dev, 'name') ?? '';
      const spec = fencingOf(agent);
      const at = attrSpan(dev as ConfElement, 'agent');
      if (!spec) {
        // In a .cluster source the language already refuses an unknown agent (fence/unknown-agent).
        if (ctx.input === 'cluster') continue;
        ctx.report(at, `Quorate does not know fence agent \`${agent}\` (device \`${name}\`): fenced trusts its exit 0 as "fenced"; make sure it powers the node off or cuts it off its storage before it exits 0`, { severity: 'info' });
        continue;
      }
      if (agent === 'fence_kdump' || agent === 'fence_manual') continue; // their own rules
      if (!spec.successWithoutFencing) continue;
      if (spec.kind === 'none') {
        ctx.report(at, `fence device \`${name}\` uses ${agent} (${spec.doc}): fenced takes its success as the node fenced and recovers the node's services while the node may still run`);
        continue;
      }
      const alone = (users.get(name) ?? []).filter((n) => !hasRealFencing.get(n));
      ctx.report(
        at,
        alone.length
          ? `fence device \`${name}\` uses ${agent}, which powers nothing off, and ${alone.map((n) => `\`${n}\``).join(', ')} ${alone.length === 1 ? 'has' : 'have'} no other power or fabric fencing: a hung node is reported fenced and its services start elsewhere while it may still write`
          : `fence device \`${name}\` uses ${agent}, which powers nothing off: it reports a node fenced when it only sees a link down; keep it only as the last method after power fencing`,
        alone.length ? {} : { severity: 'warning' },
      );
    }
  },
});
