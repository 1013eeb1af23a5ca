import { defineRule, attrSpan } from '../rule.ts';
import { atoiFlag } from '../../model/read.ts';
import { attr, child } from '../../model/conf.ts';

export default defineRule({
  id: 'fence/clean-start',
  severity: 'warning',
  summary: 'clean_start="1" turns off startup fencing',
  description:
    'With `clean_start="1"` fenced does not fence nodes that are not members when the fence domain forms. A node that was merely hung or cut off may still be writing to shared storage while the cluster starts services and mounts GFS2 on the others: data corruption. Red Hat supports it only for debugging. Leave `clean_start` at 0 and raise `post_join_delay` (20–30 s) instead if nodes boot at different times.',
  check(ctx) {
    const fd = child(ctx.model, 'fence_daemon');
    const v = fd && attr(fd, 'clean_start');
    if (!atoiFlag(v)) return;
    ctx.report(attrSpan(fd, 'clean_start'), 'clean_start turns off startup fencing: a node that is hung rather than down may still write to shared storage while the others start its services');
  },
});
