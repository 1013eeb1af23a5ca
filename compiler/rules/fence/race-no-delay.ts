import { defineRule, spanOf } from '../rule.ts';
import { fenceDelayMs } from '../../simulate/timing.ts';
import { attr } from '../../model/conf.ts';
import { fenceAgent, fencingOf } from '../../catalogue/index.ts';
import type { ClusterFacts, NodeFact } from '../../model/facts.ts';
import { setAttributesFix } from '../fixes.ts';

/**
 * fenced itself can kill the node: one of its devices powers a machine off or cuts it off its
 * storage (or is an agent Quorate does not know, which may). A node fenced only through
 * fence_pcmk is fenced by Pacemaker, whose own devices and delays decide any race; one fenced
 * only by agents that power nothing off (fence_passive_nic, fence_kdump, fence_manual) is never
 * shot by fenced at all.
 */
function fencedCanKill(f: ClusterFacts, node: NodeFact): boolean {
  return f.deviceRefs(node).some((r) => {
    const dev = f.fenceDevice(r.name);
    const spec = dev ? fencingOf(attr(dev, 'agent') ?? '') : undefined;
    return !spec || spec.kind === 'power' || spec.kind === 'fabric';
  });
}

export default defineRule({
  id: 'fence/race-no-delay',
  severity: 'warning',
  summary: 'two nodes can fence each other at the same time',
  description:
    'When the network between the two nodes of a two-node cluster (two_node, or two nodes whose quorum disk has no master_wins) fails, both stay quorate and both fence the other at once; with power fencing both nodes can go down. Set `delay` (seconds) on the device that fences the node that should survive, and only there, so the other node waits before shooting it: e.g. `delay = 15` in node1\'s method. Equal delays on both nodes are the same race. Nodes fenced only through fence_pcmk are left alone: the request goes to Pacemaker (`stonith_admin`), which ignores a `delay` given to fence_pcmk; set the delay on Pacemaker\'s stonith device instead.',
  check(ctx) {
    const f = ctx.facts;
    if (f.nodes.length !== 2) return;
    if (!f.twoNode && !f.quorumd) return;
    const delays = f.nodes.map((n) => fenceDelayMs(f, n));
    if (delays.some((d) => d === undefined)) return; // fence/node-without-fencing
    if (!f.nodes.every((n) => fencedCanKill(f, n))) return;
    const [a, b] = delays as number[];
    if (a! === 0 && b! === 0) {
      // The fix delays fencing of the first node, so it is the one that survives a split.
      const survivor = f.nodes[0]!;
      const device = f.deviceRefs(survivor)[0]?.element;
      const fenceDevice = device ? f.fenceDevice(attr(device, 'name') ?? '') : undefined;
      const agent = fenceDevice ? fenceAgent(attr(fenceDevice, 'agent') ?? '') : undefined;
      const fixes = agent?.parameters.some((p) => p.name === 'delay')
        ? setAttributesFix(`Let ${survivor.name} win fence races: delay = 15 on the device that fences it`, device, [{ name: 'delay', xmlValue: '15', sourceValue: '15' }], ctx.input)
        : undefined;
      ctx.report(spanOf(f.nodes[0]!.element), `\`${f.nodes[0]!.name}\` and \`${f.nodes[1]!.name}\` can fence each other at the same moment when the link between them fails, and both may power off: set \`delay\` on the device that fences the node that should survive`, {
        related: [{ span: spanOf(f.nodes[1]!.element), message: 'the other node' }],
        ...(fixes ? { fixes } : {}),
      });
    }
    else if (a === b)
      ctx.report(spanOf(f.nodes[0]!.element), `both nodes are fenced with the same delay (${a! / 1000} s): they still race; put the delay on one node only`, { related: [{ span: spanOf(f.nodes[1]!.element), message: 'the other node' }] });
  },
});
