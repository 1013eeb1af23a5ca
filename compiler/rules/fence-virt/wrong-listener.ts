// fence-virt/wrong-listener: the guests' fence devices against the host's fence_virtd (the `fence_virtd { }` block of the same .cluster source); silent without one.

import { attr } from '../../model/conf.ts';
import { deviceUses } from '../../fence-virt/devices.ts';
import { defineRule } from '../rule.ts';
import { once } from './once.ts';

export default defineRule({
  id: 'fence-virt/wrong-listener',
  severity: 'error',
  validity: true,
  summary: 'fence_xvm devices, but fence_virtd does not run the multicast listener',
  description:
    'fence_xvm only talks to fence_virtd\'s `multicast` listener; `serial`, `vsock` and `tcp` serve fence_virt. With another listener no fence_xvm request is ever answered. Run `listener multicast { }` (or use fence_virt on the guests).',
  check(ctx) {
    const listener = ctx.options.fenceVirt?.listener;
    if (!listener || listener.name === 'multicast') return;
    const report = once(ctx.report.bind(ctx));
    for (const u of deviceUses(ctx.model)) {
      if (u.agent !== 'fence_xvm') continue;
      report(u.fencedevice.nameSpan ?? u.fencedevice.span, `fence_xvm talks to fence_virtd's multicast listener, but fence_virtd runs listener \`${listener.name}\``, { related: [{ span: listener.span, message: 'the listener fence_virtd runs' }] });
    }
  },
});
