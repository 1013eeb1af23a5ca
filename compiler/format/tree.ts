// Printing a syntax tree built in code (the importer's), not parsed from text: it has no source
// text and no real spans, so what the layout reads from the source (where comments sit, blank
// lines, whether a block was broken after `{`) comes from a Placement the builder records.
// The tree goes through the same printer as `formatText` (print.ts); strings are quoted from
// their values. Synchronous: prettier's doc printer, without prettier's (async) core.

import { printer } from 'prettier/doc';
import type { Body, Comment, Entry, SourceFile } from '../../grammar/syntax.ts';
import type { LayoutBody, LayoutEntry, LayoutFile, LayoutItem } from './layout.ts';
import { printFile } from './print.ts';

export { quoteString } from '../text/quote.ts';

/** The layout decisions of a built tree. Every comment is printed on a line of its own. */
export interface Placement {
  /** Comments printed before an entry, in order. */
  before: Map<Entry, Comment[]>;
  /** Comments printed after the last entry of a body, or of the file. */
  after: Map<Body | SourceFile, Comment[]>;
  /** Entries and comments printed after a blank line (ignored on the first item of a body). */
  blankBefore: Set<Entry | Comment>;
  /** Bodies printed one entry per line. Every other body is printed on one line, whatever its length: the builder decides. */
  broken: Set<Body>;
}

export function emptyPlacement(): Placement {
  return { before: new Map(), after: new Map(), blankBefore: new Set(), broken: new Set() };
}

export function printSourceFile(file: SourceFile, placement: Placement): string {
  const layout: LayoutFile = { type: 'file', span: file.span, items: layoutItems(file.entries, placement.after.get(file), placement) };
  const doc = printFile(layout);
  // No width: which bodies break is the placement's decision alone.
  return printer.printDocToString(doc, { printWidth: Number.POSITIVE_INFINITY, tabWidth: 2, useTabs: false }).formatted;
}

/** One entry on one line (its bodies unbroken), as printSourceFile prints it in a body that is not broken. */
export function printEntryFlat(entry: Entry): string {
  return printSourceFile({ entries: [entry], comments: [], span: entry.span }, emptyPlacement()).replace(/\n$/, '');
}

function layoutItems(entries: readonly Entry[], trailing: readonly Comment[] | undefined, placement: Placement): LayoutItem[] {
  const items: LayoutItem[] = [];
  const comment = (c: Comment) => items.push({ type: 'comment', comment: c, span: c.span, blankBefore: items.length > 0 && placement.blankBefore.has(c) });
  for (const entry of entries) {
    for (const c of placement.before.get(entry) ?? []) comment(c);
    const item: LayoutEntry = { type: 'entry', entry, span: entry.span, blankBefore: items.length > 0 && placement.blankBefore.has(entry) };
    if (entry.body) item.body = layoutBody(entry.body, placement);
    items.push(item);
  }
  for (const c of trailing ?? []) comment(c);
  return items;
}

function layoutBody(body: Body, placement: Placement): LayoutBody {
  return { type: 'body', span: body.span, items: layoutItems(body.entries, placement.after.get(body), placement), brokenInSource: placement.broken.has(body) };
}
