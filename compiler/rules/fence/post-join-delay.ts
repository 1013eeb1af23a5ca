import { defineRule, attrSpan, spanOf } from '../rule.ts';
import { atoi, atoiFlag } from '../../model/read.ts';
import { attr, child, getAttribute } from '../../model/conf.ts';
import { setAttributesFix } from '../fixes.ts';

// fenced's default (fence/fenced/config.h l.9: DEFAULT_POST_JOIN_DELAY 6) and the value below
// which Red Hat's guide calls it short ("A typical setting for post_join_delay is between 20
// and 30 seconds", RHEL 6 Cluster Administration §6.5; domain-facts §5.1).
const DEFAULT_POST_JOIN_DELAY = 6;
const TYPICAL_POST_JOIN_DELAY = 20;

export default defineRule({
  id: 'fence/post-join-delay',
  severity: 'warning',
  summary: 'a two-node cluster at the default (or a shorter) post_join_delay',
  description:
    'In a two-node cluster (two_node="1", or two nodes and a quorum disk) a node that starts alone is quorate at once. fenced then forms the fence domain and, after `post_join_delay` seconds, fences every node that has not joined yet (delay_fencing(), fence/fenced/recover.c l.239-280; fenced(8) "Domain startup"). The default is 6 s (config.h l.9), and `post_join_delay="3"` is common in older generated files: when both nodes are powered on together, the slower one is fenced (rebooted) while it is still booting, at every cold start of the cluster. Red Hat\'s guide calls 20–30 s typical. Set `post_join_delay` to at least 20 s (30 s is a good value); fenced ignores negative values (config.c l.68-87).',
  check(ctx) {
    const f = ctx.facts;
    if (f.nodes.length !== 2) return;
    if (!f.twoNode && !f.quorumd) return; // without a lone quorate node there is no startup fencing of the peer
    const fd = child(ctx.model, 'fence_daemon');
    if (atoiFlag(fd && attr(fd, 'clean_start'))) return; // no startup fencing at all: fence/clean-start
    const written = fd ? getAttribute(fd, 'post_join_delay') : undefined;
    // read_ccs_int(): atoi, a negative value is ignored and the default stays.
    const value = written ? atoi(written.value) : DEFAULT_POST_JOIN_DELAY;
    const effective = value < 0 ? DEFAULT_POST_JOIN_DELAY : value;
    if (effective >= TYPICAL_POST_JOIN_DELAY) return;
    const what = written && value >= 0 ? `post_join_delay is ${effective} s` : `post_join_delay is fenced's default (${DEFAULT_POST_JOIN_DELAY} s)`;
    const fixes = setAttributesFix('Wait 30 s for the other node before startup fencing', fd, [{ name: 'post_join_delay', xmlValue: '30', sourceValue: '30s' }], ctx.input);
    ctx.report(written ? attrSpan(fd, written) : spanOf(fd ?? f.nodes[0]!.element), `${what} in a two-node cluster: a node that starts alone is quorate and fences the other after ${effective} s, so when both are powered on together the slower one is rebooted while it boots; set post_join_delay to 20–30 s`, fixes ? { fixes } : {});
  },
});
