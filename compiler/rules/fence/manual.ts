import { defineRule, attrSpan } from '../rule.ts';
import { attr } from '../../model/conf.ts';

export default defineRule({
  id: 'fence/manual',
  severity: 'warning',
  summary: 'fence_manual is not real fencing',
  description:
    'fence_manual does not fence anything: it waits for an operator to check the failed node and run `fence_ack_manual`. Until then, services of the failed node are not recovered and GFS2 and DLM stay blocked cluster-wide; if the operator acknowledges a node that is in fact still running, shared data is corrupted. Red Hat does not support it. Use a power or storage fencing agent.',
  check(ctx) {
    for (const d of ctx.facts.fenceDevices)
      if ((attr(d, 'agent') ?? '') === 'fence_manual') ctx.report(attrSpan(d, 'agent'), `fence device \`${attr(d, 'name')}\` uses fence_manual: recovery waits for an operator to run fence_ack_manual, and a wrong acknowledgement corrupts shared data`);
  },
});
