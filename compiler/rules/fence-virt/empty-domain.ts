// fence-virt/empty-domain: the guests' side alone (cluster.conf): runs on every input.

import { attr } from '../../model/conf.ts';
import { deviceUses, effective } from '../../fence-virt/devices.ts';
import { defineRule } from '../rule.ts';
import { once } from './once.ts';

export default defineRule({
  id: 'fence-virt/empty-domain',
  severity: 'error',
  validity: true,
  summary: 'a fence_xvm/fence_virt device names no guest to power off',
  description:
    'A node\'s fence_xvm or fence_virt device needs `port` (RHEL 6: `domain`): the libvirt domain name or UUID of that node\'s guest. Missing or empty, the agent refuses to run (fence_xvm: "No domain specified!", "Invalid domain name"; it does not fall back to the `nodename` fenced passes) and fencing of the node fails. Set `port` to the node\'s guest.',
  check(ctx) {
    const report = once(ctx.report.bind(ctx));
    for (const u of deviceUses(ctx.model)) {
      const d = effective(u, ['port', 'domain'], undefined);
      if (d.value !== undefined && d.value.trim() !== '') continue;
      const nodeName = attr(u.node, 'name') ?? '?';
      report(d.value === undefined ? (u.device.nameSpan ?? u.device.span) : d.span, `${u.agent} device \`${attr(u.device, 'name')}\` for node \`${nodeName}\` names no guest, so fence_xvm refuses to run ("No domain specified!" / "Invalid domain name"): set \`port\` to the libvirt domain to power off`);
    }
  },
});
