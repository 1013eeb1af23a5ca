// The resource elements under <rm> as written: definitions in <resources>, services and vms with
// their inline resources and `ref` uses, each with its agent. The resource rules check these
// (rgmanager's tree in tree.ts leaves out what it refuses, which is what the rules report); a
// `ref` is resolved against rgmanager's own tree, through its one resolver.

import { catalogue, resourceAgent, type ResourceAgentSpec } from '../catalogue/index.ts';
import { attr, type ConfElement, child } from '../model/conf.ts';
import type { ClusterFacts } from '../model/facts.ts';
import { buildResourceTree, referencedDefinition, type ResourceTree } from './tree.ts';

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

const treeCache = new WeakMap<ClusterFacts, ResourceTree>();

/** rgmanager's resource tree of the facts' model, built once per facts. */
export function resourceTreeOf(f: ClusterFacts): ResourceTree {
  let tree = treeCache.get(f);
  if (!tree) treeCache.set(f, (tree = buildResourceTree(f.cluster)));
  return tree;
}

/** The definition in <resources> a `ref` uses, as rgmanager resolves it (tree.ts, referencedDefinition). */
export function definitionOf(f: ClusterFacts, nodes: ResourceNode[], ref: ResourceNode): ResourceNode | undefined {
  const r = attr(ref.element, 'ref');
  if (r === undefined) return undefined;
  const def = referencedDefinition(resourceTreeOf(f), ref.agent.name, r)?.definition;
  return def && nodes.find((n) => n.global && n.element === def);
}
