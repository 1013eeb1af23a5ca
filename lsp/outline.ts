// Document symbols (the outline) from the core's declarations, nested by span, and folding
// ranges from block bodies and runs of comment lines.

import type { DocumentSymbol, FoldingRange } from 'vscode-languageserver/node';
import { FoldingRangeKind, SymbolKind } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Entry } from '../grammar/syntax.ts';
import type { SymbolKind as CoreKind } from '../compiler/api.ts';
import { toRange } from './convert.ts';
import { analysisOf } from './documents.ts';

const KIND: Record<CoreKind, SymbolKind> = {
  cluster: SymbolKind.Namespace,
  node: SymbolKind.Object,
  fence_device: SymbolKind.Interface,
  failover_domain: SymbolKind.Enum,
  resource: SymbolKind.Variable,
  service: SymbolKind.Class,
  vm: SymbolKind.Class,
  method: SymbolKind.Method,
};

export function documentSymbols(doc: TextDocument): DocumentSymbol[] {
  const state = analysisOf(doc);
  if (!state.analysis) return [];
  const symbols = [...state.analysis.symbols.symbols].sort((a, b) => a.span.start - b.span.start || b.span.end - a.span.end);
  const roots: DocumentSymbol[] = [];
  const stack: { end: number; node: DocumentSymbol }[] = [];
  for (const s of symbols) {
    while (stack.length > 0 && stack[stack.length - 1]!.end < s.span.end) stack.pop();
    const node: DocumentSymbol = {
      name: s.name,
      kind: KIND[s.kind],
      range: toRange(doc, s.span),
      selectionRange: toRange(doc, s.nameSpan),
      children: [],
      ...(s.detail ? { detail: s.detail } : { detail: s.kind.replace('_', ' ') }),
    };
    (stack.length > 0 ? stack[stack.length - 1]!.node.children! : roots).push(node);
    stack.push({ end: s.span.end, node });
  }
  return roots;
}

export function foldingRanges(doc: TextDocument): FoldingRange[] {
  const state = analysisOf(doc);
  if (!state.analysis) return [];
  const out: FoldingRange[] = [];
  const visit = (entries: Entry[]) => {
    for (const e of entries) {
      if (!e.body) continue;
      const start = doc.positionAt(e.body.open.start).line;
      const end = doc.positionAt(e.body.close?.start ?? e.body.span.end).line;
      const last = e.body.close ? end - 1 : end;
      if (last > start) out.push({ startLine: start, endLine: last });
      visit(e.body.entries);
    }
  };
  visit(state.analysis.syntax.entries);
  let run: { start: number; end: number } | undefined;
  const flush = () => { if (run && run.end > run.start) out.push({ startLine: run.start, endLine: run.end, kind: FoldingRangeKind.Comment }); };
  for (const c of state.analysis.syntax.comments) {
    const line = doc.positionAt(c.span.start).line;
    if (run && line === run.end + 1) run.end = line;
    else { flush(); run = { start: line, end: line }; }
  }
  flush();
  return out.sort((a, b) => a.startLine - b.startLine);
}
