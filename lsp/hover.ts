// Hover: attribute docs, type, default and unit from the catalogue; agent docs on block kinds
// and fence agent names; what a name refers to. Raw cluster.conf files get the same docs for the
// element or attribute under the cursor.

import type { Hover, HoverParams } from 'vscode-languageserver/node';
import { MarkupKind } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { attributeOf, element, fenceAgent, resourceAgent, resourceAgentCaseInsensitive, scopeAt, symbolAt } from '../compiler/api.ts';
import type { BodyScope, ConfElement, SymbolTable } from '../compiler/api.ts';
import { agentDoc, attributeDoc } from './catalogue-docs.ts';
import { toRange } from './convert.ts';
import { analysisOf } from './documents.ts';
import { rawConf } from './raw-conf.ts';
import { entryAt } from './syntax-at.ts';
import { serviceHover } from './service-info.ts';

const KIND_LABEL: Record<string, string> = {
  cluster: 'cluster', node: 'node', fence_device: 'fence device', failover_domain: 'failover domain',
  resource: 'resource', service: 'service', vm: 'virtual machine', method: 'fence method',
};

function blockDoc(kindOrTag: string): string | undefined {
  const e = element(kindOrTag);
  if (e) return agentDoc('element', e);
  const r = resourceAgent(kindOrTag);
  if (r) return agentDoc('resource agent', r);
  const f = fenceAgent(kindOrTag);
  if (f) return agentDoc('fence agent', f);
  return undefined;
}

function scopeOfBody(symbols: SymbolTable, bodySpan: { start: number; end: number } | undefined): BodyScope | undefined {
  if (!bodySpan) return undefined;
  return symbols.scopes?.find((s) => s.span.start === bodySpan.start && s.span.end === bodySpan.end);
}

export function hover(doc: TextDocument, params: HoverParams): Hover | null {
  const state = analysisOf(doc);
  const offset = doc.offsetAt(params.position);
  const markdown = (value: string, span: { start: number; end: number }): Hover => ({ contents: { kind: MarkupKind.Markdown, value }, range: toRange(doc, span) });

  if (state.kind === 'cluster-conf') {
    const root = state.conf;
    const hit = root ? rawConf.at(root, offset) : undefined;
    if (!hit) return null;
    const text = rawHover(hit.element, hit.parents, root!, hit.attribute?.name);
    return text ? markdown(text, hit.span) : null;
  }

  const analysis = state.analysis;
  if (!analysis) return null;
  const sym = symbolAt(analysis.symbols, offset);
  if (sym) {
    const s = sym.symbol;
    const lines = [`**${KIND_LABEL[s.kind] ?? s.kind}** \`${s.name}\`${s.detail ? ` — ${s.detail}` : ''}`];
    if (s.parent) lines.push('', `of ${KIND_LABEL[s.parent.kind] ?? s.parent.kind} \`${s.parent.name}\``);
    const agent = s.kind === 'fence_device' && s.detail ? fenceAgent(s.detail) : s.kind === 'resource' && s.detail ? resourceAgent(s.detail) : undefined;
    if (agent) lines.push('', agent.doc);
    if (s.kind === 'service') lines.push(...serviceHover(analysis, s.name, s.kind));
    return markdown(lines.join('\n'), sym.span);
  }

  const at = entryAt(analysis.syntax, offset);
  const entry = at.entries[at.entries.length - 1];
  if (!entry) return null;
  if (at.part === 'type' && at.token) {
    const f = fenceAgent(at.token.text);
    return f ? markdown(agentDoc('fence agent', f), at.token.span) : null;
  }
  if (at.part === 'kind' || at.part === 'value') {
    const scope = scopeAt(analysis.symbols, entry.kind.span.start);
    const spec = scope?.attributes.find((a) => a.name === entry.kind.text);
    if (spec && !entry.body) return markdown(attributeDoc(spec, scope!.kind), at.part === 'kind' ? entry.kind.span : at.value?.span ?? entry.kind.span);
    if (at.part === 'kind') {
      const own = scopeOfBody(analysis.symbols, entry.body?.span);
      const text = (own ? blockDoc(own.kind) : undefined) ?? blockDoc(entry.kind.text);
      return text ? markdown(text, entry.kind.span) : null;
    }
  }
  return null;
}

/** Docs for an element or attribute of a raw cluster.conf, looked up in the catalogue. */
function rawHover(e: ConfElement, parents: ConfElement[], root: ConfElement, attribute: string | undefined): string | undefined {
  const attrValue = (el: ConfElement, name: string) => el.attributes.find((a) => a.name === name)?.value;
  let spec: Parameters<typeof attributeOf>[0] | undefined;
  let label = e.tag;
  if (e.tag === 'fencedevice') {
    const agentName = attrValue(e, 'agent');
    spec = agentName ? fenceAgent(agentName) : undefined;
    label = agentName ?? e.tag;
  } else if (e.tag === 'device' && parents.some((p) => p.tag === 'method' || p.tag === 'unfence')) {
    const devName = attrValue(e, 'name');
    const devices = root.children.find((c) => c.tag === 'fencedevices')?.children ?? [];
    const agentName = devices.find((d) => attrValue(d, 'name') === devName) ? attrValue(devices.find((d) => attrValue(d, 'name') === devName)!, 'agent') : undefined;
    spec = agentName ? fenceAgent(agentName) : undefined;
    label = agentName ?? e.tag;
  } else {
    spec = element(e.tag) ?? resourceAgentCaseInsensitive(e.tag);
  }
  if (!attribute) return spec && !Array.isArray(spec) ? agentDoc(e.tag === 'fencedevice' || e.tag === 'device' ? 'fence agent' : element(e.tag) ? 'element' : 'resource agent', spec as never) : blockDoc(e.tag);
  if (!spec) return undefined;
  const a = attributeOf(spec, attribute);
  return a ? attributeDoc(a, label) : undefined;
}
