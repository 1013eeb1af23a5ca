// Resources: the global definitions of `resources { }`, the roots (`service`, `vm`), the
// resources nested inline in them, `use NAME { … }` of a global definition (→ `ref=`), the meta
// attributes rgmanager reads on a resource inside a service (`independent_subtree` →
// `__independent_subtree`, …) and `action` blocks. Every parameter is checked against the
// resource agent's metadata. Where something is written decides whether rgmanager reads it: a
// meta attribute on a definition or a root, a parameter or an action on a `use`, a child nested
// in a definition are all ignored by rgmanager, so each is reported where it is written.
// Resources keep their source order here; the start/stop order rgmanager derives from them is
// compiler/rgmanager's.

import type { Entry } from '../../grammar/syntax.ts';
import { isAttribute } from '../../grammar/syntax.ts';
import type { ResourceAgentSpec } from '../catalogue/types.ts';
import { catalogue, element as elementSpec, resourceAgent, resourceAgentCaseInsensitive, suggest } from '../catalogue/index.ts';
import { type ConfElement, attr, element, getAttribute, setAttribute } from '../model/conf.ts';
import { isRawEntry, lowerRawInBlock } from './raw.ts';
import { type LowerContext, renameFix, STRING_SPEC } from './context.ts';

/** The language's name for a meta attribute on a resource → rgmanager's `__` attribute. */
const META_ATTRIBUTES: ReadonlyMap<string, string> = new Map([
  ['independent_subtree', '__independent_subtree'],
  ['enforce_timeouts', '__enforce_timeouts'],
  ['max_failures', '__max_failures'],
  ['failure_expire_time', '__failure_expire_time'],
  ['max_restarts', '__max_restarts'],
  ['restart_expire_time', '__restart_expire_time'],
]);

function agentFor(ctx: LowerContext, e: Entry, where: string): ResourceAgentSpec | undefined {
  const exact = resourceAgent(e.kind.text);
  if (exact) return exact;
  const other = resourceAgentCaseInsensitive(e.kind.text);
  const s = other?.name ?? suggest(e.kind.text, Object.keys(catalogue.resourceAgents));
  ctx.error(
    'resource/unknown-type',
    `\`${e.kind.text}\` is not a resource agent${s ? `; did you mean \`${s}\`?` : ''} (${where})`,
    e.kind.span,
    s ? renameFix(e.kind.span, s) : undefined,
  );
  return undefined;
}

/** A definition in `resources { }` → its element under `<resources>`; `use NAME` refers to it. */
export function lowerGlobalResource(ctx: LowerContext, r: Entry): ConfElement | undefined {
  const agent = agentFor(ctx, r, 'in `resources`');
  if (!agent) return undefined;
  if (agent.name === 'service' || agent.name === 'vm') {
    ctx.error('structure/misplaced', `a ${agent.name} is declared at cluster level: \`${agent.name} NAME { ... }\``, r.kind.span);
    return undefined;
  }
  ctx.expectShape(r, { name: 'required', body: 'optional' });
  const el = lowerResourceBody(ctx, r, agent, { global: true, root: false });
  // cluster.conf knows an ip by its address; the rules speak of it as declared (`ip web_ip`).
  if (r.name) el.sourceName = r.name.text;
  const sym = r.name ? ctx.scope('resource').get(r.name.text) : undefined;
  if (sym && sym.nameSpan === r.name!.span) {
    ctx.globalResources.set(sym, { agent, ...(agent.primary && attr(el, agent.primary) !== undefined ? { primaryValue: attr(el, agent.primary)! } : {}) });
  }
  return el;
}

/** A `service` or `vm` → its element under `<rm>`; lowered after every global resource, so each `use` finds its definition. */
export function lowerRoot(ctx: LowerContext, x: Entry): ConfElement | undefined {
  const agent = resourceAgent(x.kind.text)!;
  ctx.expectShape(x, { name: 'required', body: 'optional' });
  if (!x.name) return undefined;
  return lowerResourceBody(ctx, x, agent, { global: false, root: true });
}

/** The parameters and children of a resource (global definition, inline resource or root). */
function lowerResourceBody(ctx: LowerContext, x: Entry, agent: ResourceAgentSpec, where: { global: boolean; root: boolean; parent?: ResourceAgentSpec }): ConfElement {
  const el = element(agent.name, x.span);
  if (x.name) el.nameSpan = x.name.span;
  const params = new Map(agent.parameters.map((p) => [p.name, p]));
  const metas = where.root || where.global ? [] : [...META_ATTRIBUTES].flatMap(([k, m]) => catalogue.resourceMetaAttributes.filter((s) => s.name === m).map((s) => ({ ...s, name: k })));
  const childKinds = Object.keys(catalogue.resourceAgents).filter((n) => n !== 'service' && n !== 'vm' && !agent.children.some((c) => c.type === n && c.forbid));
  ctx.bodyScope(x, agent.name, [...agent.parameters, ...metas], [...childKinds, 'use', 'action']);
  const entries = x.body?.entries ?? [];
  const setsName = entries.some((a) => a.kind.text === 'name' && isAttribute(a));
  if (x.name && params.has('name') && !setsName) setAttribute(el, 'name', x.name.text, x.name.span);

  for (const a of entries) {
    const k = a.kind.text;
    if (isRawEntry(a)) {
      lowerRawInBlock(a, el, ctx.diagnostics);
      continue;
    }
    // A bare `use` is a reference without its name, not an attribute without a value.
    const bareUse = k === 'use' && !a.incomplete && !a.body && !a.name && a.value === undefined;
    if ((isAttribute(a) || a.incomplete || (!a.body && !a.name)) && !bareUse) {
      if (!isAttribute(a)) {
        ctx.lowerAttribute(a, el, STRING_SPEC(k));
        continue;
      }
      if (k === 'domain' && where.root) {
        if (a.value!.type !== 'ident') {
          ctx.error('type/mismatch', '`domain` names a failover_domain: `domain = prefernode2`', a.value!.span);
          continue;
        }
        // An undefined domain stays as written: service/undefined-domain reports it.
        const sym = ctx.bind('failover_domain', a.value!.name, a.value!.span);
        setAttribute(el, 'domain', sym ? (ctx.domainNames.get(sym) ?? sym.name) : a.value!.name, a.value!.span);
        continue;
      }
      if (k === 'depend' && where.root) {
        if (a.value!.type !== 'ident') {
          ctx.error('type/mismatch', '`depend` names another service or vm: `depend = database`', a.value!.span);
          continue;
        }
        const sym = ctx.resolve('root', a.value!.name, a.value!.span, 'service/undefined-depend', 'service or vm');
        if (sym) setAttribute(el, 'depend', `${sym.kind}:${sym.name}`, a.value!.span);
        continue;
      }
      const meta = META_ATTRIBUTES.get(k);
      if (meta && !(where.root && params.has(k))) {
        if (where.root) {
          ctx.warn('resource/meta-on-root', `\`${k}\` has no effect on a ${agent.name}: rgmanager reads it only on resources inside one`, a.kind.span);
          continue;
        }
        if (where.global) {
          ctx.error('resource/meta-on-definition', `\`${k}\` belongs where the resource is used (\`use ${x.name?.text ?? 'NAME'} { ${k} = … }\`), not in its definition`, a.kind.span);
          continue;
        }
        lowerMeta(ctx, a, el, k, meta);
        continue;
      }
      const spec = params.get(k);
      if (!spec) {
        ctx.lowerUnknownParameter(a, el);
        continue;
      }
      if (spec.name === 'name' && x.name && getAttribute(el, 'name')?.span === x.name.span) {
        // An explicit name overrides the block's name.
        el.attributes = el.attributes.filter((p) => p.name !== 'name');
      }
      ctx.lowerAttribute(a, el, spec);
      continue;
    }
    if (k === 'action') {
      const act = lowerAction(ctx, a);
      if (act) el.children.push(act);
      continue;
    }
    if (where.global) {
      ctx.warn('resource/ignored-child', `rgmanager ignores resources nested in a \`resources\` definition; nest them where \`${x.name?.text ?? 'it'}\` is used`, a.kind.span);
      continue;
    }
    const c = k === 'use' ? lowerUse(ctx, a) : lowerInlineChild(ctx, a, agent);
    if (c) el.children.push(c);
  }
  return el;
}

function lowerMeta(ctx: LowerContext, a: Entry, el: ConfElement, k: string, xmlName: string): void {
  const spec = catalogue.resourceMetaAttributes.find((m) => m.name === xmlName);
  if (k === 'independent_subtree') {
    const v = a.value!;
    const word = v.type === 'ident' ? v.name : undefined;
    const mapped = word === 'true' ? '1' : word === 'false' ? '0' : word === 'non_critical' ? '2' : undefined;
    if (mapped === undefined) {
      ctx.error('type/enum', '`independent_subtree` is `true`, `false` or `non_critical`', v.span);
      return;
    }
    setAttribute(el, xmlName, mapped, v.span);
    return;
  }
  if (!spec) return;
  ctx.lowerAttribute(a, el, spec, xmlName, k);
}

function lowerAction(ctx: LowerContext, a: Entry): ConfElement | undefined {
  ctx.expectShape(a, { name: 'required', body: 'optional' });
  if (!a.name) return undefined;
  const el = element('action', a.span);
  setAttribute(el, 'name', a.name.text, a.name.span);
  const spec = elementSpec('action');
  for (const p of a.body?.entries ?? []) {
    const s = spec?.attributes.find((x) => x.name === p.kind.text && x.name !== 'name');
    if (!s) {
      const sug = suggest(p.kind.text, ['depth', 'interval', 'timeout']);
      ctx.error('config/unknown-attribute', `\`${p.kind.text}\` is not an attribute of \`action\`${sug ? `; did you mean \`${sug}\`?` : ''}`, p.kind.span);
      continue;
    }
    ctx.lowerAttribute(p, el, s);
  }
  return el;
}

/** A service or vm cannot be nested; a child the parent forbids stays (resource/forbidden-child reports it). */
function checkChildAllowed(ctx: LowerContext, e: Entry, child: ResourceAgentSpec): boolean {
  if (child.name === 'service' || child.name === 'vm') {
    ctx.error('structure/misplaced', `a ${child.name} cannot be nested; declare it at cluster level`, e.kind.span);
    return false;
  }
  return true;
}

function lowerInlineChild(ctx: LowerContext, e: Entry, parent: ResourceAgentSpec): ConfElement | undefined {
  const agent = agentFor(ctx, e, `inside ${parent.name}`);
  if (!agent || !checkChildAllowed(ctx, e, agent)) return undefined;
  ctx.expectShape(e, { name: 'optional', body: 'optional' });
  return lowerResourceBody(ctx, e, agent, { global: false, root: false, parent });
}

/** `use wwwfs { independent_subtree = true; children… }` → `<fs ref="wwwfs" …>`. */
function lowerUse(ctx: LowerContext, u: Entry): ConfElement | undefined {
  if (!u.name && !u.body && !u.typeName && u.value === undefined) {
    ctx.error('structure/missing-name', '`use` needs the name of a resource declared in `resources { }`: `use NAME`', u.kind.span);
    return undefined;
  }
  ctx.expectShape(u, { name: 'required', body: 'optional' });
  if (!u.name) return undefined;
  // A `use` of no declared resource has no agent, so it cannot stay in the model as a `ref`.
  const sym = ctx.resolve('resource', u.name.text, u.name.span, 'resource/undefined-use', 'resource');
  if (!sym) return undefined;
  const def = ctx.globalResources.get(sym);
  if (!def) return undefined;
  if (!checkChildAllowed(ctx, u, def.agent)) return undefined;
  const el = element(def.agent.name, u.span);
  el.nameSpan = u.name.span;
  el.sourceName = sym.name;
  if (def.primaryValue !== undefined) setAttribute(el, 'ref', def.primaryValue, u.name.span);
  for (const a of u.body?.entries ?? []) {
    const k = a.kind.text;
    if (isRawEntry(a)) {
      lowerRawInBlock(a, el, ctx.diagnostics);
      continue;
    }
    if (isAttribute(a)) {
      const meta = META_ATTRIBUTES.get(k);
      if (meta) lowerMeta(ctx, a, el, k, meta);
      else if (def.agent.parameters.some((p) => p.name === k)) {
        ctx.warn('resource/ignored-on-ref', `rgmanager ignores \`${k}\` where a resource is used by reference; set it in the definition of \`${sym.name}\``, a.kind.span, [
          { title: 'Remove it', edits: [{ span: a.span, newText: '' }] },
        ]);
      } else ctx.lowerUnknownParameter(a, el);
      continue;
    }
    if (k === 'action') {
      ctx.warn('resource/ignored-on-ref', `rgmanager reads actions only where a resource is defined; move this action into \`${sym.name}\``, a.kind.span);
      continue;
    }
    const c = k === 'use' ? lowerUse(ctx, a) : lowerInlineChild(ctx, a, def.agent);
    if (c) el.children.push(c);
  }
  return el;
}
