import { defineRule, spanOf } from '../rule.ts';
import { resourceTrees } from '../../rgmanager/resources.ts';

export default defineRule({
  id: 'resource/forbidden-child',
  severity: 'error',
  validity: true,
  summary: 'a resource nested under a parent whose agent forbids it',
  description:
    'An agent\'s metadata can forbid child types (ip and netfs forbid nfsclient and nfsexport; nfsexport and nfsserver forbid nfsexport…). rgmanager silently leaves such a child out of the tree, so the export or client is never started. Move the child under a parent that provides what it needs (an fs or clusterfs for an nfsexport).',
  check(ctx) {
    for (const n of resourceTrees(ctx.facts)) {
      if (!n.parent) continue;
      // The forbid check compares type names case-sensitively (Correction 3).
      const decl = n.parent.agent.children.find((c) => c.type === n.element.tag);
      if (decl?.forbid) ctx.report(spanOf(n.element), `${n.parent.agent.name} forbids ${n.element.tag} children: rgmanager silently ignores this ${n.element.tag}`);
    }
  },
});
