// Names declared in a .cluster file and every place they are used: what go-to-definition,
// find-references, rename and the outline read.

import type { Span } from '../diagnostics.ts';
import type { AttributeSpec } from '../catalogue/types.ts';

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

/** What a block body accepts, as the checker saw it: completion offers these, hover explains them. */
export interface BodyScope {
  /** The body, braces included. */
  span: Span;
  /** The cluster.conf element or agent it lowers to (`totem`, `clusternode`, `fs`, `fence_ipmilan`). */
  kind: string;
  /** The attributes it accepts, under the names the language spells them. */
  attributes: AttributeSpec[];
  /** The block kinds (and statements such as `use`) it accepts. */
  blocks: string[];
}

export interface SymbolTable {
  symbols: ClusterSymbol[];
  references: SymbolReference[];
  /** Filled by lowering; optional so other producers (the importer) need not. */
  scopes?: BodyScope[];
}

/** The innermost recorded body around `offset`. */
export function scopeAt(table: SymbolTable, offset: number): BodyScope | undefined {
  let best: BodyScope | undefined;
  for (const s of table.scopes ?? []) {
    if (s.span.start < offset && offset <= s.span.end && (!best || s.span.end - s.span.start <= best.span.end - best.span.start)) best = s;
  }
  return best;
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
