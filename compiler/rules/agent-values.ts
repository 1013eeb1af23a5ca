// The attributes the agents themselves read, with their specs: every parameter of every
// resource (not on a `ref`: there only rgmanager's own attributes count) and of every fence
// device and per-node <device> (typed by its device's agent). The value rules
// (agent/misread-value, fence/non-integer-option) walk this, on .cluster models and raw
// cluster.conf alike.

import { attributeOf, fenceAgent, type AttributeSpec } from '../catalogue/index.ts';
import { attr, type ConfAttribute, type ConfElement } from '../model/conf.ts';
import type { ClusterFacts } from '../model/facts.ts';
import { resourceTrees } from '../rgmanager/resources.ts';

export interface AgentAttribute {
  element: ConfElement;
  attribute: ConfAttribute;
  spec: AttributeSpec;
  /** The agent that reads it (`fs`, `fence_ipmilan`). */
  agent: string;
  kind: 'resource' | 'fence';
}

export function agentAttributes(f: ClusterFacts): AgentAttribute[] {
  const out: AgentAttribute[] = [];
  for (const n of resourceTrees(f)) {
    if (n.isRef) continue;
    for (const a of n.element.attributes) {
      const spec = attributeOf(n.agent, a.name);
      if (spec) out.push({ element: n.element, attribute: a, spec, agent: n.agent.name, kind: 'resource' });
    }
  }
  const fence = (el: ConfElement, agentName: string, skip: readonly string[]) => {
    const agent = fenceAgent(agentName);
    if (!agent) return;
    for (const a of el.attributes) {
      if (skip.includes(a.name)) continue;
      const spec = attributeOf(agent, a.name);
      if (spec) out.push({ element: el, attribute: a, spec, agent: agent.name, kind: 'fence' });
    }
  };
  for (const d of f.fenceDevices) fence(d, attr(d, 'agent') ?? '', ['name', 'agent']);
  for (const n of f.nodes)
    for (const d of [...f.deviceRefs(n).map((r) => r.element), ...f.unfenceDevices(n)]) {
      const dev = f.fenceDevice(attr(d, 'name') ?? '');
      if (dev) fence(d, attr(dev, 'agent') ?? '', ['name']);
    }
  return out;
}
