// Completion: block kinds and attribute names the block at the cursor accepts (as the checker
// recorded them; not those already set there, nor `name` when the block's header names it), enum
// and boolean values, fence agents, the names in scope (nodes, fence devices, failover domains,
// resources, services), and snippets for a whole block where that block may start. The snippets
// are the server's, not the extension's: an editor's static snippets show up everywhere (inside
// `fs { }`, after `recovery =`, after `use`), these only where their block is accepted.

import type { CompletionItem, CompletionParams } from 'vscode-languageserver/node';
import { CompletionItemKind, InsertTextFormat, MarkupKind } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { catalogue, scopeAt } from '../compiler/api.ts';
import type { Analysis, SymbolKind } from '../compiler/api.ts';
import { attributeDoc, typeLabel } from './catalogue-docs.ts';
import { analysisOf } from './documents.ts';
import { entryAt } from './syntax-at.ts';

/** Block snippets: `kind` is the block they write; each is offered where that block is accepted. */
const SNIPPETS: { kind: string; detail: string; body: string[] }[] = [
  { kind: 'cluster', detail: 'A cluster with two nodes', body: ['cluster ${1:name} {', '\tconfig_version = ${2:1}', '', '\tfence_daemon { }', '', '\tnode ${3:node1} = "${4:node1.example.com}" { id = 1 }', '\tnode ${5:node2} = "${6:node2.example.com}" { id = 2 }', '\t$0', '}'] },
  { kind: 'node', detail: 'A cluster node with a fence method', body: ['node ${1:node1} = "${2:node1.example.com}" {', '\tid = ${3:1}', '\tfence { method ${4:m1} { device ${5:fencedev} { port = "${6:$1}" } } }', '}'] },
  { kind: 'fence_device', detail: 'A fence device (the agent after the colon)', body: ['fence_device ${1:ipmi1} : ${2|fence_ipmilan,fence_xvm,fence_virt,fence_scsi,fence_apc,fence_ilo,fence_drac5|} {', '\t$0', '}'] },
  { kind: 'failover_domain', detail: 'An ordered failover domain', body: ['failover_domain ${1:prefer_node1} {', '\tordered = ${2|true,false|}', '\trestricted = ${3|false,true|}', '\tmembers = [${4:node1: 1, node2: 2}]', '}'] },
  { kind: 'resources', detail: 'Global resources: an ip and a file system', body: ['resources {', '\tip ${1:vip} { address = "${2:192.168.0.100/24}"; monitor_link = true }', '\tfs ${3:datafs} { device = "${4:/dev/mapper/vg-lv}"; mountpoint = "${5:/srv/data}"; fstype = "${6:ext4}" }', '}'] },
  { kind: 'service', detail: 'A service using global resources', body: ['service ${1:name} {', '\tdomain = ${2:domain}', '\trecovery = ${3|relocate,restart,disable|}', '\tuse ${4:resource}', '\t$0', '}'] },
  { kind: 'quorumd', detail: 'A quorum disk with a ping heuristic', body: ['quorumd {', '\tlabel = "${1:qdisk}"', '\tinterval = ${2:1s}', '\ttko = ${3:10}', '\theuristic { program = "ping -c1 -w1 ${4:192.168.0.1}"; score = 1 }', '}'] },
  { kind: 'totem', detail: 'Totem timing', body: ['totem { token = ${1:10s} }'] },
];

function snippets(accepted: readonly string[]): CompletionItem[] {
  return SNIPPETS.filter((s) => accepted.includes(s.kind)).map((s) => ({
    label: `${s.kind} { … }`,
    filterText: s.kind,
    kind: CompletionItemKind.Snippet,
    detail: s.detail,
    insertText: s.body.join('\n'),
    insertTextFormat: InsertTextFormat.Snippet,
    sortText: '3' + s.kind,
  }));
}

/**
 * What the block whose body is `scope` already says: the attributes set in it (but not the one
 * the cursor is on, which is being typed) and whether its header gives it a name.
 */
function alreadySet(analysis: Analysis, scope: { span: { start: number; end: number } }, offset: number): { attributes: Set<string>; named: boolean } {
  const owner = [...entryAt(analysis.syntax, offset).entries].reverse().find((e) => e.body?.span.start === scope.span.start && e.body.span.end === scope.span.end);
  const attributes = new Set<string>();
  for (const e of owner?.body?.entries ?? []) {
    if (e.body || e.name || (e.value === undefined && !e.incomplete)) continue;
    if (e.kind.span.start <= offset && offset <= e.kind.span.end) continue;
    attributes.add(e.kind.text);
  }
  return { attributes, named: owner?.name !== undefined };
}

function names(analysis: Analysis, kinds: SymbolKind[]): CompletionItem[] {
  const seen = new Set<string>();
  const out: CompletionItem[] = [];
  for (const s of analysis.symbols.symbols) {
    if (!kinds.includes(s.kind) || seen.has(s.name)) continue;
    seen.add(s.name);
    out.push({ label: s.name, kind: CompletionItemKind.Reference, detail: `${s.kind.replace('_', ' ')}${s.detail ? ` (${s.detail})` : ''}` });
  }
  return out;
}

/** How far back on the cursor's line completion looks: every context it knows fits in it. */
export const COMPLETION_LOOKBACK = 256;

/**
 * The text before the cursor on its line, at most COMPLETION_LOOKBACK characters of it, so the
 * patterns below cost the same on a 1 MB line as on a short one. A cut line starts with a NUL,
 * which no pattern accepts, so a name longer than the window never reads as the line's start.
 */
export function completionContext(doc: TextDocument, position: { line: number; character: number }): string {
  const from = Math.max(0, position.character - COMPLETION_LOOKBACK);
  const text = doc.getText({ start: { line: position.line, character: from }, end: position });
  return from > 0 ? '\0' + text : text;
}

export function completion(doc: TextDocument, params: CompletionParams): CompletionItem[] {
  const state = analysisOf(doc);
  const analysis = state.analysis;
  if (!analysis) return [];
  const offset = doc.offsetAt(params.position);
  const line = completionContext(doc, params.position);

  // References by statement: `use NAME`, `device NAME`, `depend = NAME`, `domain = NAME`, members.
  if (/\buse\s+[\w.-]*$/.test(line)) return names(analysis, ['resource']);
  if (/\bdevice\s+[\w.-]*$/.test(line)) return names(analysis, ['fence_device']);
  if (/\bfence_device\s+[\w.-]+\s*:\s*[\w.-]*$/.test(line)) {
    return Object.values(catalogue.fenceAgents).map((f) => ({ label: f.name, kind: CompletionItemKind.Class, detail: f.doc }));
  }
  const scope = scopeAt(analysis.symbols, offset);
  if (/\bmembers\s*=\s*\[[^\]]*$/.test(line)) return names(analysis, ['node']);
  const value = /(?:^|[{;]\s*|\s)([A-Za-z_][\w.-]*)\s*=\s*[\w"-]*$/.exec(line);
  if (value) {
    const key = value[1]!;
    if (key === 'domain') return names(analysis, ['failover_domain']);
    if (key === 'depend') return names(analysis, ['service', 'vm']);
    const spec = scope?.attributes.find((a) => a.name === key);
    if (spec?.type.kind === 'enum') return spec.type.values.map((v) => ({ label: v, kind: CompletionItemKind.EnumMember, ...(spec.default === v ? { detail: 'default' } : {}) }));
    if (spec?.type.kind === 'boolean') return ['true', 'false'].map((v) => ({ label: v, kind: CompletionItemKind.Value }));
    return [];
  }
  // Start of an entry: what this block accepts.
  if (!/^\s*[\w.-]*$/.test(line.slice(Math.max(line.lastIndexOf('{'), line.lastIndexOf(';')) + 1))) return [];
  if (!scope) return [{ label: 'cluster', kind: CompletionItemKind.Module, insertText: 'cluster ${1:name} {\n\t$0\n}', insertTextFormat: InsertTextFormat.Snippet }, ...snippets(['cluster'])];
  const set = alreadySet(analysis, scope, offset);
  // `name` is the block's header (`fs wwwfs { }`); an attribute set twice is an error.
  const open = scope.attributes.filter((a) => !set.attributes.has(a.name) && !(a.name === 'name' && set.named));
  const items: CompletionItem[] = open.map((a) => ({
    label: a.name,
    kind: CompletionItemKind.Property,
    detail: typeLabel(a.type),
    documentation: { kind: MarkupKind.Markdown, value: attributeDoc(a, scope.kind) },
    insertText: `${a.name} = `,
    sortText: (a.required ? '0' : '1') + a.name,
  }));
  for (const b of scope.blocks) {
    items.push({ label: b, kind: CompletionItemKind.Module, detail: b === 'use' ? 'use a resource defined in `resources`' : 'block', sortText: '2' + b });
  }
  items.push(...snippets(scope.blocks));
  return items;
}
