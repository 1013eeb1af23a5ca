import { defineRule } from '../rule.ts';
import { suggest, type ResourceAgentSpec } from '../../catalogue/index.ts';
import { attr } from '../../model/conf.ts';
import { META, resourceTrees } from '../../rgmanager/resources.ts';

const REF_ONLY: ReadonlySet<string> = new Set(['ref']);
const parameterNamesCache = new WeakMap<ResourceAgentSpec, ReadonlySet<string>>();

/** The agent's parameter names, built once per agent (the check runs on every resource). */
function parameterNames(agent: ResourceAgentSpec): ReadonlySet<string> {
  let names = parameterNamesCache.get(agent);
  if (!names) parameterNamesCache.set(agent, (names = new Set(agent.parameters.map((p) => p.name))));
  return names;
}

/** A meta attribute as the .cluster language spells it: `__independent_subtree` → `independent_subtree`. */
const languageName = (meta: string) => meta.replace(/^__/, '');

export default defineRule({
  id: 'resource/unknown-parameter',
  severity: 'error',
  validity: true,
  summary: 'an attribute that is not a parameter of the resource agent',
  description:
    'rgmanager passes only the parameters an agent declares in its metadata; any other attribute is rejected by the schema and otherwise ignored, so a misspelt `mountpiont` silently leaves the default. On a `ref` use only `ref` and the `__independent_subtree`-style attributes count. Use the agent\'s parameter names (see `quorate explain` or the agent metadata).',
  check(ctx) {
    const cluster = ctx.input === 'cluster';
    for (const n of resourceTrees(ctx.facts)) {
      const allowed = n.isRef ? REF_ONLY : parameterNames(n.agent);
      for (const a of n.element.attributes) {
        if (allowed.has(a.name) || META.has(a.name)) continue;
        const names = n.isRef ? ['ref'] : n.agent.parameters.map((p) => p.name);
        // Meta attributes count only inside a service's tree, below its root.
        const metas = n.global || !n.parent ? [] : [...META];
        // Offer the names the reader of this input writes: the language's for a .cluster source.
        const candidates = cluster ? [...(n.isRef ? [] : names), ...metas.map(languageName)] : [...names, ...META];
        const s = suggest(a.name, candidates);
        const span = a.nameSpan ?? a.span ?? n.element.nameSpan ?? n.element.span ?? { start: 0, end: 0 };
        const what = n.isRef ? (cluster ? `allowed on a use of \`${n.element.sourceName ?? attr(n.element, 'ref') ?? ''}\`` : `allowed on a reference to ${n.agent.name}`) : `a parameter of ${n.agent.name}`;
        const hint = s ? `; did you mean \`${s}\`?` : n.isRef && cluster ? ` (only ${metas.map(languageName).join(', ')})` : '';
        ctx.report(span, `\`${a.name}\` is not ${what}${hint}`, { fixes: s && a.nameSpan ? [{ title: `Change to ${s}`, edits: [{ span: a.nameSpan, newText: s }] }] : [] });
      }
    }
  },
});
