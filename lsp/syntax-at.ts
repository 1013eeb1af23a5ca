// Which syntax node is under the cursor: the chain of entries from the top down, and the token
// (kind, name, type, value) the offset falls in. Read-only walk of the core's syntax tree.

import type { Entry, SourceFile, Token, Value } from '../grammar/syntax.ts';

export interface EntryPath {
  /** Outermost first; the last one is the innermost entry containing the offset. */
  entries: Entry[];
  part?: 'kind' | 'name' | 'type' | 'value';
  token?: Token;
  value?: Value;
}

const inside = (s: { start: number; end: number }, offset: number) => s.start <= offset && offset <= s.end;

function innermostValue(v: Value, offset: number): Value | undefined {
  if (!inside(v.span, offset)) return undefined;
  if (v.type === 'list') {
    for (const item of v.items) {
      const hit = innermostValue(item.value, offset) ?? (item.weight ? innermostValue(item.weight, offset) : undefined);
      if (hit) return hit;
    }
  }
  if (v.type === 'call') for (const a of v.args) { const hit = innermostValue(a, offset); if (hit) return hit; }
  return v;
}

export function entryAt(file: SourceFile, offset: number): EntryPath {
  const path: EntryPath = { entries: [] };
  let entries = file.entries;
  for (;;) {
    const e = entries.find((x) => inside(x.span, offset));
    if (!e) return path;
    path.entries.push(e);
    if (inside(e.kind.span, offset)) return { ...path, part: 'kind', token: e.kind };
    if (e.name && inside(e.name.span, offset)) return { ...path, part: 'name', token: e.name };
    if (e.typeName && inside(e.typeName.span, offset)) return { ...path, part: 'type', token: e.typeName };
    if (e.value && inside(e.value.span, offset)) {
      const v = innermostValue(e.value, offset);
      return { ...path, part: 'value', ...(v ? { value: v } : {}) };
    }
    if (!e.body || !inside(e.body.span, offset)) return path;
    entries = e.body.entries;
  }
}
