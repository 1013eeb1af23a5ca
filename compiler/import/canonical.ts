// A canonical text of a cluster.conf element tree, for "is this the same configuration?":
// attribute order, comments and whitespace do not matter; the children of <cluster> and <rm> are
// an interleave in the schema, so their order does not matter either; everywhere else element
// order is kept (it is meaningful: fence methods, resource start order, domain members); and the
// empty containers ccs always writes mean what their absence means (`emptyContainer`).

import type { ConfAttribute, ConfElement } from '../model/conf.ts';

const UNORDERED = new Set(['cluster', 'rm']);

/**
 * The containers whose only meaning is their children, by the element they sit in: fenced looks a
 * device up as `/cluster/fencedevices/fencedevice[@name="X"]` (cluster `fence/libfence/agent.c`,
 * AGENT_NAME_PATH l.21), rgmanager reads `/cluster/rm/resources/…` and
 * `/cluster/rm/failoverdomains/…` the same way, so an empty one is found empty exactly as a
 * missing one is. `ccs` writes all three on every cluster (`<fencedevices/>`,
 * `<failoverdomains/>`, `<resources/>`), and the schema accepts them with or without children.
 */
const MEANS_ONLY_ITS_CHILDREN: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ['cluster', new Set(['fencedevices'])],
  ['rm', new Set(['failoverdomains', 'resources'])],
]);

/** An empty `<fencedevices/>`, `<failoverdomains/>` or `<resources/>` in its own place: the same as none. */
export function emptyContainer(parent: ConfElement, e: ConfElement): boolean {
  return MEANS_ONLY_ITS_CHILDREN.get(parent.tag)?.has(e.tag) === true && e.attributes.length === 0 && e.children.length === 0 && (e.text === undefined || e.text.trim() === '');
}

/**
 * `value` gives the text an attribute is compared by (meaning.ts: an agent-read boolean by what
 * the agent reads, so "yes" and "1" are the same monitor_link); by default its exact value.
 */
export function canonical(e: ConfElement, value: (owner: ConfElement, a: ConfAttribute) => string = (_, a) => a.value): string {
  const attrs = [...e.attributes]
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((a) => ` ${a.name}=${JSON.stringify(value(e, a))}`)
    .join('');
  const kids = e.children.filter((c) => !emptyContainer(e, c)).map((c) => canonical(c, value));
  if (UNORDERED.has(e.tag)) kids.sort();
  const text = e.text !== undefined && e.text.trim() !== '' ? JSON.stringify(e.text.trim()) : '';
  return `<${e.tag}${attrs}>${text}${kids.join('')}</${e.tag}>`;
}
