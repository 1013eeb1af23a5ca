// The importer's syntax-tree builder: entries and `#` comments are added in reading order into
// the block being filled, and the layout the importer wants is recorded as a Placement for
// compiler/format (printSourceFile). The layout policy, in finish(): a block with nothing in it
// is `{ }` (a `use` with nothing in it has no block at all); a block holding one attribute goes
// on one line when that line stays under 99 columns; `raw { }` and childless `xml` blocks are
// one line whatever their length; every other block is one entry per line. A blank line is
// asked for between sections, never as the first thing in a block.
//
// A built tree has no source text: every span is empty.

import type { Body, Comment, Entry, SourceFile, Token, Value } from '../../../grammar/syntax.ts';
import { isAttribute } from '../../../grammar/syntax.ts';
import { emptyPlacement, type Placement, printEntryFlat } from '../../format/index.ts';

const NO_SPAN = { start: 0, end: 0 };

export const ident = (name: string): Value => ({ type: 'ident', name, span: NO_SPAN });
export const num = (raw: string): Value => ({ type: 'number', raw, span: NO_SPAN });
export const str = (value: string): Value => ({ type: 'string', value, span: NO_SPAN });

export interface Head {
  kind: string;
  name?: string;
  typeName?: string;
  value?: Value;
}

interface Sequence {
  owner: Body | SourceFile;
  entries: Entry[];
  /** Comments waiting for the next entry (or the end of the sequence). */
  pending: Comment[];
  /** The last item added: none yet, an entry, or a comment. */
  last?: Entry | Comment;
  blankWanted: boolean;
}

const token = (text: string): Token => ({ text, span: NO_SPAN });

export class TreeBuilder {
  readonly file: SourceFile = { entries: [], comments: [], span: NO_SPAN };
  private readonly placement: Placement = emptyPlacement();
  private readonly oneLine = new Set<Body>();
  private readonly stack: Sequence[] = [{ owner: this.file, entries: this.file.entries, pending: [], blankWanted: false }];

  private get current(): Sequence {
    return this.stack[this.stack.length - 1]!;
  }

  /** XML comments, one `#` line per line of text. */
  comments(comments: readonly string[] | undefined): void {
    for (const c of comments ?? []) for (const l of c.split(/\r?\n/)) this.addComment(('# ' + l.trim()).trimEnd());
  }

  /** The next item follows a blank line. */
  blank(): void {
    this.current.blankWanted = true;
  }

  attr(kind: string, value: Value): Entry {
    const e: Entry = { type: 'entry', kind: token(kind), value, span: NO_SPAN };
    this.addEntry(e);
    return e;
  }

  /** A block: `fill` adds its contents; `trailing` comments end it. */
  block(head: Head, fill: () => void, trailing?: readonly string[], options: { oneLine?: boolean } = {}): Entry {
    const body: Body = { entries: [], open: NO_SPAN, close: NO_SPAN, span: NO_SPAN };
    const e: Entry = { type: 'entry', kind: token(head.kind), span: NO_SPAN, body };
    if (head.name !== undefined) e.name = token(head.name);
    if (head.typeName !== undefined) e.typeName = token(head.typeName);
    if (head.value !== undefined) e.value = head.value;
    if (options.oneLine) this.oneLine.add(body);
    this.addEntry(e);
    this.stack.push({ owner: body, entries: body.entries, pending: [], blankWanted: false });
    fill();
    this.comments(trailing);
    this.endSequence(this.stack.pop()!);
    return e;
  }

  /** `raw { a = "1"; b = "2" }`, on one line. */
  raw(attributes: ReadonlyArray<readonly [string, Value]>): void {
    this.block({ kind: 'raw' }, () => {
      for (const [k, v] of attributes) this.attr(k, v);
    }, undefined, { oneLine: true });
  }

  /** Entries added to the block being filled since `mark` (the count of its entries then). */
  mark(): number {
    return this.current.entries.length;
  }

  since(mark: number): Entry[] {
    return this.current.entries.slice(mark);
  }

  /** The tree and its placement, with the layout policy applied. */
  finish(): { file: SourceFile; placement: Placement } {
    this.endSequence(this.stack[0]!);
    for (const e of this.file.entries) this.decide(e, 0);
    return { file: this.file, placement: this.placement };
  }

  private addComment(text: string): void {
    const c: Comment = { text, span: NO_SPAN };
    this.file.comments.push(c);
    this.placeItem(c);
    this.current.pending.push(c);
  }

  private addEntry(e: Entry): void {
    const seq = this.current;
    this.placeItem(e);
    if (seq.pending.length) this.placement.before.set(e, seq.pending.splice(0));
    seq.entries.push(e);
  }

  private placeItem(item: Entry | Comment): void {
    const seq = this.current;
    // As a line-based writer would: no blank line right after a line that ends with `{`.
    if (seq.blankWanted && seq.last !== undefined && !('text' in seq.last && seq.last.text.endsWith('{'))) this.placement.blankBefore.add(item);
    seq.blankWanted = false;
    seq.last = item;
  }

  private endSequence(seq: Sequence): void {
    if (seq.pending.length) this.placement.after.set(seq.owner, seq.pending.splice(0));
  }

  private decide(e: Entry, depth: number): void {
    const body = e.body;
    if (!body) return;
    for (const c of body.entries) this.decide(c, depth + 1);
    const empty = body.entries.length === 0 && !this.placement.after.has(body);
    if (empty && e.kind.text === 'use') {
      // `use x { }` says no more than `use x`.
      delete e.body;
      return;
    }
    if (empty || this.oneLine.has(body)) return;
    const only = body.entries.length === 1 ? body.entries[0]! : undefined;
    const single = only !== undefined && isAttribute(only) && !this.placement.before.has(only) && !this.placement.after.has(body);
    if (!single || 2 * depth + printEntryFlat(e).length >= 99) this.placement.broken.add(body);
  }
}
