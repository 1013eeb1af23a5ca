import { defineRule, spanOf } from '../rule.ts';
import { attr, children } from '../../model/conf.ts';

export default defineRule({
  id: 'fence/kdump',
  severity: 'error',
  summary: 'fence_kdump sharing a method with another device, or not the first method',
  description:
    'fence_kdump only waits for the failed node to report that it booted its kdump kernel. All devices of a method must succeed, so with a power device in the same method the power device still fires and the crash dump is lost; and when fence_kdump is a later method, power fencing (the first method) reboots the node before the dump is written. Make fence_kdump a method of its own, the first one, followed by a power fencing method.',
  check(ctx) {
    const f = ctx.facts;
    for (const n of f.nodes) {
      const methods = f.methods(n);
      methods.forEach((m, i) => {
        const devices = children(m, 'device');
        const kdump = devices.filter((d) => attr(f.fenceDevice(attr(d, 'name') ?? '') ?? { tag: '', attributes: [], children: [] }, 'agent') === 'fence_kdump');
        if (kdump.length === 0) return;
        if (devices.length > kdump.length)
          ctx.report(spanOf(kdump[0]), `fence_kdump shares method \`${attr(m, 'name')}\` of \`${n.name}\` with another device: every device of a method runs, so the node is powered off and the crash dump is lost; give fence_kdump a method of its own`);
        else if (i > 0) ctx.report(spanOf(kdump[0]), `fence_kdump is method ${i + 1} of \`${n.name}\`: the power fencing of method 1 reboots the node before the dump is written; make it the first method`, { severity: 'warning' });
      });
    }
  },
});
