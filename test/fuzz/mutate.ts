// The fuzzer's seeded mutator: a deterministic PRNG and the mutations of the issue (byte flips,
// token deletion/duplication/swap/replacement, truncation, splicing, deep nesting, huge values,
// Object.prototype names, unicode edge cases, XML specials), at text, token and byte level, for
// the three input kinds. Same seed, same inputs: every finding replays.

export type Kind = 'cluster' | 'cluster-conf' | 'fence-virt-conf';

export interface Seed {
  /** Where it came from (repository-relative or shared-relative), for the reports. */
  name: string;
  kind: Kind;
  text: string;
}

export type Random = () => number;

/** mulberry32: small, fast, good enough for choosing mutations. */
export function prng(seed: number): Random {
  let s = seed | 0;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const int = (r: Random, n: number): number => Math.floor(r() * n);
export const pick = <T>(r: Random, xs: readonly T[]): T => xs[int(r, xs.length)]!;

/** Tokens as each kind's reader sees them, near enough to cut and move them. */
const TOKENS: Record<Kind, RegExp> = {
  'cluster': /"(?:[^"\\\n]|\\.)*"|#[^\n]*|[A-Za-z0-9_.\-/%]+|[{}[\]=:;,()]/g,
  'cluster-conf': /<\/?[\w:.-]+|\/?>|[\w:.-]+=|"[^"]*"|'[^']*'|<!--|-->|<\?|\?>|&[#\w]*;?|[^\s<>"'&=]+/g,
  'fence-virt-conf': /"(?:[^"\\\n]|\\.)*"|#[^\n]*|[A-Za-z0-9_.\-/]+|[{}=;]/g,
};

export function tokens(kind: Kind, text: string): { start: number; end: number }[] {
  return [...text.matchAll(TOKENS[kind])].map((m) => ({ start: m.index!, end: m.index! + m[0].length }));
}

const PROTOTYPE_NAMES = ['__proto__', 'constructor', 'prototype', 'hasOwnProperty', 'toString', 'valueOf', 'isPrototypeOf', '__defineGetter__', 'propertyIsEnumerable', 'toLocaleString'];
const UNICODE = ['\u0000', '\uFEFF', '\u200B', '\u202E', '\u2028', '\u2029', '\uD800', '\uDFFF', '\uD83D\uDE00', 'é', 'e\u0301', 'İ', 'ß', '\u00A0', '\r', '\r\n', '\t', '\u000B', '\u001B[31m', '\uFFFD', '\u{10FFFF}'];
const XML_SPECIALS = ['&', '&amp;', '&lt;', '&#0;', '&#x110000;', '&#xD800;', '&#65;', '&bogus;', '&#;', '<![CDATA[x]]>', ']]>', '<!--', '-->', '<!-- x -->', '<?xml version="1.0"?>', '<!DOCTYPE cluster [<!ENTITY e "x">]>', '<?pi x?>', '"', "'", '<', '>', '/>', '</cluster>', '<cluster>', 'xmlns:m="u"', 'm:x="1"', '<m:a/>'];
const CLUSTER_SPECIALS = ['{', '}', '[', ']', '=', ':', ';', ',', '(', ')', '"', '#', '\\', 'raw { }', 'xml = "<a/>"', 'use ', 'env("X")', 'file("/x")', 'true', 'false', '10s', '0', '-1', '1.5', '100%', 'node', 'service', 'resource', 'fence_device', 'failover_domain', 'cluster c {', 'fence_virtd {'];
const FENCE_VIRT_SPECIALS = ['{', '}', '=', ';', '"', '#', 'fence_virtd {', 'listeners {', 'backends {', 'groups {', 'listener = "multicast";', 'backend = "libvirt";', 'module_path = "/x";'];
const HUGE = ['9'.repeat(40), '4294967296', '2147483648', '-2147483649', '1e309', 'NaN', 'Infinity', '0x7fffffff', '00000000000000000001', '9'.repeat(400), 'a'.repeat(3000), '999999999999999999999s', '-0'];

function specials(kind: Kind): string[] {
  return kind === 'cluster' ? CLUSTER_SPECIALS : kind === 'cluster-conf' ? XML_SPECIALS : FENCE_VIRT_SPECIALS;
}

function nesting(kind: Kind, r: Random): string {
  const depth = 150 + int(r, 200);
  if (kind === 'cluster-conf') {
    const tag = pick(r, ['a', 'rm', 'service', 'resources', 'fs', 'cluster']);
    return `<${tag}>`.repeat(depth) + (r() < 0.5 ? `</${tag}>`.repeat(depth) : '');
  }
  if (kind === 'fence-virt-conf') return 'b {'.repeat(depth) + (r() < 0.5 ? '}'.repeat(depth) : '');
  const open = pick(r, ['x {', '[', 'f(', 'service s {', 'raw { a {']);
  const close = open.endsWith('{') ? '}' : open.endsWith('[') ? ']' : ')';
  return open.repeat(depth) + (r() < 0.5 ? close.repeat(depth) : '');
}

function interesting(kind: Kind, r: Random): string {
  const x = r();
  if (x < 0.2) return pick(r, PROTOTYPE_NAMES);
  if (x < 0.4) return pick(r, UNICODE);
  if (x < 0.6) return pick(r, specials(kind));
  if (x < 0.75) return pick(r, HUGE);
  if (x < 0.8) return nesting(kind, r);
  if (kind === 'cluster-conf') return pick(r, [` ${pick(r, PROTOTYPE_NAMES)}="1"`, `<${pick(r, PROTOTYPE_NAMES)}/>`, ` name="${pick(r, PROTOTYPE_NAMES)}"`, ` ref="${pick(r, PROTOTYPE_NAMES)}"`, ' name="a&amp;b"']);
  if (kind === 'cluster') return pick(r, [`${pick(r, PROTOTYPE_NAMES)} = 1`, `resource ${pick(r, PROTOTYPE_NAMES)}: ip { address = "10.0.0.9" }`, `use ${pick(r, PROTOTYPE_NAMES)}`, `"${pick(r, PROTOTYPE_NAMES)}"`, `domain = ${pick(r, PROTOTYPE_NAMES)}`]);
  return `${pick(r, PROTOTYPE_NAMES)} = "1";`;
}

export type Mutation = (text: string, r: Random, kind: Kind, donors: readonly Seed[]) => string;

const at = (text: string, r: Random) => int(r, text.length + 1);
const range = (text: string, r: Random, max = 64) => {
  const start = at(text, r);
  return { start, end: Math.min(text.length, start + 1 + int(r, max)) };
};
const tokenOf = (text: string, r: Random, kind: Kind) => {
  const ts = tokens(kind, text);
  return ts.length ? pick(r, ts) : undefined;
};

/** Each mutation, named so a finding says how its input was made. */
export const MUTATIONS: Record<string, Mutation> = {
  charFlip: (t, r) => {
    if (!t) return t;
    const i = int(r, t.length);
    return t.slice(0, i) + String.fromCharCode(int(r, 128)) + t.slice(i + 1);
  },
  charDelete: (t, r) => { const { start, end } = range(t, r, 8); return t.slice(0, start) + t.slice(end); },
  rangeDelete: (t, r) => { const { start, end } = range(t, r, 400); return t.slice(0, start) + t.slice(end); },
  rangeDuplicate: (t, r) => { const { start, end } = range(t, r, 300); return t.slice(0, end) + t.slice(start, end) + t.slice(end); },
  truncate: (t, r) => t.slice(0, at(t, r)),
  insertInteresting: (t, r, k) => { const i = at(t, r); return t.slice(0, i) + interesting(k, r) + t.slice(i); },
  tokenDelete: (t, r, k) => { const tok = tokenOf(t, r, k); return tok ? t.slice(0, tok.start) + t.slice(tok.end) : t; },
  tokenDuplicate: (t, r, k) => { const tok = tokenOf(t, r, k); return tok ? t.slice(0, tok.end) + ' ' + t.slice(tok.start, tok.end) + t.slice(tok.end) : t; },
  tokenSwap: (t, r, k) => {
    const ts = tokens(k, t);
    if (ts.length < 2) return t;
    let a = pick(r, ts), b = pick(r, ts);
    if (a.start === b.start) return t;
    if (a.start > b.start) [a, b] = [b, a];
    if (a.end > b.start) return t;
    return t.slice(0, a.start) + t.slice(b.start, b.end) + t.slice(a.end, b.start) + t.slice(a.start, a.end) + t.slice(b.end);
  },
  tokenReplace: (t, r, k, donors) => {
    const tok = tokenOf(t, r, k);
    if (!tok) return t;
    const same = donors.filter((d) => d.kind === k);
    const donor = same.length && r() < 0.6 ? pick(r, same).text : t;
    const from = tokenOf(donor, r, k);
    const replacement = from && r() < 0.7 ? donor.slice(from.start, from.end) : interesting(k, r);
    return t.slice(0, tok.start) + replacement + t.slice(tok.end);
  },
  splice: (t, r, k, donors) => {
    const same = donors.filter((d) => d.kind === k);
    if (!same.length) return t;
    const donor = pick(r, same).text;
    // Lines, so a whole entry or element moves more often than half of one.
    const lines = donor.split('\n');
    const from = int(r, lines.length);
    const chunk = lines.slice(from, from + 1 + int(r, 12)).join('\n');
    const ls = t.split('\n');
    const to = int(r, ls.length + 1);
    return [...ls.slice(0, to), chunk, ...ls.slice(to)].join('\n');
  },
  lineShuffle: (t, r) => {
    const ls = t.split('\n');
    if (ls.length < 2) return t;
    const a = int(r, ls.length), b = int(r, ls.length);
    [ls[a], ls[b]] = [ls[b]!, ls[a]!];
    return ls.join('\n');
  },
  /** Layout only (white space, a comment, a line break between tokens): the meaning stays, the formatter and every span must cope. */
  layout: (t, r, k) => {
    const ts = tokens(k, t);
    if (!ts.length) return t;
    const at = pick(r, ts)[r() < 0.5 ? 'start' : 'end'];
    const comment = k === 'cluster-conf' ? pick(r, ['<!-- c -->', '<!---->', '<!-- é & < -->']) : pick(r, ['# c\n', '#\n', '# quorate-ignore\n', '# é 😀\n']);
    const ws = pick(r, [' ', '\n', '\t', '\r\n', '\n\n\n', '  \n  ', comment, `\n${comment}`]);
    return t.slice(0, at) + ws + t.slice(at);
  },
  /** A few lines repeated many times, each copy's numbers shifted so names and ids stay distinct: many nodes, services, resources (the size the simulator and the rules must scale to). */
  replicate: (t, r) => {
    const ls = t.split('\n');
    const i = int(r, ls.length);
    const block = ls.slice(i, i + 1 + int(r, 4)).join('\n');
    if (!block.trim()) return t;
    const copies = Math.min(20 + int(r, 200), Math.floor(REPLICATE_BUDGET / (block.length + 1)));
    const out = Array.from({ length: copies }, (_, c) => block.replace(/[0-9]+/g, (d) => String(Number(d) + c + 1)));
    ls.splice(i, 0, ...out);
    return ls.join('\n');
  },
  lineDelete: (t, r) => { const ls = t.split('\n'); ls.splice(int(r, ls.length), 1 + int(r, 3)); return ls.join('\n'); },
  lineDuplicate: (t, r) => { const ls = t.split('\n'); const i = int(r, ls.length); ls.splice(i, 0, ...ls.slice(i, i + 1 + int(r, 4))); return ls.join('\n'); },
  /** A value swapped for an odd one of the same shape, so the text still parses and the checks behind the parser see it. */
  valueReplace: (t, r, k) => {
    const values = tokens(k, t).filter((x) => /^["'0-9]|^[A-Za-z_]/.test(t[x.start]!));
    if (!values.length) return t;
    const v = pick(r, values);
    const old = t.slice(v.start, v.end);
    const odd = r() < 0.5 ? pick(r, [...PROTOTYPE_NAMES, ...HUGE]) : pick(r, [...UNICODE, ...(k === 'cluster-conf' ? XML_SPECIALS : [])]) + old.replace(/^["']|["']$/g, '');
    const replacement = old.startsWith('"') ? (k === 'cluster-conf' ? `"${odd.replace(/"/g, '&quot;')}"` : JSON.stringify(odd)) : /^[A-Za-z_][\w.-]*$/.test(odd) || /^-?[0-9]/.test(odd) ? odd : JSON.stringify(odd);
    return t.slice(0, v.start) + replacement + t.slice(v.end);
  },
};
const NAMES = Object.keys(MUTATIONS);
/** Mutations that usually keep the input readable, so the checks past the parser get it. */
const GENTLE = ['layout', 'layout', 'layout', 'replicate', 'valueReplace', 'tokenReplace', 'lineShuffle', 'lineDelete', 'lineDuplicate', 'splice'];

/** Longest input the fuzzer builds: small inputs keep the throughput up and the findings short. */
export const MAX_INPUT = 12_000;
/** What `replicate` may add: enough for some fifty nodes or services. */
const REPLICATE_BUDGET = 8_000;

/** One to four mutations stacked on a seed; in almost half the inputs one or two gentle ones. */
export function mutate(seed: Seed, r: Random, donors: readonly Seed[]): { text: string; steps: string[] } {
  let text = seed.text;
  const steps: string[] = [];
  const gentle = r() < 0.45;
  const n = gentle ? 1 + int(r, 2) : 1 + int(r, 4);
  for (let i = 0; i < n; i++) {
    const name = pick(r, gentle ? GENTLE : NAMES);
    text = MUTATIONS[name]!(text, r, seed.kind, donors);
    steps.push(name);
  }
  const limit = steps.includes('replicate') ? MAX_INPUT + REPLICATE_BUDGET : MAX_INPUT;
  if (text.length > limit) text = text.slice(0, limit);
  return { text, steps };
}

/** Byte-level damage the decoder must turn into diagnostics: bad UTF-8, NUL, a BOM, a cut sequence. */
export function mutateBytes(bytes: Uint8Array, r: Random): Uint8Array {
  const out = [...bytes];
  const x = r();
  const i = int(r, out.length + 1);
  if (x < 0.3 && out.length) out[Math.min(i, out.length - 1)] = int(r, 256);
  else if (x < 0.5) out.splice(i, 0, 0);
  else if (x < 0.65) out.splice(i, 0, pick(r, [0xc0, 0xc3, 0xe2, 0xed, 0xf0, 0xf5, 0xff, 0x80, 0xbf]));
  else if (x < 0.8) out.splice(i, 0, 0xed, 0xa0, 0x80); // an encoded surrogate: not UTF-8
  else if (x < 0.9) out.splice(0, 0, 0xef, 0xbb, 0xbf);
  else out.splice(0, 0, 0xff, 0xfe); // a UTF-16 BOM
  return Uint8Array.from(out);
}
