import { defineRule, attrSpan } from '../rule.ts';
import { fenceAgent, suggest } from '../../catalogue/index.ts';
import { attr, type ConfElement } from '../../model/conf.ts';

export default defineRule({
  id: 'fence/unknown-parameter',
  severity: 'error',
  validity: true,
  summary: 'an attribute that is not a parameter of the fence agent',
  description:
    'The schema accepts a `fencedevice` or `device` whose attributes all belong to *some* fence agent, not necessarily the one named in `agent`. The agent itself ignores unknown keys with a warning, so a misspelt or foreign parameter (`ipadr`, `community` on fence_ipmilan) silently does nothing and fencing fails when it is needed. Use the agent\'s own parameter names.',
  check(ctx) {
    const f = ctx.facts;
    const check = (el: ConfElement, agentName: string, skip: string[]) => {
      const agent = fenceAgent(agentName);
      if (!agent) return;
      const names = agent.parameters.map((p) => p.name);
      for (const a of el.attributes) {
        if (skip.includes(a.name) || names.includes(a.name)) continue;
        const s = suggest(a.name, names);
        // At the misspelt name where it was written (both inputs record it), else its value.
        ctx.report(a.nameSpan ?? attrSpan(el, a), `\`${a.name}\` is not a parameter of ${agent.name}${s ? `; did you mean \`${s}\`?` : ''}: the agent ignores it`, {
          fixes: s && a.nameSpan ? [{ title: `Change to ${s}`, edits: [{ span: a.nameSpan, newText: s }] }] : [],
        });
      }
    };
    for (const d of f.fenceDevices) check(d, attr(d, 'agent') ?? '', ['name', 'agent']);
    for (const n of f.nodes)
      for (const d of [...f.deviceRefs(n).map((r) => r.element), ...f.unfenceDevices(n)]) {
        const dev = f.fenceDevice(attr(d, 'name') ?? '');
        if (dev) check(d, attr(dev, 'agent') ?? '', ['name', 'nodename']);
      }
  },
});
