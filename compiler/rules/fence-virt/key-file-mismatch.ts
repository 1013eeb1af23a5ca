// fence-virt/key-file-mismatch: the guests' fence devices against the host's fence_virtd (the `fence_virtd { }` block of the same .cluster source); silent without one.

import { listenerValue } from '../../fence-virt/devices.ts';
import { defineRule } from '../rule.ts';
import { compareWithListener } from './compare.ts';

export default defineRule({
  id: 'fence-virt/key-file-mismatch',
  severity: 'warning',
  validity: true,
  summary: 'a fence_xvm device reads its key from another path than fence_virtd',
  description:
    'fence_xvm and fence_virtd share a secret key: the guests read `key_file` on their side, the host reads the listener\'s `key_file`. Two paths can hold the same key, but the usual setup copies the host\'s key to the same path on every node, so a different path usually means a different key, and then every request is refused. Use the same path, or suppress with a reason when both paths hold the same key.',
  check(ctx) {
    const listener = ctx.options.fenceVirt?.listener;
    if (listener && listenerValue(listener, 'auth').value === 'none') return;
    compareWithListener(ctx, () => ({ param: 'key_file', fallback: '/etc/cluster/fence_xvm.key', key: 'key_file', what: 'reads its key from' }));
  },
});
