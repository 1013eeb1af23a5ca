// What the readers of the reference metadata share: a minimal view of the DOM xmlbuilder2 parses
// into (they walk the DOM, not the object view), text tidying, and rgmanager's own way of
// reading numbers and flags, so a flag in the metadata means what it means to rgmanager.

import { create } from 'xmlbuilder2';

export interface XNode {
  nodeType: number;
  childNodes: ArrayLike<XNode>;
  textContent: string | null;
}
export interface XElement extends XNode {
  localName: string;
  nodeName: string;
  getAttribute(name: string): string | null;
}
const ELEMENT_NODE = 1;

export function parseXml(text: string): XElement {
  const doc = create(text).node as unknown as { documentElement: XElement };
  return doc.documentElement;
}

export function elementChildren(n: XNode, name?: string): XElement[] {
  const out: XElement[] = [];
  for (let i = 0; i < n.childNodes.length; i++) {
    const c = n.childNodes[i]!;
    if (c.nodeType !== ELEMENT_NODE) continue;
    const e = c as XElement;
    if (name === undefined || e.nodeName === name) out.push(e);
  }
  return out;
}

export function firstChild(n: XNode, name: string): XElement | undefined {
  return elementChildren(n, name)[0];
}

export function descendants(n: XNode, name: string, out: XElement[] = []): XElement[] {
  for (const e of elementChildren(n)) {
    if (e.nodeName === name) out.push(e);
    descendants(e, name, out);
  }
  return out;
}

/** Trimmed, whitespace-collapsed text. */
export function collapse(s: string | null | undefined): string {
  return (s ?? '').replace(/\s+/g, ' ').trim();
}

/** The first sentence of a description ("Name of the cluster. cluster.conf(5)" → "Name of the cluster."). */
export function firstSentence(s: string): string {
  const re = /[.!?](?=\s)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s))) {
    const before = s.slice(0, m.index + 1);
    if (/\b(e\.g|i\.e|etc|vs)\.$/i.test(before)) continue;
    return before;
  }
  return s;
}

/** rgmanager's flag parsing (resrules.c): true iff atoi(v) != 0 or v starts with 'y'. */
export function rgFlag(v: string | null): boolean {
  if (v === null) return false;
  if (v.startsWith('y')) return true;
  return atoi(v) !== 0;
}

export function atoi(v: string): number {
  const m = /^\s*([+-]?\d+)/.exec(v);
  return m ? parseInt(m[1]!, 10) : 0;
}
