import { defineRule, attrSpan, spanOf } from '../rule.ts';
import { attr, getAttribute } from '../../model/conf.ts';
import { atoi } from '../../model/read.ts';
import { qdiskTiming } from '../../simulate/timing.ts';

export default defineRule({
  id: 'qdisk/token-timing',
  severity: 'error',
  summary: 'totem token too short for the quorum disk timings',
  description:
    'qdiskd refuses to start when the totem token is below 10000 ms, or not longer than its own failover time interval × (tko + master_wait + upgrade_wait) seconds ("Quorum disk timings are too slow for configured token timeout"). qdisk(5) further asks for a token of at least twice the qdiskd timeout (interval × tko), and for `quorum_dev_poll` no shorter than that timeout, or cman drops the quorum disk votes during a master change and the cluster briefly loses quorum. Raise `token` (e.g. to 33 s for interval 2 s and tko 5) or shorten the qdisk timings.',
  check(ctx) {
    const f = ctx.facts;
    const q = qdiskTiming(f);
    if (!q || !f.quorumd) return;
    const tokenSpan = f.tokenWritten ? attrSpan(f.totem, 'token') : spanOf(f.quorumd);
    const token = f.token;
    if (f.tokenWritten && token < 10000) {
      ctx.report(tokenSpan, `totem token ${token} ms is too fast for qdiskd, which refuses to start below 10000 ms`);
      return;
    }
    const need = q.failoverMs + q.interval * 1000;
    if (token < need) {
      ctx.report(tokenSpan, `totem token ${token} ms${f.tokenWritten ? '' : ' (the default)'} must be at least ${need} ms = interval ${q.interval} s × (tko ${q.tko} + master_wait ${q.masterWait} + upgrade_wait ${q.upgradeWait} + 1): qdiskd refuses to start ("Quorum disk timings are too slow")`);
      return;
    }
    if (token < 2 * q.timeoutMs)
      ctx.report(tokenSpan, `totem token ${token} ms is less than twice the qdiskd timeout (interval ${q.interval} s × tko ${q.tko} = ${q.timeoutMs} ms): qdisk(5) asks for at least ${2 * q.timeoutMs} ms so qdiskd can elect a master under load`, { severity: 'warning' });
    const poll = f.cman && getAttribute(f.cman, 'quorum_dev_poll');
    if (poll && atoi(poll.value) < q.timeoutMs)
      ctx.report(attrSpan(f.cman, poll), `quorum_dev_poll ${poll.value} ms is shorter than the qdiskd timeout ${q.timeoutMs} ms: cman drops the quorum disk votes during a master change and the cluster can lose quorum`, { severity: 'warning' });
    const tko = attr(f.quorumd, 'tko');
    if (tko !== undefined && atoi(tko) < 4) ctx.report(attrSpan(f.quorumd, 'tko'), `qdisk tko ${tko} is below 4: qdiskd warns "Quorum disk TKO is too low" and evicts nodes on short I/O stalls`, { severity: 'warning' });
  },
});
