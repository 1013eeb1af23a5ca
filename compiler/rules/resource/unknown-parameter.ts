import { defineRule, attrSpan } from '../rule.ts';
import { suggest } from '../../catalogue/index.ts';
import { META, resourceTrees } from '../../rgmanager/resources.ts';

export default defineRule({
  id: 'resource/unknown-parameter',
  severity: 'error',
  loweringReports: true,
  summary: 'an attribute that is not a parameter of the resource agent',
  description:
    'rgmanager passes only the parameters an agent declares in its metadata; any other attribute is rejected by the schema and otherwise ignored, so a misspelt `mountpiont` silently leaves the default. On a `ref` use only `ref` and the `__independent_subtree`-style attributes count. Use the agent\'s parameter names (see `quorate explain` or the agent metadata).',
  check(ctx) {
    for (const n of resourceTrees(ctx.facts)) {
      const names = n.isRef ? ['ref'] : n.agent.parameters.map((p) => p.name);
      for (const a of n.element.attributes) {
        if (names.includes(a.name) || META.has(a.name)) continue;
        const s = suggest(a.name, [...names, ...META]);
        ctx.report(attrSpan(n.element, a), `\`${a.name}\` is not ${n.isRef ? 'allowed on a reference to' : 'a parameter of'} ${n.agent.name}${s ? `; did you mean \`${s}\`?` : ''}`);
      }
    }
  },
});
