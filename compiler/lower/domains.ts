// Failover domains: `failover_domain NAME { ordered = true; members = [node2: 1, node1: 2] }` →
// `<failoverdomain>` with one `<failoverdomainnode>` per member. A member binds to a declared
// node and is written under that node's host name (`LowerContext.nodeHostnames`); an undeclared
// member stays as written for the rule over the model (domain/unknown-node), so .cluster sources
// and raw cluster.conf are checked alike. A member listed twice is reported here
// (domain/duplicate-node) and left out of the model.

import type { Entry } from '../../grammar/syntax.ts';
import { isAttribute } from '../../grammar/syntax.ts';
import { element as elementSpec, suggest } from '../catalogue/index.ts';
import { type ConfElement, element, setAttribute } from '../model/conf.ts';
import { convertValue } from './values.ts';
import { isRawEntry, lowerRawInBlock } from './raw.ts';
import { INTEGER_SPEC, type LowerContext, renameFix } from './context.ts';

/** `failover_domain NAME { … }` → `<failoverdomain>` with its members. */
export function lowerFailoverDomain(ctx: LowerContext, x: Entry): ConfElement | undefined {
  ctx.expectShape(x, { name: 'required', body: 'required' });
  if (!x.name) return undefined;
  const el = element('failoverdomain', x.span);
  el.nameSpan = x.name.span;
  setAttribute(el, 'name', x.name.text, x.name.span);
  const spec = elementSpec('failoverdomain');
  const prioritySpec = elementSpec('failoverdomainnode')?.attributes.find((a) => a.name === 'priority') ?? INTEGER_SPEC('priority', 1, 100);
  ctx.bodyScope(x, 'failoverdomain', [...(spec?.attributes.filter((a) => a.name !== 'name') ?? []), { name: 'members', type: { kind: 'string' }, required: false, doc: 'The nodes of the domain, optionally with priorities (1 is the most preferred): `members = [node2: 1, node1: 2]`.' }], []);
  for (const a of x.body?.entries ?? []) {
    const k = a.kind.text;
    if (isRawEntry(a)) {
      lowerRawInBlock(a, el, ctx.diagnostics);
      continue;
    }
    if (k === 'members') {
      if (!isAttribute(a) || a.value?.type !== 'list') {
        ctx.error('type/mismatch', '`members` is a list of nodes, optionally with priorities: `members = [node2: 1, node1: 2]`', a.value?.span ?? a.kind.span);
        continue;
      }
      const seen = new Set<string>();
      for (const item of a.value.items) {
        if (item.value.type !== 'ident') {
          ctx.error('type/mismatch', 'a member is a node name declared with `node`', item.value.span);
          continue;
        }
        const sym = ctx.bind('node', item.value.name, item.value.span);
        if (!sym) {
          // Not a declared node: kept as written, and domain/unknown-node reports it.
          const m = element('failoverdomainnode', item.span);
          setAttribute(m, 'name', item.value.name, item.value.span);
          if (item.weight) {
            const v = convertValue(prioritySpec, item.weight, ctx.values, 'priority');
            if (v !== undefined) setAttribute(m, 'priority', v, item.weight.span);
          }
          el.children.push(m);
          continue;
        }
        if (seen.has(sym.name)) {
          ctx.error('domain/duplicate-node', `node \`${sym.name}\` is listed twice: rgmanager stops reading this domain's members there`, item.value.span);
          continue;
        }
        seen.add(sym.name);
        const m = element('failoverdomainnode', item.span);
        setAttribute(m, 'name', ctx.nodeHostnames.get(sym) ?? sym.name, item.value.span);
        if (item.weight) {
          const v = convertValue(prioritySpec, item.weight, ctx.values, 'priority');
          if (v !== undefined) setAttribute(m, 'priority', v, item.weight.span);
        }
        el.children.push(m);
      }
      continue;
    }
    const attrSpec = spec?.attributes.find((s) => s.name === k);
    if (!attrSpec || k === 'name') {
      const s = suggest(k, ['ordered', 'restricted', 'nofailback', 'members']);
      ctx.error('config/unknown-attribute', `\`${k}\` is not an attribute of \`failover_domain\`${s ? `; did you mean \`${s}\`?` : ''}`, a.kind.span, s ? renameFix(a.kind.span, s) : undefined);
      continue;
    }
    ctx.lowerAttribute(a, el, attrSpec);
  }
  return el;
}
