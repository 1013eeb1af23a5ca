// Names declared in a .cluster file and every place they are used: what go-to-definition,
// find-references, rename and the outline read.

import type { Span } from '../diagnostics.ts';

export type SymbolKind = 'cluster' | 'node' | 'fence_device' | 'failover_domain' | 'resource' | 'service' | 'vm' | 'method';

export interface ClusterSymbol {
  kind: SymbolKind;
  name: string;
  /** The name token. */
  nameSpan: Span;
  /** The whole declaration. */
  span: Span;
  /** What it is, for the outline: the agent of a fence device or resource, a node's host name. */
  detail?: string;
  /** The enclosing declaration (a method's node). */
  parent?: ClusterSymbol;
}

export interface SymbolReference {
  span: Span;
  target: ClusterSymbol;
}

export interface SymbolTable {
  symbols: ClusterSymbol[];
  references: SymbolReference[];
}

/** The declaration or reference whose name covers `offset`. */
export function symbolAt(table: SymbolTable, offset: number): { symbol: ClusterSymbol; span: Span } | undefined {
  for (const s of table.symbols) if (s.nameSpan.start <= offset && offset <= s.nameSpan.end) return { symbol: s, span: s.nameSpan };
  for (const r of table.references) if (r.span.start <= offset && offset <= r.span.end) return { symbol: r.target, span: r.span };
  return undefined;
}

export function referencesTo(table: SymbolTable, symbol: ClusterSymbol): SymbolReference[] {
  return table.references.filter((r) => r.target === symbol);
}
