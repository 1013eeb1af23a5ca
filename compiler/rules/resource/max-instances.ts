import { defineRule, attrSpan, spanOf } from '../rule.ts';
import { attr } from '../../model/conf.ts';
import { definitionOf, resourceTrees } from '../../rgmanager/resources.ts';

export default defineRule({
  id: 'resource/max-instances',
  severity: 'error',
  validity: true,
  summary: 'a resource used more often than its agent allows',
  description:
    'Some agents allow only one instance of a resource in the whole resource tree (fs, ip, lvm, nfsserver, oracledb, service, vm: `maxinstances="1"`). A second reference to the same `<resources>` definition is dropped by rgmanager, so the second service silently runs without it. Define a separate resource for each use.',
  check(ctx) {
    const nodes = resourceTrees(ctx.facts);
    // Per definition: its first use and how many uses so far (not the list: one per resource).
    const uses = new Map<object, { first: (typeof nodes)[number]; count: number }>();
    for (const n of nodes) {
      if (!n.isRef) continue;
      const def = definitionOf(nodes, n);
      if (!def || def.agent.maxInstances === undefined) continue;
      let seen = uses.get(def);
      if (seen) seen.count++;
      else uses.set(def, (seen = { first: n, count: 1 }));
      if (seen.count > def.agent.maxInstances)
        ctx.report(attrSpan(n.element, 'ref'), `${def.agent.name} \`${n.element.sourceName ?? attr(n.element, 'ref')}\` may appear in at most ${def.agent.maxInstances} place${def.agent.maxInstances === 1 ? '' : 's'}: rgmanager drops this use ("Max references exceeded")`, {
          related: [{ span: spanOf(def.element), message: 'defined here' }, { span: attrSpan(seen.first.element, 'ref'), message: 'first use' }],
        });
    }
  },
});
