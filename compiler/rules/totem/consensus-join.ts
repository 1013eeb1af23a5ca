import { defineRule, attrSpan, spanOf } from '../rule.ts';
import { getAttribute } from '../../model/conf.ts';
import { atoi, atoiReadsUnsigned } from '../../model/read.ts';

export default defineRule({
  id: 'totem/consensus-join',
  severity: 'error',
  refusesStart: true,
  summary: 'totem consensus below join, or a timeout below 30 ms',
  description:
    'corosync 1.4 aborts (and with it cman) when the consensus timeout is less than the join timeout ("The consensus timeout parameter may not be less than join timeout") or when token, join or consensus is below 30 ms. When `consensus` is not written cman computes it: token + 2000 ms for more than two configured nodes, otherwise token × 0.2 clamped to 200..2000 ms; a large `join` can exceed that. Keep consensus ≥ join (corosync 2 advice is consensus ≥ 1.2 × token).',
  check(ctx) {
    const f = ctx.facts;
    const t = f.totem;
    if (!t) return;
    for (const name of ['token', 'join', 'consensus']) {
      const a = getAttribute(t, name);
      if (a && atoiReadsUnsigned(a.value) && atoi(a.value) < 30) ctx.report(attrSpan(t, a), `totem ${name} is ${a.value} ms; corosync refuses timeouts below 30 ms and cman does not start`);
    }
    if (f.consensus >= f.join) return;
    const consensusSpan = f.consensusWritten ? attrSpan(t, 'consensus') : getAttribute(t, 'join') ? attrSpan(t, 'join') : spanOf(t);
    ctx.report(consensusSpan, `totem consensus ${f.consensus} ms${f.consensusWritten ? '' : ' (computed by cman)'} is less than join ${f.join} ms: corosync refuses to start ("consensus timeout … may not be less than join timeout")`);
  },
});
