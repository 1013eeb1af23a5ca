// The cluster.conf emitter: model → XML text, with xmlbuilder2. Deterministic: attributes in
// alphabetical order (as ccs writes them), elements in model order, two-space indentation, a
// final newline — the same model always gives the same bytes.

import { create } from 'xmlbuilder2';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces';
import type { ConfElement } from '../model/conf.ts';

export function emitClusterConf(root: ConfElement): string {
  const doc = create({ version: '1.0' });
  build(doc, root);
  const xml = doc.end({ prettyPrint: true, indent: '  ', newline: '\n', headless: false });
  // xmlbuilder2 writes `<?xml version="1.0"?>` — the header cman's own tools write too.
  return xml.endsWith('\n') ? xml : xml + '\n';
}

// What cman reads must be exactly the model's value. xmlbuilder2 escapes `<`, `>` and `"` but
// leaves an `&` that looks like a reference (`&amp;`, `&#33;`) as it is, so `p&amp;ss` would be
// read back as `p&ss`: every `&` is written as `&amp;` here, which xmlbuilder2 then keeps. In an
// attribute a parser turns tab, newline and CR into spaces (attribute-value normalisation), and in
// text a CR into a newline (end-of-line handling): those are written as character references.
const ATTRIBUTE_ESCAPES: ReadonlyMap<string, string> = new Map([['&', '&amp;'], ['\t', '&#9;'], ['\n', '&#10;'], ['\r', '&#13;']]);
const TEXT_ESCAPES: ReadonlyMap<string, string> = new Map([['&', '&amp;'], ['\r', '&#13;']]);

function attributeValue(v: string): string {
  return v.replace(/[&\t\n\r]/g, (c) => ATTRIBUTE_ESCAPES.get(c)!);
}

function textContent(v: string): string {
  return v.replace(/[&\r]/g, (c) => TEXT_ESCAPES.get(c)!);
}

function build(parent: XMLBuilder, e: ConfElement): void {
  for (const c of e.comments ?? []) parent.com(` ${c.replace(/--/g, '- -')} `);
  const node = parent.ele(e.tag);
  // One call per attribute, never an object keyed by attribute names (`__proto__` is a name too).
  for (const a of [...e.attributes].sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0))) node.att(a.name, attributeValue(a.value));
  if (e.text !== undefined && e.text !== '') node.txt(textContent(e.text));
  for (const c of e.children) build(node, c);
}
