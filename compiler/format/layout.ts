// The formatter's view of a .cluster file: the syntax tree with every comment placed where it
// belongs, blank lines remembered, and entries that must be kept as written marked so.
//
// Comments in this language run to the end of their line, so each one is exactly one of:
//   * trailing: on the line where an entry ends (`use ip { ... }   # why`),
//   * an open-brace comment: on the line of a block's `{`, before its first entry,
//   * an own-line comment: an item of its own among the entries of a block or the file
//     (before an entry it leads; after the last one it is dangling at the end of the block).
// A comment anywhere else (inside a list, between `kind` and `=`, ...) cannot survive
// re-layout on one line, so its entry is printed exactly as written ("verbatim"), as is the
// entry after a `# prettier-ignore` line.

import type { Comment, Entry, SourceFile } from '../../grammar/syntax.ts';
import type { Span } from '../diagnostics.ts';

export interface LayoutEntry {
  type: 'entry';
  entry: Entry;
  span: Span;
  /** A blank line (or more) separated this item from the previous one in the source. */
  blankBefore: boolean;
  trailing?: Comment;
  /** The source text to print unchanged instead of laying the entry out. */
  verbatim?: string;
  body?: LayoutBody;
}

export interface LayoutComment {
  type: 'comment';
  comment: Comment;
  span: Span;
  blankBefore: boolean;
}

export type LayoutItem = LayoutEntry | LayoutComment;

export interface LayoutBody {
  type: 'body';
  span: Span;
  openComment?: Comment;
  items: LayoutItem[];
  /** The author put a line break right after `{`: keep the block broken, one entry per line. */
  brokenInSource: boolean;
}

export interface LayoutFile {
  type: 'file';
  span: Span;
  /**
   * The text the spans point into (strings and verbatim entries are printed from it); absent
   * for a tree built in code (tree.ts), whose strings are printed from their values.
   */
  text?: string;
  items: LayoutItem[];
}

const IGNORE = /^#\s*prettier-ignore\s*$/;

export function isIgnoreComment(c: Comment): boolean {
  return IGNORE.test(c.text.trimEnd());
}

export function buildLayout(file: SourceFile, text: string): LayoutFile {
  const comments = [...file.comments].sort((a, b) => a.span.start - b.span.start);
  return { type: 'file', span: { start: 0, end: text.length }, text, items: buildItems(file.entries, comments, text, undefined).items };
}

function hasNewline(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 10 || ch === 13) return true;
  }
  return false;
}

/** Two line breaks between `from` and `to`: a blank line (the text between is whitespace). */
function hasBlankLine(text: string, from: number, to: number): boolean {
  return (text.slice(from, to).match(/\r\n|\r|\n/g)?.length ?? 0) >= 2;
}

function inside(span: Span, c: Comment): boolean {
  return c.span.start >= span.start && c.span.end <= span.end;
}

/**
 * Lays out one sequence (the file, or a block's entries). `comments` are all the comments
 * inside the sequence's range, sorted; those inside an entry go down to that entry.
 */
function buildItems(entries: Entry[], comments: Comment[], text: string, openEnd: number | undefined): { items: LayoutItem[]; openComment?: Comment } {
  const items: LayoutItem[] = [];
  let openComment: Comment | undefined;
  let lastEnd = openEnd ?? 0;
  let ci = 0;
  let ignoreNext = false;

  const placeComment = (c: Comment) => {
    const last = items[items.length - 1];
    if (last?.type === 'entry' && !last.trailing && !hasNewline(text, last.span.end, c.span.start)) {
      last.trailing = c;
    } else if (items.length === 0 && openEnd !== undefined && !openComment && !hasNewline(text, openEnd, c.span.start)) {
      openComment = c;
    } else {
      items.push({ type: 'comment', comment: c, span: c.span, blankBefore: items.length > 0 && hasBlankLine(text, lastEnd, c.span.start) });
      // `# prettier-ignore` holds for the next entry, even with other comments in between.
      ignoreNext ||= isIgnoreComment(c);
    }
    lastEnd = c.span.end;
  };

  for (const entry of entries) {
    while (ci < comments.length && comments[ci].span.end <= entry.span.start) placeComment(comments[ci++]);
    const own: Comment[] = [];
    while (ci < comments.length && inside(entry.span, comments[ci])) own.push(comments[ci++]);
    const item = layoutEntry(entry, own, text, ignoreNext);
    item.blankBefore = items.length > 0 && hasBlankLine(text, lastEnd, entry.span.start);
    items.push(item);
    ignoreNext = false;
    lastEnd = entry.span.end;
  }
  while (ci < comments.length) placeComment(comments[ci++]);
  return openComment ? { items, openComment } : { items };
}

function layoutEntry(entry: Entry, comments: Comment[], text: string, ignored: boolean): LayoutEntry {
  const item: LayoutEntry = { type: 'entry', entry, span: entry.span, blankBefore: false };
  const body = entry.body;
  const inner: Span | undefined = body?.close ? { start: body.open.end, end: body.close.start } : undefined;
  const headerComment = comments.some((c) => !inner || !inside(inner, c));
  if (ignored || headerComment || (body && !body.close)) {
    item.verbatim = text.slice(entry.span.start, entry.span.end);
    return item;
  }
  if (body && inner) {
    const { items, openComment } = buildItems(body.entries, comments, text, inner.start);
    const first = items[0]?.span.start ?? (openComment ? openComment.span.start : inner.end);
    const laid: LayoutBody = {
      type: 'body',
      span: body.span,
      items,
      brokenInSource: items.length > 0 && hasNewline(text, inner.start, first),
    };
    if (openComment) laid.openComment = openComment;
    item.body = laid;
  }
  return item;
}
