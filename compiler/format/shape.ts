// What a formatter must never change: the syntax tree with the spans taken out, and the text of
// every comment in order. formatText checks its own output against it; the tests use it too.

import type { ListItem, SourceFile, Value, Entry } from '../../grammar/syntax.ts';

export type Shape = unknown;

export function syntaxShape(file: SourceFile): Shape {
  return file.entries.map(entryShape);
}

export function commentTexts(file: SourceFile): string[] {
  return file.comments.map((c) => c.text.trimEnd());
}

function entryShape(e: Entry): Shape {
  return {
    kind: e.kind.text,
    ...(e.name ? { name: e.name.text } : {}),
    ...(e.typeName ? { typeName: e.typeName.text } : {}),
    ...(e.value ? { value: valueShape(e.value) } : {}),
    ...(e.body ? { body: e.body.entries.map(entryShape), closed: !!e.body.close } : {}),
    ...(e.incomplete ? { incomplete: true } : {}),
  };
}

function valueShape(v: Value): Shape {
  switch (v.type) {
    case 'string':
      return { string: v.value };
    case 'number':
      return { number: v.raw };
    case 'ident':
      return { ident: v.name };
    case 'call':
      return { call: v.callee.text, args: v.args.map(valueShape) };
    case 'list':
      return { list: v.items.map(itemShape) };
  }
}

function itemShape(i: ListItem): Shape {
  return i.weight ? { value: valueShape(i.value), weight: valueShape(i.weight) } : { value: valueShape(i.value) };
}

/** The same tree and the same comments, spans aside. */
export function sameContent(a: SourceFile, b: SourceFile): boolean {
  return JSON.stringify(syntaxShape(a)) === JSON.stringify(syntaxShape(b)) && JSON.stringify(commentTexts(a)) === JSON.stringify(commentTexts(b));
}
