import { defineRule, attrSpan } from '../rule.ts';
import { attr, getAttribute } from '../../model/conf.ts';

export default defineRule({
  id: 'config/version',
  severity: 'error',
  validity: true,
  refusesStart: true,
  summary: 'config_version missing, not a number, or not newer than the deployed one',
  description:
    '`cman_tool version -r` and `ccs --sync` distribute a new cluster.conf only when its `config_version` is greater than the running one; otherwise cman refuses the reload ("New configuration version has to be newer than current running configuration") and nodes keep running different configurations. Increase `config_version` on every change you deploy; `quorate lint --previous deployed/cluster.conf` compares the two.',
  check(ctx) {
    const a = getAttribute(ctx.model, 'config_version');
    if (!a) {
      // The .cluster lowering reports a missing version itself (config/missing-version).
      if (ctx.input === 'xml') ctx.report(attrSpan(ctx.model, undefined), 'cluster has no config_version: the schema requires it and a reload cannot be compared with the running configuration');
      return;
    }
    if (!/^\s*\d+\s*$/.test(a.value)) {
      ctx.report(attrSpan(ctx.model, a), `config_version "${a.value}" is not a whole number`);
      return;
    }
    const prev = ctx.options.previous && attr(ctx.options.previous, 'config_version');
    if (prev === undefined || !/^\s*\d+\s*$/.test(prev)) return;
    if (Number(a.value) > Number(prev)) return;
    const span = attrSpan(ctx.model, a);
    ctx.report(span, `config_version ${a.value} is not greater than the deployed ${prev.trim()}: cman refuses the reload ("New configuration version has to be newer")`, {
      fixes: a.span ? [{ title: `Set config_version to ${Number(prev) + 1}`, edits: [{ span, newText: String(Number(prev) + 1) }] }] : [],
    });
  },
});
