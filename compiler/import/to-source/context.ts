// What every part of the importer shares: the state of one import (names chosen, units written,
// what must be written raw and why), the names the language accepts, and the import/* warnings.

import type { Diagnostic, Span } from '../../diagnostics.ts';
import type { Entry } from '../../../grammar/syntax.ts';
import type { ConfElement } from '../../model/conf.ts';
import type { ResourceNode } from '../../rgmanager/resources.ts';

export const IDENT = /^[A-Za-z_][A-Za-z0-9_.\-]*$/;
export const XML_NAME = /^[A-Za-z_][A-Za-z0-9_.\-]*$/;

/** rgmanager's per-use attributes and their names in the language. */
export const META: ReadonlyMap<string, string> = new Map([
  ['__independent_subtree', 'independent_subtree'],
  ['__enforce_timeouts', 'enforce_timeouts'],
  ['__max_failures', 'max_failures'],
  ['__failure_expire_time', 'failure_expire_time'],
  ['__max_restarts', 'max_restarts'],
  ['__restart_expire_time', 'restart_expire_time'],
]);

/** A top-level piece of the output the self-check can write raw on its own. */
export interface Unit {
  xml: ConfElement;
  /** Path of the container the unit lives in, from <cluster>. */
  path: string[];
  /** The entries written for it (in the built tree). */
  entries: Entry[];
}

export interface Ctx {
  diagnostics: Diagnostic[];
  /** Units that must be written raw, with the reason. */
  forced: Map<ConfElement, string>;
  /** cman attributes the compiler derives that the XML does not have. */
  absent: Set<string>;
  units: Unit[];
  nodeNames: Map<string, string>;
  /** Host names of the nodes written natively. */
  nativeNodes: Set<string>;
  fenceNames: Set<string>;
  /** Fence device name → its agent, for the devices written natively. */
  fenceAgents: Map<string, string>;
  domainNames: Set<string>;
  /** The global resources written natively, each with its block name (what `use` names). */
  globals: { nodes: ResourceNode[]; blocks: Map<ConfElement, string> };
  rootNames: Map<string, string>;
}

export function newContext(): Ctx {
  return { diagnostics: [], forced: new Map(), absent: new Set(), units: [], nodeNames: new Map(), nativeNodes: new Set(), fenceNames: new Set(), fenceAgents: new Map(), domainNames: new Set(), globals: { nodes: [], blocks: new Map() }, rootNames: new Map() };
}

export function span(e: ConfElement): Span {
  return e.nameSpan ?? e.span ?? { start: 0, end: 0 };
}

export function warn(ctx: Ctx, rule: string, message: string, at: Span): void {
  ctx.diagnostics.push({ rule, severity: 'warning', message, span: at });
}

export function reportRaw(ctx: Ctx, e: ConfElement, why: string): void {
  warn(ctx, 'import/raw-element', `<${e.tag}> is kept as a raw \`xml\` block: ${why}`, span(e));
}

export function reportRawAttribute(ctx: Ctx, e: ConfElement, name: string, why: string): void {
  const a = e.attributes.find((x) => x.name === name);
  warn(ctx, 'import/raw-attribute', `${name}="${a?.value ?? ''}" on <${e.tag}> is kept in a \`raw { }\` block: ${why}`, a?.nameSpan ?? a?.span ?? span(e));
}

/** `wanted` made an identifier not in `used` (and then marked used). */
export function identFor(wanted: string, used: Set<string>, fallback: string): string {
  let base = wanted.replace(/[^A-Za-z0-9_.\-]/g, '_');
  if (!/^[A-Za-z_]/.test(base)) base = `${fallback}_${base}`;
  if (!IDENT.test(base)) base = fallback;
  let name = base;
  for (let i = 2; used.has(name); i++) name = `${base}-${i}`;
  used.add(name);
  return name;
}
