// fence-virt/address-mismatch: the guests' fence devices against the host's fence_virtd (the `fence_virtd { }` block of the same .cluster source); silent without one.

import { defineRule } from '../rule.ts';
import { compareWithListener } from './compare.ts';

export default defineRule({
  id: 'fence-virt/address-mismatch',
  severity: 'warning',
  validity: true,
  summary: 'a fence_xvm device sends to another multicast address than fence_virtd listens on',
  description:
    'fence_xvm sends to `multicast_address` (default 225.0.0.12) and fence_virtd joins `address` (default 225.0.0.12, ff05::3:1 for ipv6). With different groups the request reaches the daemon only where the network floods multicast groups nobody joined (a bridge without IGMP snooping, the loopback of a test namespace); behind a snooping switch it never arrives and fencing times out. It is a warning because it can happen to work, which is worse: it breaks when the network changes. Use the same address on both sides.',
  check(ctx) {
    compareWithListener(ctx, (u, tcp) => ({ param: tcp ? 'ipaddr' : 'multicast_address', fallback: tcp ? '127.0.0.1' : '225.0.0.12', key: 'address', what: 'sends to', norm: (s) => s.toLowerCase() }));
  },
});
