// Quick fixes that set an attribute on a model element, written for both kinds of source: in a
// .cluster file the attribute goes into the element's block (or a new `{ }`), in raw
// cluster.conf into the start tag. A value that is already written is replaced where it stands.

import type { Fix, TextEdit } from '../diagnostics.ts';
import type { ConfElement } from '../model/conf.ts';
import type { InputKind } from './rule.ts';

export interface AttributeSetting {
  /** cluster.conf attribute name. */
  name: string;
  /** As cluster.conf spells it (`1`, `15`). */
  xmlValue: string;
  /** As the .cluster language spells it (`true`, `15`); the language name when it differs. */
  sourceValue: string;
  sourceName?: string;
}

/** Edits that set each attribute on `e`, or undefined when there is nowhere safe to put them. */
export function setAttributesEdits(e: ConfElement, settings: AttributeSetting[], input: InputKind): TextEdit[] | undefined {
  const edits: TextEdit[] = [];
  const inserts: AttributeSetting[] = [];
  for (const s of settings) {
    const existing = e.attributes.find((a) => a.name === s.name);
    if (existing?.span) edits.push({ span: existing.span, newText: input === 'xml' ? s.xmlValue : s.sourceValue });
    else if (existing) return undefined; // derived by the compiler: no text to change
    else inserts.push(s);
  }
  if (inserts.length === 0) return edits;
  if (input === 'xml') {
    if (!e.nameSpan) return undefined;
    const text = inserts.map((s) => ` ${s.name}="${s.xmlValue}"`).join('');
    edits.push({ span: { start: e.nameSpan.end, end: e.nameSpan.end }, newText: text });
    return edits;
  }
  const text = inserts.map((s) => `${s.sourceName ?? s.name} = ${s.sourceValue}`).join('; ');
  if (e.bodyOpen) edits.push({ span: { start: e.bodyOpen.end, end: e.bodyOpen.end }, newText: ` ${text};` });
  else if (e.nameSpan) edits.push({ span: { start: e.nameSpan.end, end: e.nameSpan.end }, newText: ` { ${text} }` });
  else return undefined;
  return edits;
}

export function setAttributesFix(title: string, e: ConfElement | undefined, settings: AttributeSetting[], input: InputKind): Fix[] | undefined {
  if (!e) return undefined;
  const edits = setAttributesEdits(e, settings, input);
  return edits && edits.length > 0 ? [{ title, edits }] : undefined;
}
