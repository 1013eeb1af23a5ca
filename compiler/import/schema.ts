// Schema-level validation of a raw cluster.conf against cluster.rng (compiled into schema.json
// by scripts/gen-schema.ts). A RelaxNG matcher after James Clark's derivative algorithm
// ("An algorithm for RELAX NG validation"), with interned patterns, plus error recovery so one
// run reports every problem at its own position: an element the schema does not allow is
// reported and skipped, an attribute it does not know or whose value its datatype rejects is
// reported and skipped, missing required attributes are reported on the start tag and then
// forgiven, missing required content on the element. IDs and IDREFs (fence device names) are
// checked as xmllint does. Pure; never throws.

import { fenceAgent, resourceAgent, suggest } from '../catalogue/index.ts';
import type { FenceAgentSpec, ResourceAgentSpec } from '../catalogue/types.ts';
import { diag, type Diagnostic, type Span } from '../diagnostics.ts';
import { attr, type ConfAttribute, type ConfElement } from '../model/conf.ts';
import data from './schema.json' with { type: 'json' };
import type { Pattern, SchemaData } from './schema-types.ts';

const schema = data as unknown as SchemaData;

type Kind = 'empty' | 'notAllowed' | 'text' | 'element' | 'attribute' | 'group' | 'interleave' | 'choice' | 'oneOrMore' | 'after' | 'ref' | 'data' | 'value';

/** An interned pattern: one object per distinct pattern, so equal patterns are `===`. */
interface P {
  readonly id: number;
  readonly k: Kind;
  readonly a: P | undefined;
  readonly b: P | undefined;
  /** Element / attribute / define name, datatype, or value. */
  readonly s: string | undefined;
  /** What has been computed about this pattern, kept on it (see `Memo`). */
  m: Memo | undefined;
  /** The interned patterns made of this one and a second operand (see `mk`). */
  up: Map<number, P> | undefined;
}

/**
 * The derivatives and facts of one pattern, computed once. Derivatives of interned patterns are
 * interned patterns, so the nth sibling of the same kind at the same point of the grammar meets
 * the pattern the first one left and finds its derivative here: after the first few elements of a
 * kind, checking an element costs a few map look-ups per attribute, whatever the file's size.
 * Kept on the pattern object rather than in maps keyed by strings built per step, so a hit
 * allocates nothing.
 */
interface Memo {
  nullable?: boolean;
  /** startTagOpen by element name. */
  startTagOpen?: Map<string, P>;
  /** By attribute name. */
  attributes?: Map<string, AttributeMemo>;
  startTagClose?: P;
  /** endTag without forgiveness. */
  endTag?: P;
  textDeriv?: P;
}

interface AttributeMemo {
  /** The value patterns of the attributes of this name reachable here (`attributeLeaves`). */
  leaves?: P[];
  /** The derivative accepting any value. */
  any?: P;
  /** Derivatives for values that some but not all of the leaves accept. */
  byValue?: Map<string, P>;
  /** The ID/IDREF datatype of the attribute here; null: neither. */
  idType?: 'ID' | 'IDREF' | null;
}

/** Off only in the test that checks the memo changes nothing (`validateSchema(root, { memo: false })`). */
let memoise = true;
/** Memo entries stored since the last reset, for the cache bound. */
let memoEntries = 0;

function memoOf(p: P): Memo {
  return (p.m ??= {});
}

// The last look-up: each attribute of a start tag asks for its derivative and then its ID type.
let lastAttributePattern: P | undefined;
let lastAttributeName: string | undefined;
let lastAttributeMemo: AttributeMemo | undefined;

function attributeMemo(p: P, name: string): AttributeMemo {
  if (p === lastAttributePattern && name === lastAttributeName) return lastAttributeMemo!;
  const byName = (memoOf(p).attributes ??= new Map());
  let am = byName.get(name);
  if (!am) {
    am = {};
    byName.set(name, am);
    memoEntries++;
  }
  lastAttributePattern = p;
  lastAttributeName = name;
  lastAttributeMemo = am;
  return am;
}

/** How many patterns have been interned (the next id). */
let patternCount = 0;
/** Patterns with a name (elements, attributes, refs, datatypes, values) and the constants, by kind, operand and name. */
const named = new Map<string, P>();
const KIND_CODE: Record<Kind, number> = { empty: 0, notAllowed: 1, text: 2, element: 3, attribute: 4, group: 5, interleave: 6, choice: 7, oneOrMore: 8, after: 9, ref: 10, data: 11, value: 12 };

/**
 * The one pattern of this kind and operands. Compound patterns (the ones derivatives make) are
 * found from their first operand by a small integer key, with no string built per call.
 */
function mk(k: Kind, a?: P, b?: P, s?: string): P {
  if (a && s === undefined) {
    const key = (b ? b.id + 1 : 0) * 16 + KIND_CODE[k];
    const up = (a.up ??= new Map());
    let p = up.get(key);
    if (!p) {
      p = newPattern(k, a, b, s);
      up.set(key, p);
    }
    return p;
  }
  const key = `${k}|${a?.id ?? ''}|${s ?? ''}`;
  let p = named.get(key);
  if (!p) {
    p = newPattern(k, a, b, s);
    named.set(key, p);
  }
  return p;
}

function newPattern(k: Kind, a: P | undefined, b: P | undefined, s: string | undefined): P {
  // Every pattern has the same fields, so the hot functions see one object shape.
  return { id: patternCount++, k, a, b, s, m: undefined, up: undefined };
}

const EMPTY = mk('empty');
const NA = mk('notAllowed');
const TEXT = mk('text');

function choice(a: P, b: P): P {
  if (a === NA) return b;
  if (b === NA) return a;
  if (a === b) return a;
  return mk('choice', a, b);
}
function group(a: P, b: P): P {
  if (a === NA || b === NA) return NA;
  if (a === EMPTY) return b;
  if (b === EMPTY) return a;
  return mk('group', a, b);
}
function interleave(a: P, b: P): P {
  if (a === NA || b === NA) return NA;
  if (a === EMPTY) return b;
  if (b === EMPTY) return a;
  return mk('interleave', a, b);
}
function after(a: P, b: P): P {
  if (a === NA || b === NA) return NA;
  return mk('after', a, b);
}
function oneOrMore(a: P): P {
  return a === NA ? NA : mk('oneOrMore', a);
}

function fromJson(j: Pattern): P {
  switch (j[0]) {
    case 'empty':
      return EMPTY;
    case 'notAllowed':
      return NA;
    case 'text':
      return TEXT;
    case 'element':
      return mk('element', fromJson(j[2]), undefined, j[1]);
    case 'attribute':
      return mk('attribute', fromJson(j[2]), undefined, j[1]);
    case 'group':
    case 'interleave':
    case 'choice': {
      const parts = (j.slice(1) as Pattern[]).map(fromJson);
      const f = j[0] === 'group' ? group : j[0] === 'interleave' ? interleave : choice;
      return parts.reduce((acc, p) => f(acc, p));
    }
    case 'oneOrMore':
      return oneOrMore(fromJson(j[1]));
    case 'ref':
      return mk('ref', undefined, undefined, j[1]);
    case 'data':
      return mk('data', undefined, undefined, j[1]);
    case 'value':
      return mk('value', undefined, undefined, j[1]);
  }
}

const defines = new Map<string, P>();
function deref(p: P): P {
  let d = defines.get(p.s!);
  if (!d) {
    const j = schema.defines[p.s!];
    d = j ? fromJson(j) : NA;
    defines.set(p.s!, d);
  }
  return d;
}

let startPattern: P | undefined;
function start(): P {
  return (startPattern ??= fromJson(schema.start));
}

/** Every element and attribute name the schema mentions anywhere (for "unknown" vs "misplaced"). */
let known: { elements: Set<string>; attributes: Set<string> } | undefined;
function knownNames() {
  if (known) return known;
  known = { elements: new Set(), attributes: new Set() };
  const visit = (j: Pattern) => {
    if (j[0] === 'element') known!.elements.add(j[1]);
    if (j[0] === 'attribute') known!.attributes.add(j[1]);
    for (const c of j.slice(1)) if (Array.isArray(c)) visit(c as Pattern);
  };
  visit(schema.start);
  for (const d of Object.values(schema.defines)) visit(d);
  return known;
}

// --- The derivative algorithm --------------------------------------------------------------

function nullable(p: P): boolean {
  if (memoise && p.m?.nullable !== undefined) return p.m.nullable;
  let r: boolean;
  switch (p.k) {
    case 'empty':
    case 'text':
      r = true;
      break;
    case 'group':
    case 'interleave':
      r = nullable(p.a!) && nullable(p.b!);
      break;
    case 'choice':
      r = nullable(p.a!) || nullable(p.b!);
      break;
    case 'oneOrMore':
      r = nullable(p.a!);
      break;
    case 'ref':
      r = nullable(deref(p));
      break;
    default:
      r = false;
  }
  if (memoise) {
    memoOf(p).nullable = r;
    memoEntries++;
  }
  return r;
}

function applyAfter(f: (x: P) => P, p: P): P {
  switch (p.k) {
    case 'after':
      return after(p.a!, f(p.b!));
    case 'choice':
      return choice(applyAfter(f, p.a!), applyAfter(f, p.b!));
    default:
      return NA;
  }
}

function startTagOpen(p: P, name: string): P {
  if (memoise) {
    const m = p.m?.startTagOpen?.get(name);
    if (m) return m;
  }
  let r: P;
  switch (p.k) {
    case 'choice':
      r = choice(startTagOpen(p.a!, name), startTagOpen(p.b!, name));
      break;
    case 'element':
      r = p.s === name ? after(p.a!, EMPTY) : NA;
      break;
    case 'interleave':
      r = choice(
        applyAfter((x) => interleave(x, p.b!), startTagOpen(p.a!, name)),
        applyAfter((x) => interleave(p.a!, x), startTagOpen(p.b!, name)),
      );
      break;
    case 'oneOrMore':
      r = applyAfter((x) => group(x, choice(p, EMPTY)), startTagOpen(p.a!, name));
      break;
    case 'group': {
      const x = applyAfter((y) => group(y, p.b!), startTagOpen(p.a!, name));
      r = nullable(p.a!) ? choice(x, startTagOpen(p.b!, name)) : x;
      break;
    }
    case 'after':
      r = applyAfter((x) => after(x, p.b!), startTagOpen(p.a!, name));
      break;
    case 'ref':
      r = startTagOpen(deref(p), name);
      break;
    default:
      r = NA;
  }
  if (memoise) {
    (memoOf(p).startTagOpen ??= new Map()).set(name, r);
    memoEntries++;
  }
  return r;
}

function collapse(v: string): string {
  return v.trim().replace(/[ \t\n\r]+/g, ' ');
}

const NCNAME = /^[A-Za-z_\u00C0-\uFFFF][A-Za-z0-9_.\-\u00B7\u00C0-\uFFFF]*$/;

/** Whether a datatype (XML Schema datatypes as cluster.rng uses them) accepts a value. */
export function datatypeAccepts(type: string, value: string): boolean {
  switch (type) {
    case 'integer':
      return /^[+-]?[0-9]+$/.test(collapse(value));
    case 'nonNegativeInteger':
      return /^(\+?[0-9]+|-0+)$/.test(collapse(value));
    case 'positiveInteger':
      return /^\+?0*[1-9][0-9]*$/.test(collapse(value));
    case 'ID':
    case 'IDREF':
    case 'NCName':
      return NCNAME.test(collapse(value));
    case 'string':
      return true;
    case 'token':
      return true;
    default:
      return true;
  }
}

/** Does a pattern (an attribute's content) accept this value? */
function valueMatches(p: P, value: string): boolean {
  switch (p.k) {
    case 'text':
      return true;
    case 'empty':
      return value.trim() === '';
    case 'data':
      return datatypeAccepts(p.s!, value);
    case 'value':
      return collapse(value) === p.s;
    case 'choice':
      return valueMatches(p.a!, value) || valueMatches(p.b!, value);
    case 'group':
    case 'interleave':
      // Only trivial groups occur in attribute values here (a pattern with empty).
      return (p.a!.k === 'empty' && valueMatches(p.b!, value)) || (p.b!.k === 'empty' && valueMatches(p.a!, value));
    case 'ref':
      return valueMatches(deref(p), value);
    default:
      return false;
  }
}

/** Every attribute pattern reachable at this point (not inside elements), in document order. */
function forEachAttribute(p: P, f: (attribute: P) => void): void {
  const seen = new Set<number>();
  const visit = (q: P): void => {
    if (seen.has(q.id)) return;
    seen.add(q.id);
    switch (q.k) {
      case 'attribute':
        f(q);
        return;
      case 'after':
      case 'oneOrMore':
        visit(q.a!);
        return;
      case 'choice':
      case 'group':
      case 'interleave':
        visit(q.a!);
        visit(q.b!);
        return;
      case 'ref':
        visit(deref(q));
    }
  };
  visit(p);
}

/** The value patterns of the attributes called `name` reachable at this point (not inside elements). */
function attributeLeaves(p: P, name: string, am = memoise ? attributeMemo(p, name) : undefined): P[] {
  if (am?.leaves) return am.leaves;
  const out: P[] = [];
  forEachAttribute(p, (a) => {
    if (a.s === name) out.push(a.a!);
  });
  if (am) am.leaves = out;
  return out;
}

/** value === undefined: accept any value (used to tell an unknown attribute from a bad value). */
function attDeriv(p: P, name: string, value: string | undefined): P {
  const am = memoise ? attributeMemo(p, name) : undefined;
  if (value !== undefined) {
    // The value matters only at the attribute's own pattern: when every candidate accepts it (or
    // none does), the derivative is the value-independent one, which is memoised across elements.
    const leaves = attributeLeaves(p, name, am);
    let accepted = 0;
    for (const l of leaves) if (valueMatches(l, value)) accepted++;
    if (accepted === 0) return NA;
    if (accepted === leaves.length) value = undefined;
  }
  if (am) {
    const m = value === undefined ? am.any : am.byValue?.get(value);
    if (m) return m;
  }
  let r: P;
  switch (p.k) {
    case 'after':
      r = after(attDeriv(p.a!, name, value), p.b!);
      break;
    case 'choice':
      r = choice(attDeriv(p.a!, name, value), attDeriv(p.b!, name, value));
      break;
    case 'group':
      r = choice(group(attDeriv(p.a!, name, value), p.b!), group(p.a!, attDeriv(p.b!, name, value)));
      break;
    case 'interleave':
      r = choice(interleave(attDeriv(p.a!, name, value), p.b!), interleave(p.a!, attDeriv(p.b!, name, value)));
      break;
    case 'oneOrMore':
      r = group(attDeriv(p.a!, name, value), choice(p, EMPTY));
      break;
    case 'attribute':
      r = p.s === name && (value === undefined || valueMatches(p.a!, value)) ? EMPTY : NA;
      break;
    case 'ref':
      r = attDeriv(deref(p), name, value);
      break;
    default:
      r = NA;
  }
  if (am) {
    if (value === undefined) am.any = r;
    else (am.byValue ??= new Map()).set(value, r);
    memoEntries++;
  }
  return r;
}

function startTagClose(p: P): P {
  if (memoise && p.m?.startTagClose) return p.m.startTagClose;
  let r: P;
  switch (p.k) {
    case 'after':
      r = after(startTagClose(p.a!), p.b!);
      break;
    case 'choice':
      r = choice(startTagClose(p.a!), startTagClose(p.b!));
      break;
    case 'group':
      r = group(startTagClose(p.a!), startTagClose(p.b!));
      break;
    case 'interleave':
      r = interleave(startTagClose(p.a!), startTagClose(p.b!));
      break;
    case 'oneOrMore':
      r = oneOrMore(startTagClose(p.a!));
      break;
    case 'attribute':
      r = NA;
      break;
    case 'ref':
      r = startTagClose(deref(p));
      break;
    default:
      r = p;
  }
  if (memoise) {
    memoOf(p).startTagClose = r;
    memoEntries++;
  }
  return r;
}

/** Forgives the attributes still required: they become empty. */
function dropAttributes(p: P): P {
  switch (p.k) {
    case 'after':
      return after(dropAttributes(p.a!), p.b!);
    case 'choice':
      return choice(dropAttributes(p.a!), dropAttributes(p.b!));
    case 'group':
      return group(dropAttributes(p.a!), dropAttributes(p.b!));
    case 'interleave':
      return interleave(dropAttributes(p.a!), dropAttributes(p.b!));
    case 'oneOrMore':
      return oneOrMore(dropAttributes(p.a!));
    case 'attribute':
      return EMPTY;
    case 'ref':
      return dropAttributes(deref(p));
    default:
      return p;
  }
}

/** The attributes a start tag still needs (one alternative's worth when there is a choice). */
function missingAttributes(p: P, out: Set<string>): void {
  switch (p.k) {
    case 'after':
      missingAttributes(p.a!, out);
      return;
    case 'choice':
      if (startTagClose(p.a!) !== NA || startTagClose(p.b!) !== NA) return;
      missingAttributes(p.a!, out);
      return;
    case 'group':
    case 'interleave':
      missingAttributes(p.a!, out);
      missingAttributes(p.b!, out);
      return;
    case 'oneOrMore':
      missingAttributes(p.a!, out);
      return;
    case 'attribute':
      out.add(p.s!);
      return;
    case 'ref':
      missingAttributes(deref(p), out);
      return;
  }
}

/** The elements that could come next (for messages). */
function expectedElements(p: P, out: Set<string>, seen = new Set<number>()): void {
  if (seen.has(p.id)) return;
  seen.add(p.id);
  switch (p.k) {
    case 'element':
      out.add(p.s!);
      return;
    case 'after':
      expectedElements(p.a!, out, seen);
      return;
    case 'choice':
    case 'interleave':
      expectedElements(p.a!, out, seen);
      expectedElements(p.b!, out, seen);
      return;
    case 'group':
      expectedElements(p.a!, out, seen);
      if (nullable(p.a!)) expectedElements(p.b!, out, seen);
      return;
    case 'oneOrMore':
      expectedElements(p.a!, out, seen);
      return;
    case 'ref':
      expectedElements(deref(p), out, seen);
      return;
  }
}

/** What an attribute's value may be, for messages ("a positive integer", "udp, udpb, ..."). */
function describeValue(p: P, name: string): string[] {
  const out: string[] = [];
  const visitValue = (q: P) => {
    switch (q.k) {
      case 'data':
        out.push({ integer: 'an integer', nonNegativeInteger: 'an integer ≥ 0', positiveInteger: 'an integer ≥ 1', ID: 'a name that does not start with a digit', IDREF: 'the name of a fence device' }[q.s!] ?? q.s!);
        return;
      case 'value':
        out.push(JSON.stringify(q.s));
        return;
      case 'choice':
        visitValue(q.a!);
        visitValue(q.b!);
        return;
      case 'ref':
        visitValue(deref(q));
        return;
      case 'text':
        out.push('any text');
    }
  };
  for (const leaf of attributeLeaves(p, name)) visitValue(leaf);
  return [...new Set(out)];
}

/** The ID/IDREF datatype of an attribute at this point of the pattern, if any. */
function idType(p: P, name: string): 'ID' | 'IDREF' | undefined {
  const am = memoise ? attributeMemo(p, name) : undefined;
  if (am?.idType !== undefined) return am.idType ?? undefined;
  const found = findIdType(p, name);
  if (am) am.idType = found ?? null;
  return found;
}

function findIdType(p: P, name: string): 'ID' | 'IDREF' | undefined {
  let found: 'ID' | 'IDREF' | undefined;
  const visitValue = (q: P): void => {
    if (q.k === 'data' && (q.s === 'ID' || q.s === 'IDREF')) found = q.s;
    else if (q.k === 'choice') {
      visitValue(q.a!);
      visitValue(q.b!);
    } else if (q.k === 'ref') visitValue(deref(q));
  };
  for (const leaf of attributeLeaves(p, name)) {
    visitValue(leaf);
    if (found) break;
  }
  return found;
}

function textDeriv(p: P): P {
  if (memoise && p.m?.textDeriv) return p.m.textDeriv;
  let r: P;
  switch (p.k) {
    case 'text':
      r = TEXT;
      break;
    case 'choice':
      r = choice(textDeriv(p.a!), textDeriv(p.b!));
      break;
    case 'interleave':
      r = choice(interleave(textDeriv(p.a!), p.b!), interleave(p.a!, textDeriv(p.b!)));
      break;
    case 'group': {
      const x = group(textDeriv(p.a!), p.b!);
      r = nullable(p.a!) ? choice(x, textDeriv(p.b!)) : x;
      break;
    }
    case 'after':
      r = after(textDeriv(p.a!), p.b!);
      break;
    case 'oneOrMore':
      r = group(textDeriv(p.a!), choice(p, EMPTY));
      break;
    case 'ref':
      r = textDeriv(deref(p));
      break;
    default:
      r = NA;
  }
  if (memoise) {
    memoOf(p).textDeriv = r;
    memoEntries++;
  }
  return r;
}

/** `forgive`: close the element even if its content is incomplete (reported already). */
function endTag(p: P, forgive: boolean): P {
  if (!forgive && memoise && p.m?.endTag) return p.m.endTag;
  let r: P;
  switch (p.k) {
    case 'choice':
      r = choice(endTag(p.a!, forgive), endTag(p.b!, forgive));
      break;
    case 'after':
      r = forgive || nullable(p.a!) ? p.b! : NA;
      break;
    default:
      r = NA;
  }
  if (!forgive && memoise) {
    memoOf(p).endTag = r;
    memoEntries++;
  }
  return r;
}

// --- Validation with positioned, recovering diagnostics ------------------------------------

// The schema check reports only what no rule over the model reports (each problem has one
// producer). The rules, on raw cluster.conf as on .cluster sources, own: node ids and the version
// (config/nodeid, config/version), a resource's parameters (resource/unknown-parameter,
// resource/missing-parameter), a fence agent's parameters (fence/unknown-parameter) and fence
// device references (fence/undefined-device, the schema's only IDREF).

/** Attributes whose presence and value a rule checks. */
const RULE_ATTRIBUTES = new Set(['clusternode@nodeid', 'cluster@config_version']);

/** A fence element whose agent the catalogue knows: fence/unknown-parameter checks its attributes. */
function knownFenceAgent(ctx: Ctx, e: ConfElement): FenceAgentSpec | undefined {
  if (e.tag === 'fencedevice') return fenceAgent(attr(e, 'agent') ?? '');
  if (e.tag === 'device') return fenceAgent(ctx.fenceAgents.get(attr(e, 'name') ?? '') ?? '');
  return undefined;
}

/**
 * An attribute the schema does not allow but the agent's catalogue entry has (fence_vmware_soap's
 * `uuid`, which the agent reads but its metadata, and so the generated schema, leaves out): the
 * unknown-parameter rule is silent on it, so the schema check reports it (ccs_config_validate
 * rejects the file all the same).
 */
function agentHas(spec: ResourceAgentSpec | FenceAgentSpec, name: string): boolean {
  return spec.parameters.some((p) => p.name === name);
}

/** Whether a rule over the model already reports this attribute problem of `e`. */
function ruleReports(ctx: Ctx, kind: 'unknown-attribute' | 'missing-attribute' | 'invalid-value', e: ConfElement, names: readonly string[]): boolean {
  if (ctx.everything) return false;
  if (names.length > 0 && names.every((n) => RULE_ATTRIBUTES.has(`${e.tag}@${n}`))) return true;
  if (kind === 'invalid-value') return false;
  const resource = resourceAgent(e.tag);
  if (resource) return kind === 'missing-attribute' || names.every((n) => !agentHas(resource, n));
  const fence = kind === 'unknown-attribute' ? knownFenceAgent(ctx, e) : undefined;
  return fence !== undefined && names.every((n) => !agentHas(fence, n));
}

interface Ctx {
  diagnostics: Diagnostic[];
  ids: Map<string, ConfAttribute>;
  /** Fence device name → agent, so a node's <device> is checked against its agent. */
  fenceAgents: Map<string, string>;
  /** Report what the rules own too (`SchemaCheckOptions.everything`). */
  everything: boolean;
}

const fallback: Span = { start: 0, end: 0 };

/**
 * Where a finding on `e` is reported: its name, else the construct it came from, else (an element
 * the compiler derived, such as the `<fencedevices>` around declared devices) where its nearest
 * ancestor that has a place in the source is.
 */
function elementSpan(e: ConfElement, around: Span = fallback): Span {
  return e.nameSpan ?? e.span ?? around;
}

function childDeriv(ctx: Ctx, p: P, e: ConfElement, parent: ConfElement | undefined, around: Span = fallback): P {
  const at = elementSpan(e, around);
  let q = startTagOpen(p, e.tag);
  if (q === NA) {
    const k = knownNames();
    const expected = new Set<string>();
    expectedElements(p, expected);
    const where = parent ? ` inside <${parent.tag}>` : ' as the root element';
    if (!k.elements.has(e.tag)) {
      const s = suggest(e.tag, expected.size ? expected : k.elements);
      ctx.diagnostics.push(diag('xml/unknown-element', 'error', `the cluster.conf schema knows no element <${e.tag}>${s ? `; did you mean <${s}>?` : ''}`, at));
    } else {
      const list = [...expected].sort();
      const hint = list.length && list.length <= 12 ? ` (allowed here: ${list.map((x) => `<${x}>`).join(', ')})` : '';
      ctx.diagnostics.push(diag('xml/misplaced-element', 'error', `<${e.tag}> is not allowed${where}${expected.size === 0 ? '' : ' at this point'}${hint}`, at));
    }
    return p;
  }
  for (const a of e.attributes) {
    const next = attDeriv(q, a.name, a.value);
    if (next !== NA) {
      const t = idType(q, a.name);
      if (t === 'ID') {
        const v = collapse(a.value);
        const prev = ctx.ids.get(v);
        if (prev) ctx.diagnostics.push(diag('xml/duplicate-id', 'error', `the name "${v}" is already used by another fence device`, a.span ?? at, prev.span ? { related: [{ span: prev.span, message: 'first defined here' }] } : {}));
        else ctx.ids.set(v, a);
      }
      q = next;
      continue;
    }
    if (attDeriv(q, a.name, undefined) !== NA) {
      const allowed = describeValue(q, a.name);
      if (!ruleReports(ctx, 'invalid-value', e, [a.name])) ctx.diagnostics.push(diag('xml/invalid-value', 'error', `the schema does not accept ${a.name}="${a.value}" on <${e.tag}>${allowed.length ? `: expected ${allowed.join(', ')}` : ''}`, a.span ?? a.nameSpan ?? at));
      // The attribute is there, only its value is wrong: do not also call it missing.
      q = attDeriv(q, a.name, undefined);
    } else {
      if (!ruleReports(ctx, 'unknown-attribute', e, [a.name])) {
        const s = suggestAttribute(q, a.name);
        ctx.diagnostics.push(diag('xml/unknown-attribute', 'error', `the schema allows no attribute ${a.name} on <${e.tag}>${s ? `; did you mean ${s}?` : ''}`, a.nameSpan ?? a.span ?? at));
      }
    }
  }
  let closed = startTagClose(q);
  if (closed === NA) {
    const missing = new Set<string>();
    missingAttributes(q, missing);
    const names = [...missing].sort();
    if (!ruleReports(ctx, 'missing-attribute', e, names)) ctx.diagnostics.push(
      diag('xml/missing-attribute', 'error', names.length ? `<${e.tag}> needs the attribute${names.length > 1 ? 's' : ''} ${names.join(', ')}` : `<${e.tag}> lacks a required attribute`, at),
    );
    closed = startTagClose(dropAttributes(q));
  }
  let r = closed;
  if (e.text !== undefined && e.text.trim() !== '') {
    const t = textDeriv(r);
    if (t === NA) ctx.diagnostics.push(diag('xml/unexpected-text', 'error', `<${e.tag}> may not contain text`, e.textSpan ?? at));
    else r = t;
  }
  for (const c of e.children) r = childDeriv(ctx, r, c, e, e.span ?? at);
  let end = endTag(r, false);
  if (end === NA) {
    const required = new Set<string>();
    requiredElements(r, required);
    const list = [...required].sort();
    ctx.diagnostics.push(
      diag('xml/missing-element', 'error', `<${e.tag}> is incomplete${list.length ? `: it needs ${list.map((x) => `<${x}>`).join(' and ')}` : ''}`, at),
    );
    end = endTag(r, true);
  }
  return end;
}

/** The elements still required (the non-optional parts of what remains). */
function requiredElements(p: P, out: Set<string>, seen = new Set<number>()): void {
  if (seen.has(p.id) || nullable(p)) return;
  seen.add(p.id);
  switch (p.k) {
    case 'element':
      out.add(p.s!);
      return;
    case 'after':
    case 'oneOrMore':
      requiredElements(p.a!, out, seen);
      return;
    case 'group':
    case 'interleave':
      requiredElements(p.a!, out, seen);
      requiredElements(p.b!, out, seen);
      return;
    case 'choice':
      // Either branch would do; name what could come (rare in cluster.rng).
      expectedElements(p, out);
      return;
    case 'ref':
      requiredElements(deref(p), out, seen);
  }
}

function suggestAttribute(p: P, name: string): string | undefined {
  const names = new Set<string>();
  forEachAttribute(p, (a) => names.add(a.s!));
  return suggest(name, names);
}

/** The rule ids the schema check reports (all errors). */
export const SCHEMA_RULES = [
  'xml/unknown-element',
  'xml/misplaced-element',
  'xml/unknown-attribute',
  'xml/missing-attribute',
  'xml/missing-element',
  'xml/invalid-value',
  'xml/unexpected-text',
  'xml/duplicate-id',
  'xml/internal',
] as const;

/**
 * Above this many interned patterns and memo entries the caches start again (a language server
 * runs for days, and values that only some candidates accept are memoised one by one).
 */
const CACHE_LIMIT = 500_000;

export function resetSchemaCaches(): void {
  named.clear();
  patternCount = 0;
  for (const p of [EMPTY, NA, TEXT]) {
    named.set(`${p.k}||`, p);
    p.m = undefined;
    p.up = undefined;
    patternCount++;
  }
  defines.clear();
  startPattern = undefined;
  memoEntries = 0;
  lastAttributePattern = lastAttributeName = lastAttributeMemo = undefined;
}

function fenceAgentsOf(root: ConfElement): Map<string, string> {
  const out = new Map<string, string>();
  for (const fds of root.children) if (fds.tag === 'fencedevices') for (const fd of fds.children) {
    const name = attr(fd, 'name');
    if (fd.tag === 'fencedevice' && name !== undefined && !out.has(name)) out.set(name, attr(fd, 'agent') ?? '');
  }
  return out;
}

/** How many interned patterns and memo entries the check holds (what the cache bound counts). */
export function schemaCacheSize(): number {
  return patternCount + memoEntries;
}

export interface SchemaCheckOptions {
  /**
   * false: compute every derivative afresh instead of reusing the memoised ones (much slower;
   * for the test that shows the memo changes no finding).
   */
  memo?: boolean;
  /**
   * true: also report the problems a rule over the model owns (a resource's or fence agent's
   * parameters, node ids, the version). For a compiled model, whose escape-hatch parts the rules
   * do not look into (compiler/analyze.ts), so that nothing the schema rejects goes unreported.
   */
  everything?: boolean;
}

/** Validates a cluster.conf tree against cluster.rng; every finding is positioned. */
export function validateSchema(root: ConfElement, options: SchemaCheckOptions = {}): Diagnostic[] {
  if (patternCount + memoEntries > CACHE_LIMIT) resetSchemaCaches();
  const ctx: Ctx = { diagnostics: [], ids: new Map(), fenceAgents: fenceAgentsOf(root), everything: options.everything ?? false };
  memoise = options.memo ?? true;
  try {
    childDeriv(ctx, start(), root, undefined);
  } catch (e) {
    ctx.diagnostics.push(diag('xml/internal', 'error', `schema check failed: ${(e as Error).message}`, elementSpan(root)));
  } finally {
    memoise = true;
  }
  return ctx.diagnostics;
}
