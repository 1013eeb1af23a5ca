// Reads the RelaxNG schema of cluster.conf (reference/cluster.rng): the hand-written head part
// gives the core elements (attributes with their schema types, defaults and descriptions, and the
// children each may have), the SERVICE definition the descriptions of the resource meta
// attributes. The element and meta overlays then correct them.

import type { AttributeSpec, ElementSpec, ValueType } from '../../compiler/catalogue/types.ts';
import { applyPatch, orderAttribute } from './attribute.ts';
import { CHILD_ORDER, ELEMENT_OVERLAY, ELEMENTS, int, META_OVERLAY, oneOf, STRING } from './overlay.ts';
import { collapse, descendants, elementChildren, firstSentence, parseXml, type XElement, type XNode } from './xml.ts';

/** Schema defines that are not expanded (agent attribute groups, resource trees). */
const OPAQUE_REFS = new Set(['FENCEDEVICEOPTIONS', 'RESOURCEACTION', 'CHILDREN', 'SERVICE', 'VM']);
const ALL_RESOURCES = '*resources*';

interface RawElement {
  node: XElement;
  attributes: AttributeSpec[];
  children: string[];
}

function rngAttribute(a: XElement, required: boolean, where: string): AttributeSpec {
  const name = a.getAttribute('name');
  if (!name) throw new Error(`${where}: attribute without a name`);
  const description = collapse(a.getAttribute('rha:description'));
  let type: ValueType = STRING;
  const data = descendants(a, 'data')[0];
  const values = descendants(a, 'value').map((v) => collapse(v.textContent));
  if (data) {
    const t = data.getAttribute('type');
    if (t === 'positiveInteger') type = int(1);
    else if (t === 'nonNegativeInteger') type = int(0);
    else if (t === 'integer') type = int();
    // ID / IDREF stay strings (the checker resolves the names).
  } else if (values.length > 0) type = oneOf(...values);
  const spec: AttributeSpec = { name, type, required, doc: firstSentence(description) };
  const def = a.getAttribute('rha:default');
  if (def) spec.default = def;
  if (description) spec.longDoc = description;
  return spec;
}

function rngElement(node: XElement, defines: Map<string, XElement>): RawElement {
  const where = `cluster.rng <${node.getAttribute('name')}>`;
  const attributes: AttributeSpec[] = [];
  const children: string[] = [];
  const walk = (n: XNode, optional: boolean, seen: Set<string>): void => {
    for (const c of elementChildren(n)) {
      switch (c.localName) {
        case 'attribute': {
          const spec = rngAttribute(c, !optional, where);
          if (!attributes.some((a) => a.name === spec.name)) attributes.push(spec);
          break;
        }
        case 'element': {
          const cn = c.getAttribute('name')!;
          if (!children.includes(cn)) children.push(cn);
          break;
        }
        case 'optional':
        case 'zeroOrMore':
        case 'choice':
          walk(c, true, seen);
          break;
        case 'oneOrMore':
        case 'interleave':
        case 'group':
          walk(c, optional, seen);
          break;
        case 'ref': {
          const rn = c.getAttribute('name')!;
          if (OPAQUE_REFS.has(rn)) {
            if (rn === 'SERVICE') children.push('service');
            else if (rn === 'VM') children.push('vm');
            else if (rn === 'CHILDREN') children.push(ALL_RESOURCES);
            break;
          }
          if (seen.has(rn)) break;
          const d = defines.get(rn);
          if (!d) throw new Error(`${where}: undefined ref ${rn}`);
          walk(d, optional, new Set([...seen, rn]));
          break;
        }
        default:
          break; // text, data, value, empty, documentation
      }
    }
  };
  walk(node, false, new Set());
  return { node, attributes, children };
}

export function readElements(rngText: string, resourceNames: string[]): Record<string, ElementSpec> {
  const grammar = parseXml(rngText);
  const defines = new Map<string, XElement>();
  for (const d of elementChildren(grammar, 'define')) defines.set(d.getAttribute('name')!, d);
  // Only the hand-written head part: everything except the agent definitions.
  const byName = new Map<string, XElement[]>();
  for (const e of descendants(grammar, 'element')) {
    const n = e.getAttribute('name');
    if (!n) continue;
    byName.set(n, [...(byName.get(n) ?? []), e]);
  }
  const out: Record<string, ElementSpec> = {};
  for (const name of ELEMENTS) {
    const nodes = byName.get(name) ?? [];
    if (nodes.length !== 1) throw new Error(`cluster.rng: expected exactly one <element name="${name}">, found ${nodes.length}`);
    const raw = rngElement(nodes[0]!, defines);
    let attributes = raw.attributes;
    const overlay = ELEMENT_OVERLAY[name] ?? {};
    for (const an of Object.keys(overlay)) {
      const i = attributes.findIndex((a) => a.name === an);
      if (i < 0) throw new Error(`overlay: <${name}> has no attribute ${an} in cluster.rng`);
      attributes[i] = applyPatch(attributes[i]!, overlay[an]!, `<${name}>/@${an}`);
    }
    attributes = attributes.map(orderAttribute);
    let children = raw.children.flatMap((c) => (c === ALL_RESOURCES ? resourceNames : [c]));
    const order = CHILD_ORDER[name];
    if (order) {
      const a = [...order].sort().join(',');
      const b = [...children].sort().join(',');
      if (a !== b) throw new Error(`child order for <${name}> (${a}) does not match cluster.rng (${b})`);
      children = [...order];
    }
    for (const c of children) {
      if (!ELEMENTS.includes(c) && !resourceNames.includes(c)) throw new Error(`<${name}> child <${c}> is not catalogued`);
    }
    const description = collapse(raw.node.getAttribute('rha:description'));
    out[name] = { name, doc: firstSentence(description), attributes, children };
  }
  return out;
}

export function readMetaAttributes(rngText: string): AttributeSpec[] {
  const grammar = parseXml(rngText);
  const service = elementChildren(grammar, 'define').find((d) => d.getAttribute('name') === 'SERVICE');
  if (!service) throw new Error('cluster.rng: no SERVICE define');
  const found = new Map<string, string>();
  for (const a of descendants(service, 'attribute')) {
    const n = a.getAttribute('name')!;
    if (n.startsWith('__')) found.set(n, collapse(a.getAttribute('rha:description')));
  }
  if (found.size !== META_OVERLAY.length) throw new Error(`cluster.rng: expected ${META_OVERLAY.length} __ attributes, found ${found.size}`);
  return META_OVERLAY.map(([name, patch]) => {
    const description = found.get(name);
    if (description === undefined) throw new Error(`cluster.rng: no ${name} on <service>`);
    const base: AttributeSpec = { name, type: STRING, required: false, doc: firstSentence(description) };
    return orderAttribute(applyPatch(base, patch, name));
  });
}
