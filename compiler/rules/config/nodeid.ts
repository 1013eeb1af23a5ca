import { defineRule, attrSpan, spanOf } from '../rule.ts';
import { attr, getAttribute } from '../../model/conf.ts';

export default defineRule({
  id: 'config/nodeid',
  severity: 'error',
  validity: true,
  refusesStart: true,
  summary: 'every node needs a unique positive nodeid',
  description:
    'cman refuses to start when a `clusternode` has no `nodeid` ("No node ID for NAME, run \'ccs_tool addnodeids\' to fix"), and it silently merges two nodes that share an id, so one of them never joins properly. Give every node its own positive integer id and never reuse the id of a removed node while the cluster runs.',
  check(ctx) {
    const seen = new Map<string, (typeof ctx.facts.nodes)[number]>();
    for (const n of ctx.facts.nodes) {
      const a = getAttribute(n.element, 'nodeid');
      if (!a) {
        ctx.report(spanOf(n.element), `node \`${n.name}\` has no ${ctx.input === 'cluster' ? '`id`' : 'nodeid'}: cman refuses to start ("No node ID")`);
        continue;
      }
      // In a .cluster source an empty value stands for `id =` without a value: the parser said so.
      if (a.value === '' && ctx.input === 'cluster') continue;
      if (!/^\s*[1-9]\d*\s*$/.test(a.value)) {
        ctx.report(attrSpan(n.element, a), `nodeid="${a.value}" of \`${n.name}\` is not a positive integer: the schema rejects it and cman cannot use it`);
        continue;
      }
      const key = String(Number(a.value));
      const other = seen.get(key);
      if (other) ctx.report(attrSpan(n.element, a), `node id ${key} is used twice: cman silently merges the two nodes`, { related: [{ span: attrSpan(other.element, 'nodeid'), message: `also the id of \`${attr(other.element, 'name')}\`` }] });
      else seen.set(key, n);
    }
  },
});
