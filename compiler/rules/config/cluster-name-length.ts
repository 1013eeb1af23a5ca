import { defineRule, attrSpan } from '../rule.ts';

export default defineRule({
  id: 'config/cluster-name-length',
  severity: 'error',
  validity: true,
  refusesStart: true,
  summary: 'cluster name longer than 15 characters',
  description:
    'cman keeps the cluster name in a 16-byte buffer and refuses to start with a longer one ("Invalid cluster name. It must be 15 characters or fewer"). The name is also the default encryption key and the source of the cluster id and multicast address, so changing it later means restarting the whole cluster. Choose a name of at most 15 characters.',
  check(ctx) {
    const name = ctx.facts.clusterName;
    if (name.length <= 15) return;
    ctx.report(attrSpan(ctx.model, 'name'), `cluster name "${name}" is ${name.length} characters; cman refuses names longer than 15 ("Invalid cluster name")`);
  },
});
