// The resource elements under <rm> as written: definitions in <resources>, services and vms with
// their inline resources and `ref` uses, each with its agent. The resource rules check these:
// rgmanager's tree (tree.ts) leaves out what it refuses, and what it refuses is what the rules
// report. A `ref` is resolved by rgmanager's one resolver (tree.ts, RefIndex).

import { catalogue, resourceAgent, type ResourceAgentSpec } from '../catalogue/index.ts';
import { attr, type ConfElement, child } from '../model/conf.ts';
import type { ClusterFacts } from '../model/facts.ts';
import { buildResourceTree, RefIndex, type ResourceTree } from './tree.ts';

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

const resourceNodesCache = new WeakMap<ClusterFacts, ResourceNode[]>();

/**
 * Every resource element under <rm> as written, in document order (definitions first), with its
 * agent: collected once per facts, so the resource rules share one list (and the one `ref=` index
 * over it that `definitionOf` builds). Callers read it and must not change it.
 */
export function resourceTrees(f: ClusterFacts): ResourceNode[] {
  let nodes = resourceNodesCache.get(f);
  if (!nodes) resourceNodesCache.set(f, (nodes = collectResourceNodes(f)));
  return nodes;
}

function collectResourceNodes(f: ClusterFacts): ResourceNode[] {
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

interface KeyParameter {
  name: string;
  primary: boolean;
  uniqueRequired: boolean;
}

const keyParametersCache = new WeakMap<ResourceAgentSpec, KeyParameter[]>();

/**
 * The parameters the `ref=` resolver keys on (a primary, or a unique and required one), in the
 * agent's order: read once per agent rather than scanning every parameter of every definition.
 */
function keyParameters(agent: ResourceAgentSpec): KeyParameter[] {
  let keys = keyParametersCache.get(agent);
  if (!keys) {
    keys = agent.parameters.filter((p) => p.primary || (p.unique && p.required)).map((p) => ({ name: p.name, primary: !!p.primary, uniqueRequired: !!(p.unique && p.required) }));
    keyParametersCache.set(agent, keys);
  }
  return keys;
}

interface WrittenDefinitions {
  index: RefIndex<ResourceNode>;
  /** Each `ref` already resolved (several rules ask about every one of them). */
  resolved: Map<ResourceNode, ResourceNode | undefined>;
}

const definitionsCache = new WeakMap<ResourceNode[], WrittenDefinitions>();

/**
 * The definition in <resources> a `ref` names, by rgmanager's resolver (tree.ts, RefIndex) over
 * the definitions as written: the rules report a refused definition (missing-parameter,
 * duplicate-unique) at the definition, not again at every use of it.
 */
export function definitionOf(nodes: ResourceNode[], ref: ResourceNode): ResourceNode | undefined {
  let definitions = definitionsCache.get(nodes);
  if (!definitions) {
    const index = new RefIndex<ResourceNode>();
    for (const n of nodes) {
      if (!n.global || n.parent || n.isRef) continue;
      for (const p of keyParameters(n.agent)) {
        const value = attr(n.element, p.name);
        if (value !== undefined) index.addKey(n.element.tag, value, p.primary, p.uniqueRequired, n);
      }
    }
    definitionsCache.set(nodes, (definitions = { index, resolved: new Map() }));
  }
  if (definitions.resolved.has(ref)) return definitions.resolved.get(ref);
  const r = attr(ref.element, 'ref');
  const definition = r === undefined ? undefined : definitions.index.find(ref.element.tag, r);
  definitions.resolved.set(ref, definition);
  return definition;
}
