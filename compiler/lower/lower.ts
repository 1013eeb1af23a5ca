// Lowering: the syntax tree of a .cluster file → the cluster.conf model, binding every name and
// type-checking every value against the catalogue on the way (the binder and checker of the
// pipeline). It never throws and never gives up early: each problem becomes a diagnostic at the
// exact span and lowering carries on with the rest, so one pass reports everything.
//
// This file is the entry and the top-level walk (one `cluster` block, `fence_virtd` blocks,
// nothing else). The work is split by what it lowers; each file imports only those below it:
//
//   lower.ts        the entry: lower(), the top level
//     └ cluster.ts    the cluster block: declarations, config_version, core blocks, nodes
//         ├ fencing.ts    fence devices, a node's fence methods and device uses, fence parameters
//         ├ domains.ts    failover domains
//         ├ resources.ts  global resources, roots, inline children, use, meta attributes, actions
//         └ derived.ts    two_node/expected_votes (deriveQuorum), the ccs order (orderChildren)
//   context.ts      under all of them: diagnostics, shapes, symbols and scopes, plain attributes
//
// Beside them, imported as leaves: values.ts (typed values, secrets), symbols.ts (the symbol
// table's types), raw.ts (the escape hatch) and fence-virtd.ts (the `fence_virtd { }` block).

import type { Diagnostic, Span } from '../diagnostics.ts';
import type { Body, SourceFile, Value } from '../../grammar/syntax.ts';
import type { ConfElement } from '../model/conf.ts';
import type { SecretHost } from './values.ts';
import type { SymbolTable } from './symbols.ts';
import type { FenceVirtModel } from '../fence-virt/model.ts';
import { lowerFenceVirtd } from './fence-virtd.ts';
import { LowerContext } from './context.ts';
import { lowerCluster } from './cluster.ts';

export interface LowerOptions {
  /** Where env("…") and file("…") are read from; absent in the editor (nothing is read). */
  secrets?: SecretHost;
  /** Used when the source has no config_version (`quorate plan --bump`: deployed + 1). */
  defaultConfigVersion?: number;
}

export interface LowerResult {
  /** The cluster.conf model; absent when the file has no `cluster` block at all. */
  cluster?: ConfElement;
  /** The host side of VM fencing (`fence_virtd { }` → fence_virt.conf), when the file has it. */
  fenceVirt?: FenceVirtModel;
  symbols: SymbolTable;
  diagnostics: Diagnostic[];
}

export function lower(file: SourceFile, options: LowerOptions = {}): LowerResult {
  const ctx = new LowerContext(options.secrets);
  const clusters = file.entries.filter((e) => e.kind.text === 'cluster');
  for (const e of file.entries) {
    if (e.kind.text !== 'cluster' && e.kind.text !== 'fence_virtd') ctx.unknownBlock(e, ['cluster', 'fence_virtd'], 'at the top level');
  }
  const fenceVirt = lowerFenceVirtd(file.entries, ctx.diagnostics, ctx.symbols.scopes);
  if (clusters.length === 0) {
    if (!fenceVirt) ctx.error('structure/missing-cluster', 'a .cluster file describes one cluster: `cluster NAME { ... }` is missing', { start: 0, end: 0 });
    return { ...(fenceVirt ? { fenceVirt } : {}), symbols: ctx.symbols, diagnostics: ctx.diagnostics };
  }
  for (const extra of clusters.slice(1)) {
    ctx.error('structure/duplicate-cluster', 'only one `cluster` block per file: split other clusters into their own files', extra.kind.span);
  }
  const cluster = lowerCluster(ctx, clusters[0], options.defaultConfigVersion);
  checkXmlCharacters(cluster, ctx.diagnostics);
  return { cluster, ...(fenceVirt ? { fenceVirt } : {}), symbols: ctx.symbols, diagnostics: ctx.diagnostics };
}

export type { Body, Value };

/** What XML 1.0 cannot carry at all, not even as a character reference (its `Char` production). */
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

/**
 * Every value bound for cluster.conf holds only characters XML 1.0 can carry: a control character,
 * U+FFFE/U+FFFF or a lone surrogate would make the file not well-formed, and cman refuses it.
 * Reported at the value's string (walked with a stack: no recursion).
 */
function checkXmlCharacters(root: ConfElement, diagnostics: Diagnostic[]): void {
  const report = (value: string, what: string, span: Span | undefined, fallback: Span) => {
    const bad = NOT_XML_CHAR.exec(value);
    if (!bad) return;
    const code = 'U+' + bad[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
    diagnostics.push({ rule: 'type/xml-character', severity: 'error', message: `${what} holds the character ${code}, which XML 1.0 cannot represent (cman would refuse the whole cluster.conf): remove it`, span: span ?? fallback });
  };
  // Each element with the span of the nearest construct it came from (a derived one has none).
  const stack: Array<[ConfElement, Span]> = [[root, root.span ?? { start: 0, end: 0 }]];
  while (stack.length > 0) {
    const [e, outer] = stack.pop()!;
    const here = e.span ?? outer;
    for (const a of e.attributes) report(a.value, `the value of \`${a.name}\``, a.span, here);
    if (e.text !== undefined) report(e.text, `the text of <${e.tag}>`, e.textSpan, here);
    for (const c of e.children) stack.push([c, here]);
  }
}
