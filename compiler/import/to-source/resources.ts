// rgmanager's side: failover domains (`failover_domain NAME { members = [...] }`), global
// resources (`resources { fs data { } }`), and services and vms with their resource trees
// (inline resources, `use` of a global one, actions, per-use attributes). Each *Problem
// function says why an element cannot be written natively (it is then written raw).

import type { ResourceAgentSpec } from '../../catalogue/types.ts';
import { catalogue, element as elementSpec, resourceAgent } from '../../catalogue/index.ts';
import type { ListItem, Value } from '../../../grammar/syntax.ts';
import { type ConfElement, attr } from '../../model/conf.ts';
import { definitionOf, primaryOf } from '../../rgmanager/resources.ts';
import { type Ctx, IDENT, META, reportRaw, reportRawAttribute } from './context.ts';
import { ident, num, str, type TreeBuilder } from './tree.ts';
import { nativeValue, writeAttributes, writeRaw } from './values.ts';

const NO_SPAN = { start: 0, end: 0 };

export function domainProblem(ctx: Ctx, e: ConfElement): string | undefined {
  const n = attr(e, 'name');
  if (n === undefined || !IDENT.test(n)) return 'its name is not an identifier';
  const seen = new Set<string>();
  for (const m of e.children) {
    const host = attr(m, 'name');
    if (m.tag !== 'failoverdomainnode' || host === undefined || !ctx.nativeNodes.has(host) || seen.has(host)) return `<${m.tag}${host ? ` name="${host}"` : ''}> is not a node of this cluster listed once`;
    seen.add(host);
    if (m.attributes.some((a) => a.name !== 'name' && a.name !== 'priority') || m.children.length) return `<failoverdomainnode name="${host}"> has more than a name and a priority`;
  }
  return undefined;
}

/**
 * A member's priority as written in the XML. Anything but a number or a name is written as it
 * is too: it does not parse, and the self-check then writes the domain raw.
 */
function priority(p: string): Value {
  return IDENT.test(p) ? ident(p) : num(p);
}

export function writeDomain(ctx: Ctx, b: TreeBuilder, e: ConfElement): void {
  b.comments(e.comments);
  b.block({ kind: 'failover_domain', name: attr(e, 'name')! }, () => {
    writeAttributes(ctx, b, e, elementSpec('failoverdomain')?.attributes ?? [], ['name']);
    const members: ListItem[] = e.children.map((m) => {
      const p = attr(m, 'priority');
      const item: ListItem = { value: ident(`${ctx.nodeNames.get(attr(m, 'name')!)}`), span: NO_SPAN };
      if (p !== undefined) item.weight = priority(p);
      return item;
    });
    if (members.length) b.attr('members', { type: 'list', items: members, span: NO_SPAN });
  }, e.trailingComments);
}

export function globalProblem(e: ConfElement): string | undefined {
  const agent = resourceAgent(e.tag);
  if (agent && (agent.name === 'service' || agent.name === 'vm')) return `a ${agent.name} defined in <resources> (and used with ref=) has no form in the language`;
  if (!agent) return `<${e.tag}> is not a resource agent the language knows`;
  if (agent.parameters.some((p) => p.name === 'name') && attr(e, 'name') === undefined) return 'it has no name, which the language always writes';
  const meta = e.attributes.find((a) => META.has(a.name));
  if (meta) return `${meta.name} belongs where the resource is used`;
  return undefined;
}

function writeAction(ctx: Ctx, b: TreeBuilder, a: ConfElement): void {
  const n = attr(a, 'name');
  b.comments(a.comments);
  if (n === undefined || !IDENT.test(n) || a.children.length) {
    reportRaw(ctx, a, 'an action without a usable name');
    writeRaw(b, a, a.tag);
    return;
  }
  b.block({ kind: 'action', name: n }, () => {
    writeAttributes(ctx, b, a, (elementSpec('action')?.attributes ?? []).filter((s) => s.name !== 'name'), ['name']);
  }, a.trailingComments);
}

export function writeGlobal(ctx: Ctx, b: TreeBuilder, e: ConfElement, blockName: string): void {
  const agent = resourceAgent(e.tag)!;
  b.comments(e.comments);
  const name = attr(e, 'name');
  const usesName = agent.parameters.some((p) => p.name === 'name');
  b.block({ kind: e.tag, name: blockName }, () => {
    writeAttributes(ctx, b, e, agent.parameters, usesName && name === blockName ? ['name'] : []);
    for (const c of e.children) {
      if (c.tag === 'action') writeAction(ctx, b, c);
      else {
        reportRaw(ctx, c, 'rgmanager ignores resources nested in a global definition; kept as written');
        writeRaw(b, c, c.tag);
      }
    }
  }, e.trailingComments);
}

/** A resource inside a service (inline, a `use`, an action, or raw). */
function writeResource(ctx: Ctx, b: TreeBuilder, e: ConfElement, parent: ResourceAgentSpec): void {
  if (e.tag === 'action') {
    writeAction(ctx, b, e);
    return;
  }
  const agent = resourceAgent(e.tag);
  const forbidden = agent && parent.children.some((c) => c.type === agent.name && c.forbid);
  b.comments(e.comments);
  if (!agent || agent.name === 'service' || agent.name === 'vm' || forbidden) {
    reportRaw(ctx, e, !agent ? `<${e.tag}> is not a resource agent the language knows (a custom or misspelt agent)` : forbidden ? `${parent.name} forbids ${agent.name} children` : `a ${agent.name} cannot be nested`);
    writeRaw(b, e, e.tag);
    return;
  }
  const ref = attr(e, 'ref');
  if (ref !== undefined) {
    // The definition rgmanager's resolver finds (rgmanager/resources.ts); `use` writes the ref
    // back by the definition's primary value, so a ref by another attribute stays as written.
    const def = definitionOf(ctx.globals.nodes, { element: e, agent, parent: undefined, global: false, isRef: true });
    const primary = def && primaryOf(def.agent);
    const target = def && primary !== undefined && attr(def.element, primary) === ref ? ctx.globals.blocks.get(def.element) : undefined;
    const others = e.attributes.filter((a) => a.name !== 'ref' && !META.has(a.name));
    if (target === undefined || others.length) {
      reportRaw(ctx, e, target === undefined ? (def ? `the reference names ${e.tag} "${ref}" by an attribute other than its primary one${primary ? ` (${primary})` : ''}, which is how the language writes it` : `no global ${e.tag} resource is "${ref}"`) : `rgmanager ignores ${others[0]!.name} on a reference`);
      writeRaw(b, e, e.tag);
      return;
    }
    b.block({ kind: 'use', name: target }, () => {
      writeMetas(ctx, b, e);
      for (const c of e.children) {
        if (c.tag === 'action') {
          reportRaw(ctx, c, 'an action on a reference is ignored by rgmanager');
          writeRaw(b, c, c.tag);
        } else writeResource(ctx, b, c, agent);
      }
    }, e.trailingComments);
    return;
  }
  const name = attr(e, 'name');
  const usesName = agent.parameters.some((p) => p.name === 'name');
  const inlineName = usesName && name !== undefined && IDENT.test(name);
  b.block({ kind: e.tag, ...(inlineName ? { name } : {}) }, () => {
    writeAttributes(ctx, b, e, agent.parameters, inlineName ? ['name', ...META.keys()] : [...META.keys()]);
    writeMetas(ctx, b, e);
    for (const c of e.children) writeResource(ctx, b, c, agent);
  }, e.trailingComments);
}

/** `__independent_subtree` values → the language's words for them. */
const INDEPENDENT_SUBTREE_WORDS: ReadonlyMap<string, string> = new Map([['1', 'true'], ['0', 'false'], ['2', 'non_critical']]);

/** rgmanager's per-use attributes (`__independent_subtree` ...) under their names in the language. */
function writeMetas(ctx: Ctx, b: TreeBuilder, e: ConfElement): void {
  const raw: Array<[string, Value]> = [];
  for (const a of e.attributes) {
    const lang = META.get(a.name);
    if (!lang) continue;
    let v: Value | undefined;
    if (a.name === '__independent_subtree') {
      const word = INDEPENDENT_SUBTREE_WORDS.get(a.value);
      v = word !== undefined ? ident(word) : undefined;
    } else {
      const spec = catalogue.resourceMetaAttributes.find((m) => m.name === a.name);
      v = spec ? nativeValue(spec, a.value) : undefined;
    }
    if (v !== undefined) b.attr(lang, v);
    else {
      raw.push([a.name, str(a.value)]);
      reportRawAttribute(ctx, e, a.name, 'the value is not one the language writes');
    }
  }
  if (raw.length) b.raw(raw);
}

export function rootProblem(ctx: Ctx, e: ConfElement): string | undefined {
  if (attr(e, 'ref') !== undefined) return `a ${e.tag} that refers to one in <resources> (ref="${attr(e, 'ref')}") has no form in the language`;
  if (attr(e, 'name') === undefined) return `a ${e.tag} without a name has no form in the language`;
  const domain = attr(e, 'domain');
  if (domain !== undefined && !ctx.domainNames.has(domain)) return `domain "${domain}" is not a failover domain the language declares`;
  const depend = attr(e, 'depend');
  if (depend !== undefined && !ctx.rootNames.has(depend)) return `depend "${depend}" does not name a service or vm of this cluster`;
  const meta = e.attributes.find((a) => META.has(a.name) && !resourceAgent(e.tag)!.parameters.some((p) => p.name === a.name));
  if (meta) return `${meta.name} has no effect on a ${e.tag}`;
  return undefined;
}

/** A service or a vm. */
export function writeRoot(ctx: Ctx, b: TreeBuilder, e: ConfElement, blockName: string): void {
  const agent = resourceAgent(e.tag)!;
  b.comments(e.comments);
  b.block({ kind: e.tag, name: blockName }, () => {
    const name = attr(e, 'name');
    const skip = ['domain', 'depend', ...(name === blockName ? ['name'] : [])];
    const domain = attr(e, 'domain');
    if (domain !== undefined) b.attr('domain', ident(domain));
    const depend = attr(e, 'depend');
    if (depend !== undefined) b.attr('depend', ident(ctx.rootNames.get(depend)!));
    writeAttributes(ctx, b, e, agent.parameters, skip);
    for (const c of e.children) writeResource(ctx, b, c, agent);
  }, e.trailingComments);
}
