// The layout rules of .cluster files, as prettier docs (docs/formatting.md explains them):
//   * one entry per line at the top level; two-space indentation inside blocks;
//   * a block goes on one line, its entries separated by `; `, when it fits the print width and
//     the author did not break it right after `{`; otherwise one entry per line, no `;`;
//   * an empty block is `{ }`; `kind name : type = value { ... }` with single spaces;
//   * values (strings, numbers, names, lists, calls) are never broken: a name value must start
//     on the line of what precedes it (grammar/parser.ts), so a list of node names cannot be
//     split safely. Lists print as `[a: 1, b: 2]`, calls as `env("X")`;
//   * entry order, comments and (at most one) blank line between items are kept.

import type { Doc } from 'prettier';
import { builders } from 'prettier/doc';
import type { ListItem, Value } from '../../grammar/syntax.ts';
import type { LayoutBody, LayoutEntry, LayoutFile, LayoutItem } from './layout.ts';
import { quoteString } from '../text/quote.ts';

const { breakParent, group, hardline, ifBreak, indent, join, line, lineSuffix, literalline } = builders;

export function printFile(file: LayoutFile): Doc {
  if (file.items.length === 0) return '';
  const parts: Doc[] = [];
  file.items.forEach((item, i) => {
    if (i > 0) parts.push(item.blankBefore ? [hardline, hardline] : hardline);
    parts.push(printItem(item, file.text));
  });
  parts.push(hardline);
  return parts;
}

function printItem(item: LayoutItem, text: string | undefined): Doc {
  if (item.type === 'comment') return item.comment.text.trimEnd();
  return printEntry(item, text);
}

function printEntry(item: LayoutEntry, text: string | undefined): Doc {
  const parts: Doc[] = [];
  if (item.verbatim !== undefined) {
    // Kept exactly as written: literal line breaks, so the lines after the first are not re-indented.
    parts.push(join(literalline, item.verbatim.split(/\r\n|\r|\n/)));
  } else {
    const e = item.entry;
    parts.push(e.kind.text);
    if (e.name) parts.push(' ', e.name.text);
    if (e.typeName) parts.push(' : ', e.typeName.text);
    if (e.value) parts.push(' = ', printValue(e.value, text));
    if (item.body) parts.push(' ', printBody(item.body, text));
  }
  if (item.trailing) parts.push(lineSuffix([' ', item.trailing.text.trimEnd()]), breakParent);
  return parts;
}

function printBody(body: LayoutBody, text: string | undefined): Doc {
  if (body.items.length === 0 && !body.openComment) return '{ }';
  const inner: Doc[] = [];
  body.items.forEach((item, i) => {
    if (i > 0) inner.push(ifBreak('', ';'), item.blankBefore ? [line, hardline] : line);
    inner.push(printItem(item, text));
  });
  const mustBreak = body.brokenInSource || !!body.openComment || body.items.some((it) => it.type === 'comment' || it.blankBefore);
  const open = body.openComment ? ['{ ', body.openComment.text.trimEnd()] : '{';
  return group([open, inner.length ? indent([line, inner]) : '', line, '}'], { shouldBreak: mustBreak });
}

function printValue(v: Value, text: string | undefined): string {
  switch (v.type) {
    case 'string':
      // As written in the source; a tree built in code has no source, its strings are quoted.
      return text !== undefined ? text.slice(v.span.start, v.span.end) : quoteString(v.value);
    case 'number':
      return v.raw;
    case 'ident':
      return v.name;
    case 'call':
      return `${v.callee.text}(${v.args.map((a) => printValue(a, text)).join(', ')})`;
    case 'list':
      return `[${v.items.map((it) => printListItem(it, text)).join(', ')}]`;
  }
}

function printListItem(item: ListItem, text: string | undefined): string {
  return item.weight ? `${printValue(item.value, text)}: ${printValue(item.weight, text)}` : printValue(item.value, text);
}
