// fence-virt/hash-mismatch: the guests' fence devices against the host's fence_virtd (the `fence_virtd { }` block of the same .cluster source); silent without one.

import { defineRule } from '../rule.ts';
import { compareWithListener } from './compare.ts';

export default defineRule({
  id: 'fence-virt/hash-mismatch',
  severity: 'error',
  validity: true,
  summary: 'a fence_xvm device hashes more weakly, or authenticates differently, than fence_virtd',
  description:
    'The request is hashed with the device\'s `hash` and the challenge answered with its `auth` (both sha256 by default). fence_virtd drops a request hashed more weakly than its own `hash` ("Hash type not strong enough"; a stronger one is accepted), and a challenge answered with another `auth` does not verify ("Invalid response to challenge"). Either way fencing fails. Use the listener\'s algorithms on the devices.',
  check(ctx) {
    compareWithListener(ctx, () => ({ param: 'hash', fallback: 'sha256', key: 'hash', what: 'hashes requests with' }));
    compareWithListener(ctx, () => ({ param: 'auth', fallback: 'sha256', key: 'auth', what: 'authenticates with' }));
  },
});
