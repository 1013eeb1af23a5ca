import { defineRule, attrSpan } from '../rule.ts';
import { suggest } from '../../catalogue/index.ts';
import { attr, children } from '../../model/conf.ts';

export default defineRule({
  id: 'domain/unknown-node',
  severity: 'error',
  validity: true,
  summary: 'a failover domain lists a node that is not a cluster node (case included)',
  description:
    'rgmanager resolves each `failoverdomainnode` to a cluster node by name. An unknown name is never online, so the domain is smaller than it looks (a restricted domain can end up with no node at all). A name that differs only in case is worse: rgmanager counts the member as online but never matches it to the node being scored, so every node scores GOOD and the service never starts by itself. Spell member names exactly as the `clusternode` names.',
  check(ctx) {
    const f = ctx.facts;
    const names = f.nodes.map((n) => n.name);
    for (const d of f.domains)
      for (const m of children(d.element, 'failoverdomainnode')) {
        const name = attr(m, 'name') ?? '';
        if (names.includes(name)) continue;
        const ci = names.find((n) => n.toLowerCase() === name.toLowerCase());
        // A .cluster source names members by the names the nodes are declared with.
        const s = ci ?? suggest(name, ctx.input === 'cluster' ? f.nodes.map((n) => n.element.sourceName ?? n.name) : names);
        const span = attrSpan(m, 'name');
        ctx.report(
          span,
          ci
            ? `\`${name}\` matches node \`${ci}\` only when case is ignored: rgmanager then scores every node GOOD for domain \`${d.name}\` and its services never start by themselves`
            : `\`${name}\` in failover domain \`${d.name}\` is not a cluster node${s ? `; did you mean \`${s}\`?` : ''}: rgmanager treats it as never online`,
          { fixes: s && m.attributes.find((a) => a.name === 'name')?.span ? [{ title: `Use ${s}`, edits: [{ span, newText: s }] }] : [] },
        );
      }
  },
});
