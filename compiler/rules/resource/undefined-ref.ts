import { defineRule, attrSpan } from '../rule.ts';
import { suggest } from '../../catalogue/index.ts';
import { attr } from '../../model/conf.ts';
import { definitionOf, primaryOf, resourceTrees } from '../../rgmanager/resources.ts';

export default defineRule({
  id: 'resource/undefined-ref',
  severity: 'error',
  validity: true,
  summary: 'a `ref` names no resource of that type in <resources>',
  description:
    'A resource used by reference (`<fs ref="data"/>`) must be defined in `<rm><resources>` with the same element type and that primary value. rgmanager does not find it and the service loads without it — or fails to start — with only a log line. Define the resource, or fix the name or the element type of the reference.',
  check(ctx) {
    const nodes = resourceTrees(ctx.facts);
    // The defined names of each type, for suggestions: collected once per type, on first need.
    const namesByTag = new Map<string, string[]>();
    for (const n of nodes) {
      if (!n.isRef || definitionOf(nodes, n)) continue;
      const ref = attr(n.element, 'ref') ?? '';
      const p = primaryOf(n.agent);
      let names = namesByTag.get(n.element.tag);
      if (!names) namesByTag.set(n.element.tag, (names = nodes.filter((x) => x.global && !x.parent && !x.isRef && x.element.tag === n.element.tag && p).map((x) => attr(x.element, p!) ?? '')));
      const s = suggest(ref, names);
      ctx.report(attrSpan(n.element, 'ref'), `no ${n.agent.name} resource \`${ref}\` is defined in <resources>${s ? `; did you mean \`${s}\`?` : ''}: rgmanager leaves it out of the service`);
    }
  },
});
