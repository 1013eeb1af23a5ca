// Resource start/stop order exactly as rgmanager computes it (domain-facts §7, §9.3).
//
// rgmanager does not walk cluster.conf in document order. It loads every `<resources>` entry
// (rule types alphabetically), then builds one resource tree from `/cluster/rm` with two passes
// per parent (build_tree(), restree.c): typed children in the order the parent agent declares
// them, then untyped children in document order (element names matched to agent types ignoring
// case), dropping forbidden children, bad refs, uniqueness collisions and resources used more
// often than `maxinstances`. Start and stop then follow the parent agent's child levels.
//
// This module replays that on the model, addressing elements through the same XPath strings
// rgmanager builds (`/cluster/rm/child::*[2]/fs[1]`), so that its quirks — a missing required
// attribute ending the siblings of that type, a failed untyped child ending all later untyped
// siblings, the "No resource found @ …" path — come out exactly as `rg_test noop` prints them.
// Pure: model in, steps and text out.

import { catalogue } from '../catalogue/index.ts';
import type { ResourceAgentSpec } from '../catalogue/types.ts';
import type { ConfElement } from '../model/conf.ts';

export type Operation = 'start' | 'stop';

/** An rgmanager resource: a `<resources>` entry or an inline definition. */
export interface Resource {
  type: string;
  rule: ResourceAgentSpec;
  /** Stored attributes in rule order (primary first); inherited ones keep their inherit spec. */
  attrs: ResourceAttr[];
  inline: boolean;
  /** Tree positions using it (r_refs). */
  refs: number;
  /** Some position made it non-critical (cleared again once it is used twice). */
  nonCritical?: boolean;
  /** The element that defines it. */
  definition?: ConfElement;
}

interface ResourceAttr {
  name: string;
  value: string;
  primary: boolean;
  unique: boolean;
  required: boolean;
  inherit: boolean;
}

/** A node of the resource tree. */
export interface TreeNode {
  resource: Resource;
  children: TreeNode[];
  /** The element at this tree position (a `ref` element or an inline definition). */
  element?: ConfElement;
  /** rgmanager's XPath of this position, e.g. `/cluster/rm/child::*[2]/fs[1]`. */
  path: string;
  depth: number;
  /** The node above it (undefined for a root). */
  parent?: TreeNode;
  flags: NodeFlags;
}

/** Per-position flags read from the element (§7.3, §7.5); independence is ignored on roots. */
export interface NodeFlags {
  /** `__independent_subtree="1"` (or non-critical): a failure restarts only this subtree. */
  independent?: true;
  /** `__independent_subtree="2"`: a failure stops and disables only this subtree. */
  nonCritical?: true;
  /** `__enforce_timeouts="1"`: the agent is killed after its action timeout. */
  enforceTimeouts?: true;
}

/** A line rgmanager prints while loading (`Error: Reference to nonexistent resource …`). */
export interface LoadMessage {
  text: string;
  /** The element it is about, when there is one. */
  element?: ConfElement;
}

export interface ResourceTree {
  roots: TreeNode[];
  /** Every stored resource: `<resources>` entries first (types alphabetically), then inline ones. */
  resources: Resource[];
  messages: LoadMessage[];
}

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

export interface ResolvedAttribute {
  name: string;
  value: string;
  /** Where an inherited value came from: `service%name`, `mountpoint`, … (absent when set or defaulted). */
  inheritedVia?: string;
}

// ---------------------------------------------------------------------------------------------
// Rules: the catalogue's resource agents, sorted as resrules.c keeps them (case-insensitively).

const RULES: ResourceAgentSpec[] = Object.values(catalogue.resourceAgents).sort((a, b) => {
  const x = a.name.toLowerCase();
  const y = b.name.toLowerCase();
  return x < y ? -1 : x > y ? 1 : 0;
});

const RULE_BY_NAME = new Map(RULES.map((r) => [r.name, r]));
const RULE_BY_LOWER_NAME = new Map<string, ResourceAgentSpec>();
for (const r of RULES) if (!RULE_BY_LOWER_NAME.has(r.name.toLowerCase())) RULE_BY_LOWER_NAME.set(r.name.toLowerCase(), r);

/** build_tree pass 2: the first rule (in sorted order) whose type equals the tag ignoring case. */
function ruleCaseInsensitive(tag: string): ResourceAgentSpec | undefined {
  return RULE_BY_LOWER_NAME.get(tag.toLowerCase());
}

const MAX_LEVELS = 100;

/** C atoi(): leading blanks, an optional sign, digits; anything else ends it (0 if none). */
function atoi(v: string): number {
  const m = /^[ \t\n\v\f\r]*([+-]?\d+)/.exec(v);
  return m ? parseInt(m[1]!, 10) : 0;
}

// ---------------------------------------------------------------------------------------------
// A tiny XPath: the absolute child-step paths rgmanager builds, evaluated on the model.
// Every node set holds elements of one depth, so concatenating per-context results keeps
// document order; like libxml's first-match (xpath_get_one), callers take the first node.

/** A node set with the XPath rgmanager would have built for it. */
interface Loc {
  path: string;
  nodes: ConfElement[];
}

class Doc {
  private readonly byTag = new Map<ConfElement, Map<string, ConfElement[]>>();
  constructor(private readonly root: ConfElement) {}

  /** An element's children called `name` (`*`: all), in document order; indexed once per element. */
  private childrenNamed(e: ConfElement, name: string): ConfElement[] {
    if (name === '*') return e.children;
    let m = this.byTag.get(e);
    if (!m) {
      m = new Map();
      for (const c of e.children) {
        const list = m.get(c.tag);
        if (list) list.push(c);
        else m.set(c.tag, [c]);
      }
      this.byTag.set(e, m);
    }
    return m.get(name) ?? [];
  }

  /** `/cluster/rm` (or `/cluster/rm/resources`): every such element, in document order. */
  absolute(...names: string[]): Loc {
    let nodes = this.root.tag === names[0] ? [this.root] : [];
    for (const n of names.slice(1)) nodes = nodes.flatMap((e) => this.childrenNamed(e, n));
    return { path: '/' + names.join('/'), nodes };
  }

  /** `LOC/NAME[index]` or `LOC/child::*[index]` (name `*`). */
  child(loc: Loc, name: string, index: number): Loc {
    const nodes: ConfElement[] = [];
    for (const e of loc.nodes) {
      const kids = this.childrenNamed(e, name);
      if (index >= 1 && index <= kids.length) nodes.push(kids[index - 1]!);
    }
    return { path: `${loc.path}/${name === '*' ? 'child::*' : name}[${index}]`, nodes };
  }

  /** `LOC/@name`: the first selected element carrying the attribute; an empty value counts as absent. */
  attribute(loc: Loc, name: string): string | undefined {
    for (const e of loc.nodes) {
      const a = e.attributes.find((x) => x.name === name);
      if (a) return a.value === '' ? undefined : a.value;
    }
    return undefined;
  }
}

// ---------------------------------------------------------------------------------------------
// Loading (reslist.c load_resource / store_resource / find_resource_by_ref / load_resources).


class Loader {
  readonly resources: Resource[] = [];
  readonly messages: LoadMessage[] = [];
  constructor(readonly doc: Doc) {}

  private say(text: string, element?: ConfElement): void {
    this.messages.push(element ? { text, element } : { text });
  }

  /** load_resource(): undefined when a required/primary attribute is missing or nothing is set. */
  loadResource(rule: ResourceAgentSpec, base: Loc): Resource | undefined {
    const attrs: ResourceAttr[] = [];
    let found = false;
    for (const p of rule.parameters) {
      const flags = { primary: !!p.primary, unique: !!p.unique, required: !!p.required, inherit: p.inherit !== undefined };
      let value = this.doc.attribute(base, p.name);
      if (value === undefined) {
        if (flags.required || flags.primary) return undefined;
        if (!flags.inherit) {
          if (p.default === undefined) continue;
          value = p.default;
        }
      }
      found = true;
      if (flags.inherit) {
        if (value !== undefined) flags.inherit = false;
        else value = p.inherit!;
      }
      attrs.push({ name: p.name, value: value!, ...flags });
    }
    if (!found) return undefined;
    const definition = base.nodes[0];
    return { type: rule.name, rule, attrs, inline: false, refs: 0, ...(definition ? { definition } : {}) };
  }

  // Indexes over `resources` (keys: type NUL attribute NUL value), each keeping the earliest
  // resource, so that lookups give what rgmanager's linear scans give.
  private readonly keyed = new Map<string, number>();
  private readonly byPrimary = new Map<string, Resource>();
  private readonly byUniqueRequired = new Map<string, Resource>();

  /** store_resource(): refuses a primary/unique value already used by a resource of the type. */
  storeResource(res: Resource): boolean {
    // rgmanager scans stored resources in order and, for the first that collides, reports the
    // first of the new resource's primary/unique attributes that collides with it.
    let first = -1;
    for (const a of res.attrs) {
      if (!a.primary && !a.unique) continue;
      const i = this.keyed.get(`${res.type}\0${a.name}\0${a.value}`);
      if (i !== undefined && (first < 0 || i < first)) first = i;
    }
    if (first >= 0) {
      const cur = this.resources[first]!;
      const a = res.attrs.find((x) => (x.primary || x.unique) && cur.attrs.some((b) => !b.inherit && b.name === x.name && b.value === x.value))!;
      this.say(`Error: ${a.primary ? 'Primary' : 'Unique'} attribute collision. type=${res.type} attr=${a.name} value=${a.value}`, res.definition);
      return false;
    }
    const index = this.resources.length;
    this.resources.push(res);
    for (const b of res.attrs) {
      if (b.inherit) continue;
      const key = `${res.type}\0${b.name}\0${b.value}`;
      if ((b.primary || b.unique) && !this.keyed.has(key)) this.keyed.set(key, index);
      const byValue = `${res.type}\0${b.value}`;
      if (b.primary && !this.byPrimary.has(byValue)) this.byPrimary.set(byValue, res);
      if (b.unique && b.required && !this.byUniqueRequired.has(byValue)) this.byUniqueRequired.set(byValue, res);
    }
    return true;
  }

  /** find_resource_by_ref(): by primary value, else by a unique+required attribute. */
  findByRef(type: string, ref: string): Resource | undefined {
    return this.byPrimary.get(`${type}\0${ref}`) ?? this.byUniqueRequired.get(`${type}\0${ref}`);
  }

  /** load_resources(): `/cluster/rm/resources/TYPE[n]` for every rule, until one fails to load. */
  loadResources(): void {
    const resources = this.doc.absolute('cluster', 'rm', 'resources');
    for (const rule of RULES) {
      for (let n = 1; ; n++) {
        const res = this.loadResource(rule, this.doc.child(resources, rule.name, n));
        if (!res) break;
        if (!this.storeResource(res)) this.say(`Error storing ${rule.name} resource`, res.definition);
      }
    }
  }

  /** do_load_resource(): 0 loaded, 1 "no more", -1 this one skipped. */
  private doLoadResource(base: Loc, rule: ResourceAgentSpec, list: TreeNode[], parent: TreeNode | undefined, depth: number): { code: 0; node: TreeNode } | { code: 1 | -1 } {
    const element = base.nodes[0];
    const ref = this.doc.attribute(base, 'ref');
    let res: Resource | undefined;
    if (ref === undefined) {
      res = this.loadResource(rule, base);
      if (!res) return { code: 1 };
      if (!this.storeResource(res)) {
        this.say(`Error storing ${rule.name} resource`, element);
        return { code: -1 };
      }
      res.inline = true;
    } else {
      res = this.findByRef(rule.name, ref);
      if (!res) {
        this.say(`Error: Reference to nonexistent resource ${ref} (type ${rule.name})`, element);
        return { code: -1 };
      }
      if (res.inline) {
        this.say(`Error: Reference to inlined resource ${ref} (type ${rule.name}) is illegal`, element);
        return { code: -1 };
      }
    }
    if (rule.maxInstances && res.refs >= rule.maxInstances) {
      // rgmanager prints the primary attribute's *name* here (r_attrs[0].ra_name).
      this.say(`Warning: Max references exceeded for resource ${res.attrs[0]?.name ?? ''} (type ${rule.name})`, element);
      return { code: -1 };
    }
    const flags: NodeFlags = {};
    if (parent) {
      const v = this.doc.attribute(base, '__independent_subtree');
      if (v !== undefined) {
        if (atoi(v) === 1 || v.toLowerCase() === 'yes') flags.independent = true;
        if (atoi(v) === 2 || v.toLowerCase() === 'non-critical') res.nonCritical = true;
      }
    }
    const et = this.doc.attribute(base, '__enforce_timeouts');
    if (et !== undefined && (atoi(et) > 0 || et.toLowerCase() === 'yes')) flags.enforceTimeouts = true;
    res.refs++;
    if (res.refs > 1 && res.nonCritical) {
      this.say(`Non-critical flag for ${res.type}:${res.attrs[0]?.value ?? ''} is being cleared due to multiple references.`, element);
      res.nonCritical = false;
    }
    if (res.nonCritical) {
      flags.nonCritical = true;
      flags.independent = true;
    }
    const node: TreeNode = { resource: res, children: [], path: base.path, depth, flags, ...(element ? { element } : {}), ...(parent ? { parent } : {}) };
    list.push(node);
    return { code: 0, node };
  }

  /** build_tree(): typed children by the rule's declaration order, then untyped ones. */
  buildTree(list: TreeNode[], parent: TreeNode | undefined, rule: ResourceAgentSpec | undefined, base: Loc, depth: number): void {
    // Pass 1: typed children (exact, case-sensitive element names), forbidden ones skipped.
    for (const ct of rule?.children ?? []) {
      if (ct.forbid) continue;
      const childRule = RULE_BY_NAME.get(ct.type);
      if (!childRule) continue;
      for (let x = 1; ; x++) {
        const tok = this.doc.child(base, childRule.name, x);
        const r = this.doLoadResource(tok, childRule, list, parent, depth);
        if (r.code === 1) break;
        if (r.code !== 0) continue;
        this.buildTree(r.node.children, r.node, childRule, tok, depth + 1);
      }
    }
    // Pass 2: every other element child in document order, matched to a rule ignoring case.
    for (let n = 1; ; n++) {
      const tok = this.doc.child(base, '*', n);
      const el = tok.nodes[0];
      if (!el) break;
      const childRule = ruleCaseInsensitive(el.tag);
      if (!childRule) continue;
      if (rule?.children.some((ct) => ct.type === el.tag)) continue; // declared (typed or forbidden)
      const r = this.doLoadResource(tok, childRule, list, parent, depth);
      if (r.code === 1) {
        this.say(`No resource found @ ${tok.path}`, el);
        break;
      }
      if (r.code !== 0) continue;
      this.buildTree(r.node.children, r.node, childRule, tok, depth + 1);
    }
  }
}

/** Builds rgmanager's resource list and tree from a cluster.conf model (`<cluster>` root). */
export function buildResourceTree(cluster: ConfElement): ResourceTree {
  const loader = new Loader(new Doc(cluster));
  loader.loadResources();
  const roots: TreeNode[] = [];
  loader.buildTree(roots, undefined, undefined, loader.doc.absolute('cluster', 'rm'), 0);
  return { roots, resources: loader.resources, messages: loader.messages };
}

/** find_resource_by_ref() on a built tree: what `rg_test noop … TYPE NAME` looks up. */
export function findResource(tree: ResourceTree, type: string, name: string): Resource | undefined {
  let index = findCache.get(tree);
  if (!index) {
    const primary = new Map<string, Resource>();
    const uniqueRequired = new Map<string, Resource>();
    for (const r of tree.resources) {
      for (const a of r.attrs) {
        const key = `${r.type}\0${a.value}`;
        if (a.primary && !primary.has(key)) primary.set(key, r);
        if (a.unique && a.required && !uniqueRequired.has(key)) uniqueRequired.set(key, r);
      }
    }
    index = { primary, uniqueRequired };
    findCache.set(tree, index);
  }
  const key = `${type}\0${name}`;
  return index.primary.get(key) ?? index.uniqueRequired.get(key);
}

const findCache = new WeakMap<ResourceTree, { primary: Map<string, Resource>; uniqueRequired: Map<string, Resource> }>();

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
// Inheritance (_attr_value(), reslist.c): an inherit spec `X` reads attribute X of the parent;
// `T%X` reads X of the nearest ancestor of type T. A node without the attribute ends the search.

function attrValue(node: TreeNode | undefined, name: string, ptype?: string, seen = 0): string | undefined {
  if (!node || seen > 256) return undefined;
  if (ptype !== undefined && node.resource.type !== ptype) return attrValue(node.parent, name, ptype, seen + 1);
  const a = node.resource.attrs.find((x) => x.name === name);
  if (!a) return undefined;
  if (!a.inherit) return a.value;
  const pct = a.value.indexOf('%');
  if (pct < 0) return attrValue(node.parent, a.value, undefined, seen + 1);
  return attrValue(node.parent, a.value.slice(pct + 1), a.value.slice(0, pct), seen + 1);
}

/** A tree node's attributes as its agent receives them (OCF_RESKEY_*), inheritance resolved. */
export function resolvedAttributes(node: TreeNode): ResolvedAttribute[] {
  const out: ResolvedAttribute[] = [];
  for (const a of node.resource.attrs) {
    if (!a.inherit) {
      out.push({ name: a.name, value: a.value });
      continue;
    }
    const v = attrValue(node, a.name);
    if (v !== undefined) out.push({ name: a.name, value: v, inheritedVia: a.value });
  }
  return out;
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
