import { defineRule, spanOf } from '../rule.ts';
import { fenceAgent } from '../../catalogue/index.ts';
import { attr, getAttribute } from '../../model/conf.ts';

export default defineRule({
  id: 'fence/missing-parameter',
  severity: 'error',
  validity: true,
  summary: 'a fence agent parameter it requires is set neither on the device nor in the method',
  description:
    'fenced passes the attributes of the node\'s `<device>` and of the `<fencedevice>` to the agent on standard input. A parameter the agent requires (an address, a login, the port or plug of the node) that is on neither makes every fencing attempt fail, and a failing fence blocks recovery. The schema does not check this. Set the parameter on the fence device, or per node on the device in the method.',
  check(ctx) {
    const f = ctx.facts;
    for (const n of f.nodes)
      for (const r of f.deviceRefs(n)) {
        const dev = f.fenceDevice(r.name);
        const agent = dev && fenceAgent(attr(dev, 'agent') ?? '');
        if (!dev || !agent) continue;
        const missing = agent.parameters.filter((p) => p.required && p.default === undefined && p.name !== 'nodename' && !getAttribute(r.element, p.name) && !getAttribute(dev, p.name));
        if (missing.length === 0) continue;
        ctx.report(spanOf(r.element), `${agent.name} needs ${missing.map((p) => `\`${p.name}\``).join(', ')} to fence \`${n.name}\`: set ${missing.length === 1 ? 'it' : 'them'} on this device or on fence device \`${r.name}\``);
      }
  },
});
