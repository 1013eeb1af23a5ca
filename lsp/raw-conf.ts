// Raw cluster.conf files: the same model as a .cluster file lands on, read by the core with
// positions in the XML (documents.ts keeps it per version). Hover looks the element or
// attribute under the cursor up in the catalogue.

import type { ConfAttribute, ConfElement, Span } from '../compiler/api.ts';

export interface RawConfHit {
  element: ConfElement;
  parents: ConfElement[];
  attribute?: ConfAttribute;
  span: Span;
}

function attributeSpan(a: ConfAttribute): Span | undefined {
  const nameSpan = (a as ConfAttribute & { nameSpan?: Span }).nameSpan;
  if (nameSpan && a.span) return { start: nameSpan.start, end: a.span.end };
  return nameSpan ?? a.span;
}

function find(e: ConfElement, parents: ConfElement[], offset: number): RawConfHit | undefined {
  for (const c of e.children) {
    const hit = find(c, [...parents, e], offset);
    if (hit) return hit;
  }
  for (const a of e.attributes) {
    const s = attributeSpan(a);
    if (s && s.start <= offset && offset <= s.end) return { element: e, parents, attribute: a, span: s };
  }
  if (e.nameSpan && e.nameSpan.start <= offset && offset <= e.nameSpan.end) return { element: e, parents, span: e.nameSpan };
  return undefined;
}

export const rawConf = {
  at(root: ConfElement, offset: number): RawConfHit | undefined {
    return find(root, [], offset);
  },
};
