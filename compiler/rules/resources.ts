// The resource trees under <rm>, as rgmanager sees them: definitions in <resources>, services
// and vms with their inline resources and `ref` uses. Shared by the resource/* rules.

import { catalogue, resourceAgent, type ResourceAgentSpec } from '../catalogue/index.ts';
import { attr, type ConfElement, child } from '../model/conf.ts';
import type { ClusterFacts } from './facts.ts';

export const META = new Set(catalogue.resourceMetaAttributes.map((a) => a.name));

export interface ResourceNode {
  element: ConfElement;
  agent: ResourceAgentSpec;
  parent: ResourceNode | undefined;
  /** Inside <resources> (a definition), or inside a service/vm tree. */
  global: boolean;
  isRef: boolean;
}

export function primaryOf(agent: ResourceAgentSpec): string | undefined {
  return agent.primary ?? agent.parameters.find((p) => p.primary)?.name;
}

export function resourceTrees(f: ClusterFacts): ResourceNode[] {
  const out: ResourceNode[] = [];
  const visit = (e: ConfElement, parent: ResourceNode | undefined, global: boolean) => {
    const agent = e.tag === 'action' ? undefined : resourceAgent(e.tag);
    if (!agent) return;
    const node: ResourceNode = { element: e, agent, parent, global, isRef: attr(e, 'ref') !== undefined };
    out.push(node);
    for (const c of e.children) visit(c, node, global);
  };
  if (!f.rm) return out;
  const defs = child(f.rm, 'resources');
  if (defs) for (const c of defs.children) visit(c, undefined, true);
  for (const c of f.rm.children) if (c.tag === 'service' || c.tag === 'vm') visit(c, undefined, false);
  return out;
}

/** The definition in <resources> a `ref` names: same type, primary attribute equal to the ref. */
export function definitionOf(nodes: ResourceNode[], ref: ResourceNode): ResourceNode | undefined {
  const r = attr(ref.element, 'ref');
  const p = primaryOf(ref.agent);
  return nodes.find((n) => n.global && !n.parent && !n.isRef && n.element.tag === ref.element.tag && p !== undefined && attr(n.element, p) === r);
}
