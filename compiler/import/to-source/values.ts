// Attribute values: the written value the compiler turns back into exactly the XML's string,
// and the attributes of an element written through their specs, with what does not convert
// kept in a `raw { }` block.

import type { AttributeSpec } from '../../catalogue/types.ts';
import type { Diagnostic } from '../../diagnostics.ts';
import type { Value } from '../../../grammar/syntax.ts';
import { convertValue } from '../../lower/values.ts';
import type { ConfElement } from '../../model/conf.ts';
import { type Ctx, IDENT, reportRawAttribute, XML_NAME } from './context.ts';
import { ident, num, str, type TreeBuilder } from './tree.ts';

/** A value for `spec` that the compiler turns back into exactly `xml`, if there is one. */
export function nativeValue(spec: AttributeSpec, xml: string): Value | undefined {
  const candidates: Value[] = [];
  const t = spec.type;
  const canonicalInt = /^(0|-?[1-9][0-9]*)$/.test(xml);
  switch (t.kind) {
    case 'boolean':
      candidates.push(ident('true'), ident('false'));
      break;
    case 'duration':
      if (canonicalInt && !xml.startsWith('-')) {
        const n = Number(xml);
        if (t.unit === 'ms') candidates.push(num(n !== 0 && n % 1000 === 0 ? `${n / 1000}s` : n === 0 ? '0s' : `${n}ms`));
        else candidates.push(num(n !== 0 && n % 3600 === 0 ? `${n / 3600}h` : n !== 0 && n % 60 === 0 ? `${n / 60}m` : `${n}s`));
      }
      break;
    case 'integer':
      if (canonicalInt) candidates.push(num(xml));
      break;
    case 'enum':
      if (IDENT.test(xml)) candidates.push(ident(xml));
      else if (/^-?[0-9][A-Za-z0-9_.]*$/.test(xml)) candidates.push(num(xml));
      candidates.push(str(xml));
      break;
    case 'string':
      candidates.push(str(xml));
      break;
  }
  for (const v of candidates) {
    const diagnostics: Diagnostic[] = [];
    const out = convertValue(spec, v, { diagnostics });
    if (out === xml && !diagnostics.some((d) => d.severity === 'error')) return v;
  }
  return undefined;
}

/** The attributes of `e` that a name of the language can carry, as strings. */
export function rawAttributes(e: ConfElement, prefix = ''): Array<[string, Value]> {
  return e.attributes.filter((a) => XML_NAME.test(a.name)).map((a) => [`${prefix}${a.name}`, str(a.value)]);
}

/** Attributes through their specs; what does not convert goes to a `raw { }` line. */
export function writeAttributes(ctx: Ctx, b: TreeBuilder, e: ConfElement, specs: readonly AttributeSpec[], skip: readonly string[], rename: ReadonlyMap<string, string> = new Map()): void {
  const raw: Array<[string, Value]> = [];
  for (const a of e.attributes) {
    if (skip.includes(a.name)) continue;
    const spec = specs.find((s) => s.name === a.name);
    const v = spec ? nativeValue(spec, a.value) : undefined;
    if (v !== undefined) b.attr(rename.get(a.name) ?? a.name, v);
    else {
      if (!XML_NAME.test(a.name)) continue;
      raw.push([a.name, str(a.value)]);
      reportRawAttribute(ctx, e, a.name, spec ? `the value is not ${spec.type.kind === 'boolean' ? 'a boolean as cman reads it' : `a valid ${spec.type.kind}`}` : 'the language does not know this attribute');
    }
  }
  if (raw.length) b.raw(raw);
}

/** A raw element (and its subtree) as `xml = "…" { }`. */
export function writeRaw(b: TreeBuilder, e: ConfElement, path: string): void {
  b.comments(e.comments);
  const attrs = rawAttributes(e);
  if (e.text !== undefined && e.text.trim() !== '') attrs.push(['xml_text', str(e.text)]);
  const childless = e.children.length === 0 && !e.trailingComments?.length;
  b.block({ kind: 'xml', value: str(path) }, () => {
    for (const [k, v] of attrs) b.attr(k, v);
    for (const c of e.children) writeRaw(b, c, c.tag);
  }, e.trailingComments, { oneLine: childless });
}
