// Resource start/stop order exactly as rgmanager computes it (domain-facts §7, §9.3), over the
// resource tree rgmanager builds (compiler/rgmanager/tree.ts): start and stop follow the parent
// agent's child levels (_res_op_by_level), then its other children, and `rg_test noop` prints
// each step. Pure: model in, steps and text out.

import type { ConfElement } from '../model/conf.ts';
import { buildResourceTree, findResource, type LoadMessage, type NodeFlags, type Resource, type ResolvedAttribute, resolvedAttributes, type ResourceTree, type TreeNode } from '../rgmanager/tree.ts';

export type Operation = 'start' | 'stop';

/** One `[start] type:name` / `[stop] type:name` line. */
export interface OrderStep {
  op: Operation;
  type: string;
  /** The primary attribute's value (rgmanager's name for the resource). */
  name: string;
  /** Depth in the resource tree: 0 for the service (root) itself. */
  depth: number;
  element?: ConfElement;
  definition?: ConfElement;
  flags: NodeFlags;
  /** The values the agent gets, inheritance resolved (§7.6); unresolvable inherited ones are left out. */
  attributes: ResolvedAttribute[];
}

const MAX_LEVELS = 100;

// ---------------------------------------------------------------------------------------------
// Ordering (_res_op, _res_op_internal, _res_op_by_level, _do_child_levels, _do_child_default_level).

/**
 * The operation on every tree position of `target` (and everything below it), in rgmanager's
 * order; with no target, on the whole tree.
 */
export function operationOrder(tree: ResourceTree, op: Operation, target?: Resource): OrderStep[] {
  const out: OrderStep[] = [];
  // rgmanager walks the whole tree looking for the target; only subtrees holding a use of it
  // can print anything, so the walk skips the others (same output, linear in the answer).
  const relevant = target ? relevantNodes(tree, target) : undefined;
  const walk: Walk = { op, out, relevant };
  opList(relevant ? relevantRoots(tree, relevant) : tree.roots, target ?? null, undefined, walk);
  return out;
}

const rootIndexCache = new WeakMap<ResourceTree, Map<TreeNode, number>>();

/** The roots among `relevant`, in tree order (not a scan of every root per target). */
function relevantRoots(tree: ResourceTree, relevant: Set<TreeNode>): TreeNode[] {
  let index = rootIndexCache.get(tree);
  if (!index) {
    index = new Map(tree.roots.map((r, i) => [r, i]));
    rootIndexCache.set(tree, index);
  }
  const ix = index;
  return [...relevant].filter((n) => ix.has(n)).sort((a, b) => ix.get(a)! - ix.get(b)!);
}

interface Walk {
  op: Operation;
  out: OrderStep[];
  /** With a target: the nodes using it and their ancestors. */
  relevant: Set<TreeNode> | undefined;
}

const usesCache = new WeakMap<ResourceTree, Map<Resource, TreeNode[]>>();

function relevantNodes(tree: ResourceTree, target: Resource): Set<TreeNode> {
  let uses = usesCache.get(tree);
  if (!uses) {
    uses = new Map();
    const visit = (n: TreeNode) => {
      const list = uses!.get(n.resource);
      if (list) list.push(n);
      else uses!.set(n.resource, [n]);
      n.children.forEach(visit);
    };
    tree.roots.forEach(visit);
    usesCache.set(tree, uses);
  }
  const set = new Set<TreeNode>();
  for (const n of uses.get(target) ?? []) {
    for (let p: TreeNode | undefined = n; p && !set.has(p); p = p.parent) set.add(p);
  }
  return set;
}

function opList(list: TreeNode[], first: Resource | null, type: string | undefined, w: Walk): void {
  const nodes = w.op === 'stop' ? [...list].reverse() : list;
  for (const n of nodes) {
    if (type !== undefined && n.resource.type !== type) continue;
    opNode(n, first, w);
  }
}

function opNode(node: TreeNode, first: Resource | null, w: Walk): void {
  if (first !== null && w.relevant && !w.relevant.has(node)) return;
  const me = first === null || node.resource === first;
  if (me && w.op === 'start') w.out.push(step(node, w.op));
  if (node.children.length > 0) opByLevel(node, me ? null : first, w);
  if (me && w.op === 'stop') w.out.push(step(node, w.op));
}

function opByLevel(node: TreeNode, first: Resource | null, w: Walk): void {
  const rule = node.resource.rule;
  if (rule.children.length === 0) {
    opList(node.children, first, undefined, w);
    return;
  }
  if (w.op === 'start') {
    levels(node, first, w);
    defaultLevel(node, first, w);
  } else {
    defaultLevel(node, first, w);
    levels(node, first, w);
  }
}

/** _do_child_levels(): for level 1..100, each declared type with that level, in declaration order. */
function levels(node: TreeNode, first: Resource | null, w: Walk): void {
  const declared = node.resource.rule.children;
  const levelOf = (ct: (typeof declared)[number]) => (w.op === 'stop' ? ct.stop : ct.start) ?? 0;
  const used = [...new Set(declared.map(levelOf))].filter((l) => l >= 1 && l <= MAX_LEVELS).sort((a, b) => a - b);
  for (const l of used) {
    for (const ct of declared) {
      if (levelOf(ct) !== l) continue;
      opList(node.children, first, ct.type, w);
    }
  }
}

function defaultLevel(node: TreeNode, first: Resource | null, w: Walk): void {
  const declared = node.resource.rule.children;
  const kids = w.op === 'stop' ? [...node.children].reverse() : node.children;
  for (const child of kids) {
    // _xx_child_internal(): children of a type with a start or stop level are done by level.
    const leveled = declared.some((ct) => ct.type === child.resource.type && ((ct.start ?? 0) !== 0 || (ct.stop ?? 0) !== 0));
    if (leveled) continue;
    opNode(child, first, w);
  }
}

function step(node: TreeNode, op: Operation): OrderStep {
  const s: OrderStep = { op, type: node.resource.type, name: node.resource.attrs[0]?.value ?? '', depth: node.depth, flags: node.flags, attributes: resolvedAttributes(node) };
  if (node.element) s.element = node.element;
  if (node.resource.definition) s.definition = node.resource.definition;
  return s;
}


// ---------------------------------------------------------------------------------------------
// Entry points.

function orderOf(cluster: ConfElement, serviceName: string, op: Operation, tree?: ResourceTree): OrderStep[] | undefined {
  const t = tree ?? buildResourceTree(cluster);
  const res = findResource(t, 'service', serviceName);
  return res ? operationOrder(t, op, res) : undefined;
}

/**
 * The start steps of service `serviceName` (undefined when rgmanager knows no such service).
 * Pass `tree` (from `buildResourceTree(cluster)`) when asking for many services of one model.
 */
export function startOrder(cluster: ConfElement, serviceName: string, tree?: ResourceTree): OrderStep[] | undefined {
  return orderOf(cluster, serviceName, 'start', tree);
}

/** The stop steps of service `serviceName` (undefined when rgmanager knows no such service). */
export function stopOrder(cluster: ConfElement, serviceName: string, tree?: ResourceTree): OrderStep[] | undefined {
  return orderOf(cluster, serviceName, 'stop', tree);
}

/**
 * The services `quorate order` runs by default: the tree's roots written as `<service>`, in
 * document order, by name (a root `<Service>` still loads, but is not schema-valid; name it
 * with `--service`).
 */
export function serviceNames(tree: ResourceTree): string[] {
  return tree.roots.filter((n) => n.resource.type === 'service' && n.element?.tag === 'service').map((n) => n.resource.attrs[0]?.value ?? '');
}

/** Exactly what `rg_test noop CONF start|stop TYPE NAME` prints (minus "Loading resource rule" lines). */
export function rgTestNoop(tree: ResourceTree, op: Operation, type: string, name: string): string {
  const res = findResource(tree, type, name);
  return noopText(tree, op, type, name, res ? operationOrder(tree, op, res) : undefined);
}

function noopText(tree: ResourceTree, op: Operation, type: string, name: string, steps: OrderStep[] | undefined): string {
  const lines = tree.messages.map((m) => m.text);
  if (!steps) lines.push(`No resource ${name} of type ${type} found`);
  else {
    lines.push(op === 'start' ? `Starting ${name}...` : `Stopping ${name}...`);
    for (const s of steps) lines.push(`[${s.op}] ${s.type}:${s.name}`);
    lines.push(op === 'start' ? `Start of ${name} complete` : `Stop of ${name} complete`);
  }
  return lines.join('\n') + '\n';
}

/** One `rg_test noop` run: its target, whether rgmanager found it, and what it prints. */
export interface OrderRun {
  type: string;
  name: string;
  found: boolean;
  messages: LoadMessage[];
  steps: OrderStep[];
  /** rg_test's exact output for this run. */
  text: string;
}

/** The default targets of `quorate order`: every `<service>` root in document order. */
export function orderTargets(cluster: ConfElement): { type: string; name: string }[] {
  return serviceNames(buildResourceTree(cluster)).map((name) => ({ type: 'service', name }));
}

/** `rg_test noop CONF op TYPE NAME` for each target (default: `orderTargets`), on one tree. */
export function orderRuns(cluster: ConfElement, op: Operation, targets?: { type: string; name: string }[]): OrderRun[] {
  const tree = buildResourceTree(cluster);
  return (targets ?? serviceNames(tree).map((name) => ({ type: 'service', name }))).map(({ type, name }) => {
    const res = findResource(tree, type, name);
    const steps = res ? operationOrder(tree, op, res) : undefined;
    return { type, name, found: !!res, messages: tree.messages, steps: steps ?? [], text: noopText(tree, op, type, name, steps) };
  });
}
