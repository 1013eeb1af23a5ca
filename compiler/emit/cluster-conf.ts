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

function build(parent: XMLBuilder, e: ConfElement): void {
  for (const c of e.comments ?? []) parent.com(` ${c.replace(/--/g, '- -')} `);
  const attrs: Record<string, string> = {};
  for (const a of [...e.attributes].sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0))) attrs[a.name] = a.value;
  const node = parent.ele(e.tag, attrs);
  if (e.text !== undefined && e.text !== '') node.txt(e.text);
  for (const c of e.children) build(node, c);
}
