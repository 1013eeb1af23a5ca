// fence-virt/shared-domain: the guests' side alone (cluster.conf): runs on every input.

import { attr, type ConfElement } from '../../model/conf.ts';
import type { Span } from '../../diagnostics.ts';
import { deviceUses, effective } from '../../fence-virt/devices.ts';
import { defineRule } from '../rule.ts';
import { once } from './once.ts';

export default defineRule({
  id: 'fence-virt/shared-domain',
  severity: 'error',
  validity: true,
  summary: 'two nodes are fenced through the same guest',
  description:
    'Each node must be fenced through its own libvirt domain. When two nodes name the same `port`/`domain`, fencing one powers off the other: the node that should die survives and the healthy one is killed. Give each node its own guest.',
  check(ctx) {
    const report = once(ctx.report.bind(ctx));
    const byDomain = new Map<string, { node: ConfElement; span: Span | undefined }>();
    for (const u of deviceUses(ctx.model)) {
      const d = effective(u, ['port', 'domain'], undefined);
      if (d.value === undefined || d.value.trim() === '') continue;
      const prev = byDomain.get(d.value);
      if (prev && prev.node !== u.node) {
        report(d.span, `node \`${attr(u.node, 'name') ?? '?'}\` is fenced through domain \`${d.value}\`, which already fences node \`${attr(prev.node, 'name')}\`: fencing one would power off the other`, prev.span ? { related: [{ span: prev.span, message: 'the same domain fences this node' }] } : {});
      } else if (!prev) byDomain.set(d.value, { node: u.node, span: d.span });
    }
  },
});
