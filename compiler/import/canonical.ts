// A canonical text of a cluster.conf element tree, for "is this the same configuration?":
// attribute order, comments and whitespace do not matter; the children of <cluster> and <rm> are
// an interleave in the schema, so their order does not matter either; everywhere else element
// order is kept (it is meaningful: fence methods, resource start order, domain members).

import type { ConfElement } from '../model/conf.ts';

const UNORDERED = new Set(['cluster', 'rm']);

export function canonical(e: ConfElement): string {
  const attrs = [...e.attributes]
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((a) => ` ${a.name}=${JSON.stringify(a.value)}`)
    .join('');
  const kids = e.children.map(canonical);
  if (UNORDERED.has(e.tag)) kids.sort();
  const text = e.text !== undefined && e.text.trim() !== '' ? JSON.stringify(e.text.trim()) : '';
  return `<${e.tag}${attrs}>${text}${kids.join('')}</${e.tag}>`;
}
