// rgmanager's resource list and resource tree, built from a cluster.conf model exactly as
// rgmanager builds them (domain-facts §7, §9.3), and the one `ref=` resolver.
//
// rgmanager does not walk cluster.conf in document order. It loads every `<resources>` entry
// (rule types alphabetically), then builds one resource tree from `/cluster/rm` with two passes
// per parent (build_tree(), restree.c): typed children in the order the parent agent declares
// them, then untyped children in document order (element names matched to agent types ignoring
// case), dropping forbidden children, bad refs, uniqueness collisions and resources used more
// often than `maxinstances`.
//
// This module replays that on the model, addressing elements through the same XPath strings
// rgmanager builds (`/cluster/rm/child::*[2]/fs[1]`), so that its quirks — a missing required
// attribute ending the siblings of that type, a failed untyped child ending all later untyped
// siblings, the "No resource found @ …" path — come out exactly as `rg_test noop` prints them.
// The start/stop order over this tree is compiler/simulate/order.ts. Pure: model in, tree out.

import { catalogue } from '../catalogue/index.ts';
import type { ResourceAgentSpec } from '../catalogue/types.ts';
import type { ConfElement } from '../model/conf.ts';
import { rgmanagerEnforceTimeouts, rgmanagerIndependentSubtree } from '../model/read.ts';


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

  // Index over `resources` (type → attribute → value), keeping the earliest resource, so that
  // collision checks give what rgmanager's linear scan gives.
  private readonly keyed = new Map<string, Map<string, Map<string, number>>>();
  private readonly refs = new RefIndex<Resource>();

  /** store_resource(): refuses a primary/unique value already used by a resource of the type. */
  storeResource(res: Resource): boolean {
    // rgmanager scans stored resources in order and, for the first that collides, reports the
    // first of the new resource's primary/unique attributes that collides with it.
    let first = -1;
    for (const a of res.attrs) {
      if (!a.primary && !a.unique) continue;
      const i = this.keyed.get(res.type)?.get(a.name)?.get(a.value);
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
    let byName = this.keyed.get(res.type);
    for (const b of res.attrs) {
      if (b.inherit || !(b.primary || b.unique)) continue;
      if (!byName) this.keyed.set(res.type, (byName = new Map()));
      keepFirst(byName, b.name, b.value, index);
    }
    this.refs.add(res);
    return true;
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
      res = this.refs.find(rule.name, ref);
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
      const subtree = rgmanagerIndependentSubtree(this.doc.attribute(base, '__independent_subtree'));
      if (subtree.independent) flags.independent = true;
      if (subtree.nonCritical) res.nonCritical = true;
    }
    if (rgmanagerEnforceTimeouts(this.doc.attribute(base, '__enforce_timeouts'))) flags.enforceTimeouts = true;
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

/** What the `ref=` resolver needs of a resource: its type and its attributes with their rule flags. */
export interface RefCandidate {
  type: string;
  attrs: readonly { name: string; value: string; primary: boolean; unique: boolean; required: boolean; inherit?: boolean }[];
}

/**
 * find_resource_by_ref() (reslist.c), the one `ref=` resolver: among the candidates of a type,
 * the first whose primary value is the ref, else the first whose unique and required attribute
 * is. Fed in rgmanager's store order it answers what rgmanager's linear scans answer.
 */
export class RefIndex<T> {
  // Type → value → the first candidate: nested maps rather than one map of joined keys, so that
  // adding and finding build no string (a big <rm> holds tens of thousands of resources).
  private readonly byPrimary = new Map<string, Map<string, T>>();
  private readonly byUniqueRequired = new Map<string, Map<string, T>>();

  add(candidate: T & RefCandidate): void {
    for (const a of candidate.attrs) if (!a.inherit) this.addKey(candidate.type, a.value, a.primary, a.unique && a.required, candidate);
  }

  /** One attribute of `item` (of type `type`): a primary one, or a unique and required one. */
  addKey(type: string, value: string, primary: boolean, uniqueRequired: boolean, item: T): void {
    if (primary) keepFirst(this.byPrimary, type, value, item);
    if (uniqueRequired) keepFirst(this.byUniqueRequired, type, value, item);
  }

  find(type: string, ref: string): T | undefined {
    return this.byPrimary.get(type)?.get(ref) ?? this.byUniqueRequired.get(type)?.get(ref);
  }
}

/** Stores `value` under `outer` → `inner` unless something is stored there already. */
function keepFirst<V>(index: Map<string, Map<string, V>>, outer: string, inner: string, value: V): void {
  let m = index.get(outer);
  if (!m) index.set(outer, (m = new Map()));
  if (!m.has(inner)) m.set(inner, value);
}

const refIndexCache = new WeakMap<ResourceTree, RefIndex<Resource>>();

/** find_resource_by_ref() on a built tree: what `rg_test noop … TYPE NAME` looks up. */
export function findResource(tree: ResourceTree, type: string, name: string): Resource | undefined {
  let index = refIndexCache.get(tree);
  if (!index) {
    index = new RefIndex<Resource>();
    for (const r of tree.resources) index.add(r);
    refIndexCache.set(tree, index);
  }
  return index.find(type, name);
}

/**
 * The `<resources>` definition a `ref` of resource type `type` uses, as rgmanager resolves it
 * (undefined when rgmanager finds none, or only an inline resource, which it refuses to share).
 */
export function referencedDefinition(tree: ResourceTree, type: string, ref: string): Resource | undefined {
  const res = findResource(tree, type, ref);
  return res && !res.inline ? res : undefined;
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
