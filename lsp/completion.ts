// Completion: block kinds and attribute names the block at the cursor accepts (as the checker
// recorded them), enum and boolean values, fence agents, and the names in scope (nodes, fence
// devices, failover domains, resources, services).

import type { CompletionItem, CompletionParams } from 'vscode-languageserver/node';
import { CompletionItemKind, InsertTextFormat, MarkupKind } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { catalogue, scopeAt } from '../compiler/api.ts';
import type { Analysis, SymbolKind } from '../compiler/api.ts';
import { attributeDoc, typeLabel } from './catalogue-docs.ts';
import { analysisOf } from './documents.ts';

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
  if (!scope) return [{ label: 'cluster', kind: CompletionItemKind.Module, insertText: 'cluster ${1:name} {\n\t$0\n}', insertTextFormat: InsertTextFormat.Snippet }];
  const items: CompletionItem[] = scope.attributes.map((a) => ({
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
  return items;
}
