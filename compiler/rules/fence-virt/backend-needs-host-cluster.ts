// fence-virt/backend-needs-host-cluster: the guests' fence devices against the host's fence_virtd (the `fence_virtd { }` block of the same .cluster source); silent without one.

import { attr } from '../../model/conf.ts';
import { deviceUses } from '../../fence-virt/devices.ts';
import { defineRule } from '../rule.ts';

export default defineRule({
  id: 'fence-virt/backend-needs-host-cluster',
  severity: 'error',
  validity: true,
  summary: 'a checkpoint/cpg backend, but the hypervisors are not a cluster',
  description:
    'The `checkpoint` (RHEL 6) and `cpg` backends track guests through cman/openais or corosync running on the hypervisors themselves. This file\'s cluster is made of the guests fenced through fence_virtd, so it cannot provide that; the backend fails to find the guests. Use `backend libvirt { uri = "qemu:///system" }`.',
  check(ctx) {
    const fv = ctx.options.fenceVirt;
    const backend = fv?.backend?.name;
    if (!fv || (backend !== 'checkpoint' && backend !== 'cpg') || deviceUses(ctx.model).length === 0) return;
    ctx.report(
      fv.backend!.span,
      `backend \`${backend}\` needs the hypervisors to run ${backend === 'checkpoint' ? 'cman with openais checkpoints' : 'corosync'} as a cluster of their own, but cluster \`${attr(ctx.model, 'name')}\` is made of the guests fenced through fence_virtd: use \`backend libvirt { uri = "qemu:///system" }\`${backend === 'cpg' ? " (and RHEL 6's fence-virt 0.2/0.3 has no cpg backend at all)" : ''}`,
    );
  },
});
