// A canonical text of a cluster.conf element tree, for "is this the same configuration?":
// attribute order, comments and whitespace do not matter; the children of <cluster> and <rm> are
// an interleave in the schema, so their order does not matter either; everywhere else element
// order is kept (it is meaningful: fence methods, resource start order, domain members).

import type { ConfAttribute, ConfElement } from '../model/conf.ts';

const UNORDERED = new Set(['cluster', 'rm']);

/**
 * `value` gives the text an attribute is compared by (meaning.ts: an agent-read boolean by what
 * the agent reads, so "yes" and "1" are the same monitor_link); by default its exact value.
 */
export function canonical(e: ConfElement, value: (owner: ConfElement, a: ConfAttribute) => string = (_, a) => a.value): string {
  const attrs = [...e.attributes]
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((a) => ` ${a.name}=${JSON.stringify(value(e, a))}`)
    .join('');
  const kids = e.children.map((c) => canonical(c, value));
  if (UNORDERED.has(e.tag)) kids.sort();
  const text = e.text !== undefined && e.text.trim() !== '' ? JSON.stringify(e.text.trim()) : '';
  return `<${e.tag}${attrs}>${text}${kids.join('')}</${e.tag}>`;
}
