import { defineRule, spanOf } from '../rule.ts';
import { attr } from '../../model/conf.ts';

export default defineRule({
  id: 'fence/unused-device',
  severity: 'warning',
  summary: 'a fence device no node uses',
  description:
    'A `fencedevice` that no node\'s fence method or unfence section refers to is never used by fenced. It usually means a method points at the wrong device (a copy-paste of another node\'s block) or a node lost its fencing in an edit. Use the device in the node it was meant for, or remove it.',
  check(ctx) {
    const f = ctx.facts;
    const used = new Set<string>();
    for (const n of f.nodes) {
      for (const r of f.deviceRefs(n)) used.add(r.name);
      for (const d of f.unfenceDevices(n)) used.add(attr(d, 'name') ?? '');
    }
    for (const d of f.fenceDevices) {
      const name = attr(d, 'name') ?? '';
      if (!used.has(name)) ctx.report(spanOf(d), `fence device \`${name}\` is not used by any node`);
    }
  },
});
