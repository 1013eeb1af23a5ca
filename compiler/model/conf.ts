// The model: a cluster.conf element tree in which every element and attribute remembers where
// it came from. Lowering a .cluster file produces it, importing a raw cluster.conf will produce
// it too, and the rules, the simulator and the emitters read only this — so each of them works on
// both kinds of input without knowing which one it was given.

import type { Span } from '../diagnostics.ts';

export interface ConfAttribute {
  name: string;
  /** The value exactly as cluster.conf will carry it. */
  value: string;
  /** Where the value was written; absent when the compiler derived it. */
  span?: Span;
  /** Where the attribute's name was written (raw cluster.conf input; a key in a .cluster block). */
  nameSpan?: Span;
}

export interface ConfElement {
  tag: string;
  attributes: ConfAttribute[];
  children: ConfElement[];
  /** The construct this element came from (a block, a `use`, a list item). */
  span?: Span;
  /** The span naming it (a block's name), for diagnostics that are about the name. */
  nameSpan?: Span;
  /**
   * In a .cluster source: the name it was declared or used with, where cluster.conf names it
   * otherwise (a node known by its host name, a `use` whose ref is the resource's address), so a
   * rule can speak and suggest in the names the admin wrote.
   */
  sourceName?: string;
  /** In a .cluster source: the `{` of the block it came from (where fixes insert attributes). */
  bodyOpen?: Span;
  /** Comments to emit just before this element. */
  comments?: string[];
  /** The end tag, when there is one (raw cluster.conf input). */
  endSpan?: Span;
  /** Comments after the last child, before the end tag (raw cluster.conf input). */
  trailingComments?: string[];
  /** Character content (cluster.conf elements have none; kept so nothing read is lost). */
  text?: string;
  textSpan?: Span;
}

export function element(tag: string, span?: Span): ConfElement {
  const e: ConfElement = { tag, attributes: [], children: [] };
  if (span) e.span = span;
  return e;
}

export function getAttribute(e: ConfElement, name: string): ConfAttribute | undefined {
  return e.attributes.find((a) => a.name === name);
}

export function attr(e: ConfElement, name: string): string | undefined {
  return getAttribute(e, name)?.value;
}

export function setAttribute(e: ConfElement, name: string, value: string, span?: Span): void {
  const existing = getAttribute(e, name);
  if (existing) {
    existing.value = value;
    if (span) existing.span = span;
    else delete existing.span;
    return;
  }
  const a: ConfAttribute = { name, value };
  if (span) a.span = span;
  e.attributes.push(a);
}

export function child(e: ConfElement, tag: string): ConfElement | undefined {
  return e.children.find((c) => c.tag === tag);
}

export function children(e: ConfElement, tag: string): ConfElement[] {
  return e.children.filter((c) => c.tag === tag);
}

/** Finds or creates the child container (`clusternodes`, `rm`, `fencedevices`, ...). */
export function container(e: ConfElement, tag: string): ConfElement {
  let c = child(e, tag);
  if (!c) {
    c = element(tag);
    e.children.push(c);
  }
  return c;
}

export function* walk(e: ConfElement, parents: ConfElement[] = []): Generator<{ element: ConfElement; parents: ConfElement[] }> {
  yield { element: e, parents };
  for (const c of e.children) yield* walk(c, [...parents, e]);
}
