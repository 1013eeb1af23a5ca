// The syntax tree of a .cluster file: every node has an exact span, nothing is interpreted
// yet (the grammar knows nothing about clusters). One generic construct, the entry, covers
// attributes (`token = 10s`), blocks (`totem { ... }`, `fence_device xvm : fence_xvm { ... }`)
// and statements (`use wwwfs`).

import type { Span } from '../compiler/diagnostics.ts';

export interface Token {
  text: string;
  span: Span;
}

export interface StringValue {
  type: 'string';
  /** Unescaped contents. */
  value: string;
  span: Span;
}

/** Anything starting with a digit or a minus: `126`, `10s`, `1h30m`, `-1`; classified later. */
export interface NumberValue {
  type: 'number';
  raw: string;
  span: Span;
}

export interface IdentValue {
  type: 'ident';
  name: string;
  span: Span;
}

export interface ListItem {
  value: Value;
  /** `node2: 1` — the part after the colon. */
  weight?: Value;
  span: Span;
}

export interface ListValue {
  type: 'list';
  items: ListItem[];
  span: Span;
}

/** `env("IPMI_PASS")`, `file("/etc/cluster/ipmi.pass")`. */
export interface CallValue {
  type: 'call';
  callee: Token;
  args: Value[];
  span: Span;
}

export type Value = StringValue | NumberValue | IdentValue | ListValue | CallValue;

export interface Body {
  entries: Entry[];
  open: Span;
  /** Absent when the closing brace is missing (the parser recovered). */
  close?: Span;
  span: Span;
}

export interface Entry {
  type: 'entry';
  kind: Token;
  name?: Token;
  /** After a colon: `fence_device xvm : fence_xvm`. */
  typeName?: Token;
  value?: Value;
  body?: Body;
  span: Span;
  /** `key =` with its value missing: the parser has reported it; later phases stay quiet. */
  incomplete?: true;
}

export interface Comment {
  text: string;
  span: Span;
}

export interface SourceFile {
  entries: Entry[];
  comments: Comment[];
  span: Span;
}

/** An attribute is an entry with a value and nothing else. */
export function isAttribute(e: Entry): boolean {
  return e.value !== undefined && e.name === undefined && e.typeName === undefined && e.body === undefined;
}
