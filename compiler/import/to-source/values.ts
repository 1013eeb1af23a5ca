// Attribute values: the written value the compiler turns back into the XML's string (exactly,
// or, for a boolean an agent reads, a spelling the agent reads the same: monitor_link="yes" is
// `true`, written back as "1"), and the attributes of an element written through their specs,
// with what does not convert kept in a `raw { }` block. A spelling the agent reads against its
// word (quick_status="yes" is off) imports as what the agent does, with import/misread-value.

import type { AttributeSpec } from '../../catalogue/types.ts';
import { boolReading, booleanSpelling, describeReading, readBoolean, wordMeaning } from '../../catalogue/index.ts';
import type { Diagnostic } from '../../diagnostics.ts';
import type { Value } from '../../../grammar/syntax.ts';
import { convertValue } from '../../lower/values.ts';
import type { ConfElement } from '../../model/conf.ts';
import { type Ctx, IDENT, reportRawAttribute, span, warn, XML_NAME } from './context.ts';
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

/**
 * An agent-read boolean as the agent reads it: `true`/`false` for what the agent does with
 * `xml`, and, when that is not what the spelling's word says (or the word says nothing), the
 * warning to give. Undefined when the language cannot say it (the agent refuses the spelling).
 */
export function agentBoolean(spec: AttributeSpec, xml: string): { value: Value; misread?: string } | undefined {
  const t = spec.type;
  if (t.kind !== 'boolean') return undefined;
  const r = boolReading(t);
  if (!r) return undefined;
  const read = readBoolean(r, xml);
  const word = wordMeaning(xml);
  if (read === 'error') return undefined;
  // Not read at all: any spelling does the same (nothing); keep the word's meaning.
  if (read === 'unread') return word ? { value: ident(word === 'on' ? 'true' : 'false') } : undefined;
  if (booleanSpelling(t, read === 'on') === undefined) return undefined;
  const value = ident(read === 'on' ? 'true' : 'false');
  if (word === read) return { value };
  const because = describeReading(r, read);
  const misread = word
    ? `${spec.name}="${xml}" is ${read.toUpperCase()}: ${because}, so it imports as \`${spec.name} = ${read === 'on'}\` (what the cluster does); if you meant ${word}, write \`${spec.name} = ${word === 'on'}\``
    : `${spec.name}="${xml}" is not a yes/no word and is ${read.toUpperCase()}: ${because}, so it imports as \`${spec.name} = ${read === 'on'}\``;
  return { value, misread };
}

function quoted(spellings: readonly string[]): string {
  return spellings.length === 0 ? 'nothing' : spellings.map((x) => `"${x}"`).join(', ');
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
    const exact = spec ? nativeValue(spec, a.value) : undefined;
    const agent = exact === undefined && spec ? agentBoolean(spec, a.value) : undefined;
    const v = exact ?? agent?.value;
    if (v !== undefined) {
      b.attr(rename.get(a.name) ?? a.name, v);
      if (agent?.misread) reportMisread(ctx, e, a, spec!, agent.misread);
    } else {
      if (!XML_NAME.test(a.name)) continue;
      raw.push([a.name, str(a.value)]);
      reportRawAttribute(ctx, e, a.name, spec ? whyRaw(spec, a.value) : 'the language does not know this attribute');
    }
  }
  if (raw.length) b.raw(raw);
}

/** Why a known attribute's value has no native spelling. */
function whyRaw(spec: AttributeSpec, xml: string): string {
  const r = boolReading(spec.type);
  if (r && readBoolean(r, xml) === 'error') return `${r.reader} refuses it (it accepts ${quoted([...r.on, ...r.off])})`;
  if (spec.type.kind === 'boolean') return r ? `${r.reader} reads no spelling of it as meant` : 'the value is not a boolean as cman reads it';
  return `the value is not a valid ${spec.type.kind}`;
}

/** import/misread-value at the value, with a fix to the spelling its word meant. */
function reportMisread(ctx: Ctx, e: ConfElement, a: ConfElement['attributes'][number], spec: AttributeSpec, message: string): void {
  warn(ctx, 'import/misread-value', message, a.span ?? a.nameSpan ?? span(e));
  const word = wordMeaning(a.value);
  const d = ctx.diagnostics[ctx.diagnostics.length - 1]!;
  const spelling = word && spec.type.kind === 'boolean' ? booleanSpelling(spec.type, word === 'on') : undefined;
  if (spelling !== undefined && a.span) d.fixes = [{ title: `Write ${spec.name}="${spelling}" (${word}, as the word says)`, edits: [{ span: a.span, newText: spelling }] }];
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
