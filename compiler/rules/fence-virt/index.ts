// The fence-virt/* cross-file rules in the catalogue (quorate rules / explain / quorate-ignore).
// On a .cluster source the lowering reports them (compiler/fence-virt/rules.ts), because they
// need the `fence_virtd { }` block, which is not part of the cluster.conf model. On a raw
// cluster.conf only the rules about the guests' side alone can run: empty and shared domains.

import { checkFenceVirt } from '../../fence-virt/rules.ts';
import type { Diagnostic } from '../../diagnostics.ts';
import { defineRule, type Rule, type RuleContext } from '../rule.ts';

function guestSide(id: string) {
  return (ctx: RuleContext) => {
    const found: Diagnostic[] = [];
    checkFenceVirt(ctx.model, undefined, found);
    for (const d of found) if (d.rule === id) ctx.report(d.span, d.message, d.related ? { related: d.related } : {});
  };
}

const hostOnly = () => {};

const rules: Rule[] = [
  defineRule({
    id: 'fence-virt/port-mismatch',
    severity: 'error',
    loweringReports: true,
    summary: 'a fence_xvm device sends to another port than fence_virtd listens on',
    description: 'fence_xvm sends its request to `ipport` (default 1229) and fence_virtd\'s multicast listener binds `port` (default 1229). When they differ the request never arrives and every fencing attempt times out, which blocks recovery. Set the same port on the fence device and in `listener multicast { port = … }`.',
    check: hostOnly,
  }),
  defineRule({
    id: 'fence-virt/address-mismatch',
    severity: 'warning',
    loweringReports: true,
    summary: 'a fence_xvm device sends to another multicast address than fence_virtd listens on',
    description: 'fence_xvm sends to `multicast_address` (default 225.0.0.12) and fence_virtd joins `address` (default 225.0.0.12, ff05::3:1 for ipv6). With different groups the request reaches the daemon only where the network floods multicast groups nobody joined (a bridge without IGMP snooping, the loopback of a test namespace); behind a snooping switch it never arrives and fencing times out. It is a warning because it can happen to work, which is worse: it breaks when the network changes. Use the same address on both sides.',
    check: hostOnly,
  }),
  defineRule({
    id: 'fence-virt/hash-mismatch',
    severity: 'error',
    loweringReports: true,
    summary: 'a fence_xvm device hashes more weakly, or authenticates differently, than fence_virtd',
    description: 'The request is hashed with the device\'s `hash` and the challenge answered with its `auth` (both sha256 by default). fence_virtd drops a request hashed more weakly than its own `hash` ("Hash type not strong enough"; a stronger one is accepted), and a challenge answered with another `auth` does not verify ("Invalid response to challenge"). Either way fencing fails. Use the listener\'s algorithms on the devices.',
    check: hostOnly,
  }),
  defineRule({
    id: 'fence-virt/key-file-mismatch',
    severity: 'warning',
    loweringReports: true,
    summary: 'a fence_xvm device reads its key from another path than fence_virtd',
    description: 'fence_xvm and fence_virtd share a secret key: the guests read `key_file` on their side, the host reads the listener\'s `key_file`. Two paths can hold the same key, but the usual setup copies the host\'s key to the same path on every node, so a different path usually means a different key, and then every request is refused. Use the same path, or suppress with a reason when both paths hold the same key.',
    check: hostOnly,
  }),
  defineRule({
    id: 'fence-virt/wrong-listener',
    severity: 'error',
    loweringReports: true,
    summary: 'fence_xvm devices, but fence_virtd does not run the multicast listener',
    description: 'fence_xvm only talks to fence_virtd\'s `multicast` listener; `serial`, `vsock` and `tcp` serve fence_virt. With another listener no fence_xvm request is ever answered. Run `listener multicast { }` (or use fence_virt on the guests).',
    check: hostOnly,
  }),
  defineRule({
    id: 'fence-virt/missing-backend-block',
    severity: 'error',
    loweringReports: true,
    summary: 'the backend fence_virtd runs is selected but not configured',
    description: '`backend = libvirt` without a `backend libvirt { uri = … }` block leaves the backend unconfigured: fence_virtd 4.x connects to no hypervisor and its libvirt backend fails, RHEL 6 only guesses libvirt\'s default URI. Configure the backend you select.',
    check: hostOnly,
  }),
  defineRule({
    id: 'fence-virt/backend-needs-host-cluster',
    severity: 'error',
    loweringReports: true,
    summary: 'a checkpoint/cpg backend, but the hypervisors are not a cluster',
    description: 'The `checkpoint` (RHEL 6) and `cpg` backends track guests through cman/openais or corosync running on the hypervisors themselves. This file\'s cluster is made of the guests fenced through fence_virtd, so it cannot provide that; the backend fails to find the guests. Use `backend libvirt { uri = "qemu:///system" }`.',
    check: hostOnly,
  }),
  defineRule({
    id: 'fence-virt/empty-domain',
    severity: 'error',
    summary: 'a fence_xvm/fence_virt device names no guest to power off',
    description: 'A node\'s fence_xvm or fence_virt device needs `port` (RHEL 6: `domain`): the libvirt domain name or UUID of that node\'s guest. Missing or empty, the agent refuses to run (fence_xvm: "No domain specified!", "Invalid domain name"; it does not fall back to the `nodename` fenced passes) and fencing of the node fails. Set `port` to the node\'s guest.',
    check: guestSide('fence-virt/empty-domain'),
  }),
  defineRule({
    id: 'fence-virt/shared-domain',
    severity: 'error',
    summary: 'two nodes are fenced through the same guest',
    description: 'Each node must be fenced through its own libvirt domain. When two nodes name the same `port`/`domain`, fencing one powers off the other: the node that should die survives and the healthy one is killed. Give each node its own guest.',
    check: guestSide('fence-virt/shared-domain'),
  }),
];

export default rules;
