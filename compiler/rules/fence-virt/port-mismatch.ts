// fence-virt/port-mismatch: the guests' fence devices against the host's fence_virtd (the `fence_virtd { }` block of the same .cluster source); silent without one.

import { defineRule } from '../rule.ts';
import { compareWithListener } from './compare.ts';

export default defineRule({
  id: 'fence-virt/port-mismatch',
  severity: 'error',
  validity: true,
  summary: 'a fence_xvm device sends to another port than fence_virtd listens on',
  description:
    'fence_xvm sends its request to `ipport` (default 1229) and fence_virtd\'s multicast listener binds `port` (default 1229). When they differ the request never arrives and every fencing attempt times out, which blocks recovery. Set the same port on the fence device and in `listener multicast { port = … }`.',
  check(ctx) {
    compareWithListener(ctx, () => ({ param: 'ipport', fallback: '1229', key: 'port', what: 'sends to port', norm: (s) => String(Number(s)) }));
  },
});
