// The escape hatch: what the language cannot express yet, written as raw cluster.conf, so that an
// imported file loses nothing. Two constructs, both reported as warnings wherever they are used:
//
//   xml = "TAG" { attr = "value"; xml = "child" { } }   a raw element (and its raw children;
//                                                      `xml_text = "…"` is its text content)
//   raw { attr = "value"; other = absent }             raw attributes on the enclosing element
//
// Inside a core block (`cman`, `totem`, `logging`, `quorumd`, ...) `xml` adds a child element of
// that block and `raw` sets attributes on it. Directly inside `cluster`, the string of `xml` is a
// path from <cluster> ("rm/events", "clusternodes/clusternode", "gulm"): the element goes into
// that container, in source order among what the language put there; and a `raw` key may be a
// path too (`cman.two_node`). The value `absent` removes an attribute, or an empty element, that
// the compiler would otherwise write (derived two_node/expected_votes, the name or config_version
// of a partial cluster.conf). Values are strings, written to cluster.conf exactly as given.

import type { Diagnostic, Span } from '../diagnostics.ts';
import type { Entry } from '../../grammar/syntax.ts';
import { isAttribute } from '../../grammar/syntax.ts';
import { type ConfElement, child, container, setAttribute } from '../model/conf.ts';

export const RAW_ELEMENT_RULE = 'raw/xml-element';
export const RAW_ATTRIBUTE_RULE = 'raw/attribute';

export function isRawEntry(e: Entry): boolean {
  return e.kind.text === 'xml' || e.kind.text === 'raw';
}

/**
 * The element names a raw element may have: an XML 1.0 name in ASCII without a colon. The emitter
 * writes any of them and libxml2 (cman's parser) reads them; a prefix (`m:x`) would need an
 * `xmlns:m` declaration, which a `.cluster` source cannot write, and libxml2 reports an
 * undeclared prefix or an empty local part (`m:`) as a namespace error.
 */
const RAW_NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

/** `xmlns` would move the element (and everything under it) into another namespace: cman finds nothing there. */
const XMLNS_PROBLEM = '`xmlns` is not an attribute but a namespace declaration: it would put the element and everything in it into another namespace, where cman finds none of it';

function push(diagnostics: Diagnostic[], rule: string, severity: 'error' | 'warning', message: string, span: Span): void {
  diagnostics.push({ rule, severity, message, span });
}

/** The text of a raw value: strings as written; a bare number or name as its text. */
function rawValue(a: Entry, diagnostics: Diagnostic[]): string | undefined {
  const v = a.value!;
  switch (v.type) {
    case 'string':
      return v.value;
    case 'number':
      return v.raw;
    case 'ident':
      return v.name;
    default:
      push(diagnostics, 'type/mismatch', 'error', `a raw value is a string: \`${a.kind.text} = "…"\``, v.span);
      return undefined;
  }
}

/** `xml = "tag" { … }` → the element (children included), or undefined after an error. */
function rawElement(x: Entry, diagnostics: Diagnostic[], allowPath: boolean): { path: string[]; element: ConfElement } | undefined {
  if (x.incomplete) return undefined;
  if (!x.value || x.value.type !== 'string' || x.name || x.typeName) {
    push(diagnostics, 'structure/raw-element', 'error', 'a raw element is written `xml = "TAG" { attribute = "value" }`', x.value?.span ?? x.name?.span ?? x.kind.span);
    return undefined;
  }
  const path = x.value.value.split('/');
  const tag = path.pop()!;
  if (!RAW_NAME.test(tag) || path.some((p) => !RAW_NAME.test(p)) || (!allowPath && path.length > 0)) {
    const why = x.value.value.includes(':') ? ': cluster.conf uses no XML namespaces, and a prefix (`m:`) that no `xmlns:m` declares is an error for the XML parser cman uses' : '';
    push(diagnostics, 'structure/raw-element', 'error', allowPath ? `"${x.value.value}" is not an element name or a path of element names${why}` : `"${x.value.value}" is not an element name${why || ' (paths are only allowed directly inside `cluster`)'}`, x.value.span);
    return undefined;
  }
  const el: ConfElement = { tag, attributes: [], children: [], span: x.span, nameSpan: x.value.span };
  for (const a of x.body?.entries ?? []) {
    if (a.kind.text === 'xml' && !isAttribute(a)) {
      const c = rawElement(a, diagnostics, false);
      if (c) el.children.push(c.element);
      continue;
    }
    if (a.incomplete) continue;
    if (!isAttribute(a)) {
      push(diagnostics, 'structure/raw-element', 'error', `inside \`xml\` write attributes (\`${a.kind.text} = "value"\`) and child elements (\`xml = "TAG" { }\`)`, a.kind.span);
      continue;
    }
    if (a.kind.text === 'xmlns') {
      push(diagnostics, 'structure/raw-element', 'error', XMLNS_PROBLEM, a.kind.span);
      continue;
    }
    if (el.attributes.some((p) => p.name === a.kind.text)) {
      push(diagnostics, 'name/duplicate-attribute', 'error', `\`${a.kind.text}\` is set twice in this block`, a.kind.span);
      continue;
    }
    const v = rawValue(a, diagnostics);
    if (v === undefined) continue;
    // Attribute names starting with "xml" are reserved by XML itself: `xml_text` is the element's
    // character content (an <event>'s script), which no attribute can be.
    if (a.kind.text === 'xml_text') {
      el.text = v;
      el.textSpan = a.value!.span;
    } else el.attributes.push({ name: a.kind.text, value: v, span: a.value!.span, nameSpan: a.kind.span });
  }
  return { path, element: el };
}

/** Lowers an `xml` or `raw` entry found inside a core block: child element / raw attributes of `el`. */
export function lowerRawInBlock(x: Entry, el: ConfElement, diagnostics: Diagnostic[]): void {
  if (x.kind.text === 'xml') {
    const r = rawElement(x, diagnostics, false);
    if (!r) return;
    el.children.push(r.element);
    push(diagnostics, RAW_ELEMENT_RULE, 'warning', `raw XML element <${r.element.tag}>: written to cluster.conf as is, checked only by the schema`, x.kind.span);
    return;
  }
  for (const a of rawAttributes(x, diagnostics)) applyRawAttribute(el, a.name, a.value, a.entry, diagnostics);
}

interface RawAttr {
  name: string;
  /** undefined = `absent`. */
  value: string | undefined;
  entry: Entry;
}

function rawAttributes(x: Entry, diagnostics: Diagnostic[]): RawAttr[] {
  if (x.name || x.typeName || x.value || !x.body) {
    push(diagnostics, 'structure/raw-attributes', 'error', 'raw attributes are written `raw { attribute = "value" }`', x.name?.span ?? x.value?.span ?? x.kind.span);
    return [];
  }
  const out: RawAttr[] = [];
  for (const a of x.body.entries) {
    if (a.incomplete) continue;
    if (!isAttribute(a)) {
      push(diagnostics, 'structure/raw-attributes', 'error', `inside \`raw\` write attributes: \`${a.kind.text} = "value"\``, a.kind.span);
      continue;
    }
    if (a.kind.text === 'xmlns' || a.kind.text.endsWith('.xmlns')) {
      push(diagnostics, 'structure/raw-attributes', 'error', XMLNS_PROBLEM, a.kind.span);
      continue;
    }
    if (a.value!.type === 'ident' && a.value!.name === 'absent') {
      out.push({ name: a.kind.text, value: undefined, entry: a });
      continue;
    }
    const v = rawValue(a, diagnostics);
    if (v !== undefined) out.push({ name: a.kind.text, value: v, entry: a });
  }
  return out;
}

function applyRawAttribute(el: ConfElement, name: string, value: string | undefined, a: Entry, diagnostics: Diagnostic[]): boolean {
  if (value === undefined) {
    const before = el.attributes.length;
    el.attributes = el.attributes.filter((p) => p.name !== name);
    let removed = el.attributes.length < before;
    const empty = el.children.findIndex((c) => c.tag === name && c.attributes.length === 0 && c.children.length === 0);
    if (!removed && empty >= 0) {
      el.children.splice(empty, 1);
      removed = true;
    }
    push(diagnostics, RAW_ATTRIBUTE_RULE, 'warning', `raw: \`${name}\` is left out of <${el.tag}>${removed ? '' : ' (nothing to leave out)'}`, a.kind.span);
    return removed;
  }
  setAttribute(el, name, value, a.value!.span);
  const attr = el.attributes.find((p) => p.name === name);
  if (attr) attr.nameSpan = a.kind.span;
  push(diagnostics, RAW_ATTRIBUTE_RULE, 'warning', `raw attribute ${name}="${value}" on <${el.tag}>: written to cluster.conf as is, checked only by the schema`, a.kind.span);
  return true;
}

/** Inserts `el` among `parent`'s children in source order (children the compiler made keep their place). */
function insertBySpan(parent: ConfElement, el: ConfElement): void {
  const at = el.span?.start ?? Infinity;
  const i = parent.children.findIndex((c) => c.span !== undefined && c.span.start > at);
  if (i < 0) parent.children.push(el);
  else parent.children.splice(i, 0, el);
}

/**
 * The cluster-level `xml` and `raw` entries, applied once the rest of the cluster is lowered
 * (so `absent` can take back what the compiler derived).
 */
/** Applies the cluster-level escape hatch; returns the names of the `<cluster>` attributes it set or left out. */
export function lowerRawInCluster(cluster: ConfElement, body: readonly Entry[], diagnostics: Diagnostic[]): Set<string> {
  const clusterAttributes = new Set<string>();
  for (const x of body) {
    if (x.kind.text === 'xml') {
      const r = rawElement(x, diagnostics, true);
      if (!r) continue;
      let parent = cluster;
      for (const seg of r.path) parent = container(parent, seg);
      insertBySpan(parent, r.element);
      push(diagnostics, RAW_ELEMENT_RULE, 'warning', `raw XML element <${[...r.path, r.element.tag].join('/')}>: written to cluster.conf as is, checked only by the schema`, x.kind.span);
    } else if (x.kind.text === 'raw') {
      for (const a of rawAttributes(x, diagnostics)) {
        const path = a.name.split('.');
        const name = path.pop()!;
        let target: ConfElement | undefined = cluster;
        const chain: ConfElement[] = [];
        for (const seg of path) {
          if (!target) break;
          chain.push(target);
          target = a.value === undefined ? child(target, seg) : container(target, seg);
        }
        if (!target) {
          push(diagnostics, RAW_ATTRIBUTE_RULE, 'warning', `raw: there is no <${path.join('/')}> to leave \`${name}\` out of`, a.entry.kind.span);
          continue;
        }
        applyRawAttribute(target, name, a.value, a.entry, diagnostics);
        if (path.length === 0) clusterAttributes.add(name);
        // Drop elements left empty that only the compiler created (a derived <cman/>).
        for (let k = chain.length - 1; k >= 0 && target; k--) {
          const parent = chain[k]!;
          if (target.span === undefined && target.attributes.length === 0 && target.children.length === 0) parent.children = parent.children.filter((c) => c !== target);
          target = parent;
        }
      }
    }
  }
  return clusterAttributes;
}

/** The spans of every escape-hatch entry in a source (walked with a stack: no recursion). */
export function rawEntrySpans(entries: readonly Entry[]): Span[] {
  const out: Span[] = [];
  const stack = [...entries];
  while (stack.length > 0) {
    const e = stack.pop()!;
    if (isRawEntry(e)) out.push(e.span);
    else if (e.body) stack.push(...e.body.entries);
  }
  return out.sort((a, b) => a.start - b.start);
}
