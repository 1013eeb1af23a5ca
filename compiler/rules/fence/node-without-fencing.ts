import { defineRule, spanOf } from '../rule.ts';
import { children } from '../../model/conf.ts';

export default defineRule({
  id: 'fence/node-without-fencing',
  severity: 'warning',
  summary: 'a node has no fence method',
  description:
    'When a node without a fence method fails, fenced cannot fence it ("no method") and retries forever; until an operator runs `fence_ack_manual`, rgmanager does not recover its services and GFS2/DLM stay blocked on every node. Give every node at least one method with a device (power fencing through IPMI, a PDU, or fence_xvm for virtual machines).',
  check(ctx) {
    for (const n of ctx.facts.nodes) {
      const methods = ctx.facts.methods(n);
      if (methods.some((m) => children(m, 'device').length > 0)) continue;
      ctx.report(spanOf(n.element), `node \`${n.name}\` has no fence ${methods.length ? 'device' : 'method'}: if it fails, fenced retries forever and its services are not recovered until someone runs fence_ack_manual`);
    }
  },
});
