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

function ruleCaseInsensitive(tag: string): ResourceAgentSpec | undefined {
  const lower = tag.toLowerCase();
  return RULES.find((r) => r.name.toLowerCase() === lower);
}

const MAX_LEVELS = 100;

// ---------------------------------------------------------------------------------------------
// A tiny XPath: the absolute child-step paths rgmanager builds, evaluated on the model.
// Every node set holds elements of one depth, so concatenating per-context results keeps
// document order; like libxml's first-match (xpath_get_one), callers take the first node.

type Step = { name: string; index?: number };

class Doc {
  private readonly cache = new Map<string, ConfElement[]>();
  constructor(private readonly root: ConfElement) {}

  select(path: string): ConfElement[] {
    const hit = this.cache.get(path);
    if (hit) return hit;
    const slash = path.lastIndexOf('/');
    let result: ConfElement[];
    if (slash <= 0) {
      const step = parseStep(path.slice(1));
      result = stepMatches(this.root, step) && (step.index === undefined || step.index === 1) ? [this.root] : [];
    } else {
      const ctx = this.select(path.slice(0, slash));
      const step = parseStep(path.slice(slash + 1));
      result = [];
      for (const e of ctx) {
        if (step.index === undefined) result.push(...e.children.filter((c) => stepMatches(c, step)));
        else {
          let n = 0;
          for (const c of e.children) {
            if (stepMatches(c, step) && ++n === step.index) {
              result.push(c);
              break;
            }
          }
        }
      }
    }
    this.cache.set(path, result);
    return result;
  }

  /** `PATH/@name`: the first selected element carrying the attribute; an empty value counts as absent. */
  attribute(path: string, name: string): string | undefined {
    for (const e of this.select(path)) {
      const a = e.attributes.find((x) => x.name === name);
      if (a) return a.value === '' ? undefined : a.value;
    }
    return undefined;
  }
}

function parseStep(s: string): Step {
  const m = /^(.*)\[(\d+)\]$/.exec(s);
  const name = m ? m[1]! : s;
  return m ? { name: name === 'child::*' ? '*' : name, index: Number(m[2]) } : { name: name === 'child::*' ? '*' : name };
}

function stepMatches(e: ConfElement, step: Step): boolean {
  return step.name === '*' || e.tag === step.name;
}

// ---------------------------------------------------------------------------------------------
// Loading (reslist.c load_resource / store_resource / find_resource_by_ref / load_resources).

const RESOURCE_BASE = '/cluster/rm/resources';
const TREE_ROOT = '/cluster/rm';

class Loader {
  readonly resources: Resource[] = [];
  readonly messages: LoadMessage[] = [];
  constructor(readonly doc: Doc) {}

  private say(text: string, element?: ConfElement): void {
    this.messages.push(element ? { text, element } : { text });
  }

  /** load_resource(): undefined when a required/primary attribute is missing or nothing is set. */
  loadResource(rule: ResourceAgentSpec, base: string): Resource | undefined {
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
    const definition = this.doc.select(base)[0];
    return { type: rule.name, rule, attrs, inline: false, refs: 0, ...(definition ? { definition } : {}) };
  }

  /** store_resource(): refuses a primary/unique value already used by a resource of the type. */
  storeResource(res: Resource): boolean {
    for (const cur of this.resources) {
      if (cur.type !== res.type) continue;
      for (const a of res.attrs) {
        if (!a.primary && !a.unique) continue;
        for (const b of cur.attrs) {
          if (b.inherit) continue;
          if (b.name !== a.name) continue;
          if (b.value === a.value) {
            this.say(`Error: ${a.primary ? 'Primary' : 'Unique'} attribute collision. type=${res.type} attr=${a.name} value=${a.value}`, res.definition);
            return false;
          }
          break;
        }
      }
    }
    this.resources.push(res);
    return true;
  }

  /** find_resource_by_ref(): by primary value, else by a unique+required attribute. */
  findByRef(type: string, ref: string): Resource | undefined {
    for (const r of this.resources) {
      if (r.type !== type) continue;
      if (r.attrs.some((a) => a.primary && a.value === ref)) return r;
    }
    for (const r of this.resources) {
      if (r.type !== type) continue;
      if (r.attrs.some((a) => a.unique && a.required && a.value === ref)) return r;
    }
    return undefined;
  }

  /** load_resources(): `/cluster/rm/resources/TYPE[n]` for every rule, until one fails to load. */
  loadResources(): void {
    for (const rule of RULES) {
      for (let n = 1; ; n++) {
        const res = this.loadResource(rule, `${RESOURCE_BASE}/${rule.name}[${n}]`);
        if (!res) break;
        if (!this.storeResource(res)) this.say(`Error storing ${rule.name} resource`, res.definition);
      }
    }
  }

  /** do_load_resource(): 0 loaded, 1 "no more", -1 this one skipped. */
  private doLoadResource(base: string, rule: ResourceAgentSpec, list: TreeNode[], parent: TreeNode | undefined, depth: number): { code: 0; node: TreeNode } | { code: 1 | -1 } {
    const element = this.doc.select(base)[0];
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
    res.refs++;
    const node: TreeNode = { resource: res, children: [], path: base, depth, ...(element ? { element } : {}), ...(parent ? { parent } : {}) };
    list.push(node);
    return { code: 0, node };
  }

  /** build_tree(): typed children by the rule's declaration order, then untyped ones. */
  buildTree(list: TreeNode[], parent: TreeNode | undefined, rule: ResourceAgentSpec | undefined, base: string, depth: number): void {
    // Pass 1: typed children (exact, case-sensitive element names), forbidden ones skipped.
    for (const ct of rule?.children ?? []) {
      if (ct.forbid) continue;
      const childRule = RULES.find((r) => r.name === ct.type);
      if (!childRule) continue;
      for (let x = 1; ; x++) {
        const tok = `${base}/${childRule.name}[${x}]`;
        const r = this.doLoadResource(tok, childRule, list, parent, depth);
        if (r.code === 1) break;
        if (r.code !== 0) continue;
        this.buildTree(r.node.children, r.node, childRule, tok, depth + 1);
      }
    }
    // Pass 2: every other element child in document order, matched to a rule ignoring case.
    for (let n = 1; ; n++) {
      const tok = `${base}/child::*[${n}]`;
      const el = this.doc.select(tok)[0];
      if (!el) break;
      const childRule = ruleCaseInsensitive(el.tag);
      if (!childRule) continue;
      if (rule?.children.some((ct) => ct.type === el.tag)) continue; // declared (typed or forbidden)
      const r = this.doLoadResource(tok, childRule, list, parent, depth);
      if (r.code === 1) {
        this.say(`No resource found @ ${tok}`, el);
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
  loader.buildTree(roots, undefined, undefined, TREE_ROOT, 0);
  return { roots, resources: loader.resources, messages: loader.messages };
}

/** find_resource_by_ref() on a built tree: what `rg_test noop … TYPE NAME` looks up. */
export function findResource(tree: ResourceTree, type: string, name: string): Resource | undefined {
  for (const r of tree.resources) if (r.type === type && r.attrs.some((a) => a.primary && a.value === name)) return r;
  for (const r of tree.resources) if (r.type === type && r.attrs.some((a) => a.unique && a.required && a.value === name)) return r;
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Ordering (_res_op, _res_op_internal, _res_op_by_level, _do_child_levels, _do_child_default_level).

/**
 * The operation on every tree position of `target` (and everything below it), in rgmanager's
 * order; with no target, on the whole tree.
 */
export function operationOrder(tree: ResourceTree, op: Operation, target?: Resource): OrderStep[] {
  const out: OrderStep[] = [];
  opList(tree.roots, target ?? null, undefined, op, out);
  return out;
}

function opList(list: TreeNode[], first: Resource | null, type: string | undefined, op: Operation, out: OrderStep[]): void {
  const nodes = op === 'stop' ? [...list].reverse() : list;
  for (const n of nodes) {
    if (type !== undefined && n.resource.type !== type) continue;
    opNode(n, first, op, out);
  }
}

function opNode(node: TreeNode, first: Resource | null, op: Operation, out: OrderStep[]): void {
  const me = first === null || node.resource === first;
  if (me && op === 'start') out.push(step(node, op));
  if (node.children.length > 0) opByLevel(node, me ? null : first, op, out);
  if (me && op === 'stop') out.push(step(node, op));
}

function opByLevel(node: TreeNode, first: Resource | null, op: Operation, out: OrderStep[]): void {
  const rule = node.resource.rule;
  if (rule.children.length === 0) {
    opList(node.children, first, undefined, op, out);
    return;
  }
  if (op === 'start') {
    levels(node, first, op, out);
    defaultLevel(node, first, op, out);
  } else {
    defaultLevel(node, first, op, out);
    levels(node, first, op, out);
  }
}

function levels(node: TreeNode, first: Resource | null, op: Operation, out: OrderStep[]): void {
  const declared = node.resource.rule.children;
  for (let l = 1; l <= MAX_LEVELS; l++) {
    for (const ct of declared) {
      const lev = (op === 'stop' ? ct.stop : ct.start) ?? 0;
      if (!lev || lev !== l) continue;
      opList(node.children, first, ct.type, op, out);
    }
  }
}

function defaultLevel(node: TreeNode, first: Resource | null, op: Operation, out: OrderStep[]): void {
  const declared = node.resource.rule.children;
  const kids = op === 'stop' ? [...node.children].reverse() : node.children;
  for (const child of kids) {
    // _xx_child_internal(): children of a type with a start or stop level are done by level.
    const leveled = declared.some((ct) => ct.type === child.resource.type && ((ct.start ?? 0) !== 0 || (ct.stop ?? 0) !== 0));
    if (leveled) continue;
    opNode(child, first, op, out);
  }
}

function step(node: TreeNode, op: Operation): OrderStep {
  const s: OrderStep = { op, type: node.resource.type, name: node.resource.attrs[0]?.value ?? '', depth: node.depth, attributes: resolvedAttributes(node) };
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

function orderOf(cluster: ConfElement, serviceName: string, op: Operation): OrderStep[] | undefined {
  const tree = buildResourceTree(cluster);
  const res = findResource(tree, 'service', serviceName);
  return res ? operationOrder(tree, op, res) : undefined;
}

/** The start steps of service `serviceName` (undefined when rgmanager knows no such service). */
export function startOrder(cluster: ConfElement, serviceName: string): OrderStep[] | undefined {
  return orderOf(cluster, serviceName, 'start');
}

/** The stop steps of service `serviceName` (undefined when rgmanager knows no such service). */
export function stopOrder(cluster: ConfElement, serviceName: string): OrderStep[] | undefined {
  return orderOf(cluster, serviceName, 'stop');
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
  const lines = tree.messages.map((m) => m.text);
  const res = findResource(tree, type, name);
  if (!res) {
    lines.push(`No resource ${name} of type ${type} found`);
    return lines.join('\n') + '\n';
  }
  lines.push(op === 'start' ? `Starting ${name}...` : `Stopping ${name}...`);
  for (const s of operationOrder(tree, op, res)) lines.push(`[${s.op}] ${s.type}:${s.name}`);
  lines.push(op === 'start' ? `Start of ${name} complete` : `Stop of ${name} complete`);
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

/** `rg_test noop CONF op TYPE NAME` for each target, on one tree. */
export function orderRuns(cluster: ConfElement, op: Operation, targets: { type: string; name: string }[]): OrderRun[] {
  const tree = buildResourceTree(cluster);
  return targets.map(({ type, name }) => {
    const res = findResource(tree, type, name);
    return { type, name, found: !!res, messages: tree.messages, steps: res ? operationOrder(tree, op, res) : [], text: rgTestNoop(tree, op, type, name) };
  });
}
