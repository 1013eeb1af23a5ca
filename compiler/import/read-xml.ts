// A positional XML reader for cluster.conf: text → the model's ConfElement tree, with every
// element (start tag), element name, attribute name and attribute value remembering its span.
// Comments are kept (on the element that follows them, or as trailing comments of their parent).
// Hand-written rather than a dependency: cluster.conf uses a tiny subset of XML (no namespaces
// that matter, no mixed content), and this way every offset is exactly ours. It never throws:
// malformed XML becomes `xml/malformed` diagnostics with positions and a best-effort tree.

import { diag, type Diagnostic, type Span } from '../diagnostics.ts';
import type { ConfAttribute, ConfElement } from '../model/conf.ts';

export interface ReadResult {
  root?: ConfElement;
  diagnostics: Diagnostic[];
}

const PREDEFINED: ReadonlyMap<string, string> = new Map([['lt', '<'], ['gt', '>'], ['amp', '&'], ['quot', '"'], ['apos', "'"]]);

function isNameStart(c: string): boolean {
  return isNameStartCode(c.charCodeAt(0));
}

/** `[A-Za-z_:]` or any non-ASCII code unit (NaN, past the end, is none). */
function isNameStartCode(k: number): boolean {
  return (k >= 0x61 && k <= 0x7a) || (k >= 0x41 && k <= 0x5a) || k === 0x5f || k === 0x3a || k > 0x7f;
}

/** `[A-Za-z0-9_:.-]` or any non-ASCII code unit. */
function isNameCode(k: number): boolean {
  return isNameStartCode(k) || (k >= 0x30 && k <= 0x39) || k === 0x2e || k === 0x2d;
}

function isSpace(c: string | undefined): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\r';
}

/** Reads cluster.conf text. Never throws. */
export function readClusterConf(text: string): ReadResult {
  try {
    return new Reader(text).read();
  } catch (e) {
    // A reader bug must not take the caller down; report it where we are.
    return { diagnostics: [diag('xml/malformed', 'error', `internal error while reading XML: ${(e as Error).message}`, { start: 0, end: 0 })] };
  }
}

/**
 * How deep elements may nest: cluster.conf trees are a few levels deep, and the schema check,
 * the rules and the importer descend one level per level.
 */
export const MAX_DEPTH = 200;

class Reader {
  private tooDeep = false;
  private i = 0;
  private readonly n: number;
  private readonly diagnostics: Diagnostic[] = [];
  private root?: ConfElement;
  private rootClosed = false;
  private readonly stack: ConfElement[] = [];
  private pending: string[] = [];

  constructor(private readonly text: string) {
    this.n = text.length;
  }

  private error(message: string, span: Span): void {
    this.diagnostics.push(diag('xml/malformed', 'error', message, span));
  }

  read(): ReadResult {
    const t = this.text;
    // A byte-order mark (decodeSource turns it into one space to keep offsets) is not content.
    if (t.charCodeAt(0) === 0xfeff || (t[0] === ' ' && t.startsWith('<?xml', 1))) this.i = 1;
    let sawDecl = false;
    let first = true;
    while (this.i < this.n) {
      const c = t[this.i];
      if (c === '<') {
        if (t.startsWith('<!--', this.i)) this.comment();
        else if (t.startsWith('<![CDATA[', this.i)) this.cdata();
        else if (t.startsWith('<?', this.i)) {
          const isDecl = /^<\?xml[\s?]/.test(t.slice(this.i, this.i + 6));
          if (isDecl && (!first || sawDecl)) this.error('the XML declaration must be the very first thing in the file', { start: this.i, end: this.i + 5 });
          if (isDecl) sawDecl = true;
          this.pi();
        } else if (t.startsWith('<!DOCTYPE', this.i)) this.doctype();
        else if (t.startsWith('</', this.i)) this.closeTag();
        else if (this.i + 1 < this.n && isNameStart(t[this.i + 1])) this.startTag();
        else {
          this.error("'<' must start a tag, a comment or a declaration; write &lt; for a literal '<'", { start: this.i, end: this.i + 1 });
          this.i++;
        }
      } else this.textRun();
      first = false;
    }
    for (let k = this.stack.length - 1; k >= 0; k--) {
      const e = this.stack[k];
      this.error(`<${e.tag}> is never closed`, e.nameSpan ?? e.span ?? { start: this.n, end: this.n });
    }
    if (this.stack.length > 0 && this.pending.length > 0) {
      const top = this.stack[this.stack.length - 1];
      top.trailingComments = [...(top.trailingComments ?? []), ...this.pending];
      this.pending = [];
    }
    if (this.pending.length > 0 && this.root) this.root.trailingComments = [...(this.root.trailingComments ?? []), ...this.pending];
    if (!this.root) this.error('no root element: a cluster.conf holds one <cluster> element', { start: this.n, end: this.n });
    return { ...(this.root ? { root: this.root } : {}), diagnostics: this.diagnostics };
  }

  private comment(): void {
    const start = this.i;
    const end = this.text.indexOf('-->', start + 4);
    if (end < 0) {
      this.error('unterminated comment: <!-- without -->', { start, end: start + 4 });
      this.i = this.n;
      return;
    }
    const body = this.text.slice(start + 4, end);
    const dd = body.indexOf('--');
    if (dd >= 0) this.error("'--' is not allowed inside an XML comment", { start: start + 4 + dd, end: start + 6 + dd });
    if (body.endsWith('-')) this.error("a comment must not end with '--->'", { start: end - 1, end: end + 3 });
    this.pending.push(body.trim());
    this.i = end + 3;
  }

  private cdata(): void {
    const start = this.i;
    const end = this.text.indexOf(']]>', start + 9);
    if (end < 0) {
      this.error('unterminated CDATA section', { start, end: start + 9 });
      this.i = this.n;
      return;
    }
    this.addText(this.text.slice(start + 9, end), { start, end: end + 3 });
    this.i = end + 3;
  }

  private pi(): void {
    const start = this.i;
    const end = this.text.indexOf('?>', start + 2);
    if (end < 0) {
      this.error('unterminated processing instruction: <? without ?>', { start, end: start + 2 });
      this.i = this.n;
      return;
    }
    this.i = end + 2;
  }

  private doctype(): void {
    const start = this.i;
    if (this.root) this.error('a DOCTYPE must come before the root element', { start, end: start + 9 });
    let depth = 0;
    let k = start + 9;
    let quote: string | undefined;
    for (; k < this.n; k++) {
      const c = this.text[k];
      if (quote) {
        if (c === quote) quote = undefined;
      } else if (c === '"' || c === "'") quote = c;
      else if (c === '[') depth++;
      else if (c === ']') depth--;
      else if (c === '>' && depth <= 0) break;
    }
    if (k >= this.n) {
      this.error('unterminated DOCTYPE', { start, end: start + 9 });
      this.i = this.n;
      return;
    }
    this.i = k + 1;
  }

  private readName(): { name: string; span: Span } | undefined {
    const t = this.text;
    const start = this.i;
    if (this.i >= this.n || !isNameStartCode(t.charCodeAt(this.i))) return undefined;
    let i = start + 1;
    while (i < this.n && isNameCode(t.charCodeAt(i))) i++;
    this.i = i;
    return { name: this.name(start, i), span: { start, end: i } };
  }

  // Element and attribute names repeat on every line of a big file: each distinct name is
  // sliced once and shared, so the model does not hold one copy of `name` per attribute.
  private readonly names = new Map<number, string[]>();

  /** The name text[start, end), from the names already read when it is one of them. */
  private name(start: number, end: number): string {
    const length = end - start;
    const key = length * 0x10000 + this.text.charCodeAt(start);
    let seen = this.names.get(key);
    if (seen) {
      for (const s of seen) if (this.text.startsWith(s, start)) return s;
    } else this.names.set(key, (seen = []));
    const name = this.text.slice(start, end);
    if (seen.length < 16) seen.push(name);
    return name;
  }

  private skipSpace(): boolean {
    const t = this.text;
    const s = this.i;
    let i = s;
    for (let k = t.charCodeAt(i); k === 0x20 || k === 0x0a || k === 0x09 || k === 0x0d; k = t.charCodeAt(++i));
    this.i = i;
    return i > s;
  }

  private closeTag(): void {
    const start = this.i;
    this.i += 2;
    const name = this.readName();
    this.skipSpace();
    if (this.text[this.i] === '>') this.i++;
    else {
      this.error(name ? `expected '>' to end </${name.name}>` : "expected an element name after '</'", { start: this.i, end: Math.min(this.i + 1, this.n) });
      const gt = this.text.indexOf('>', this.i);
      const lt = this.text.indexOf('<', this.i);
      this.i = gt >= 0 && (lt < 0 || gt < lt) ? gt + 1 : lt >= 0 ? lt : this.n;
    }
    const span = { start, end: this.i };
    if (!name) return;
    const top = this.stack[this.stack.length - 1];
    if (!top) {
      this.error(`</${name.name}> closes nothing: no element is open here`, span);
      return;
    }
    if (top.tag === name.name) {
      top.endSpan = span;
      this.close();
      return;
    }
    // Scan for the open element only when one of that name is open: a run of stray closing tags
    // under a deep stack would otherwise cost depth × tags.
    let k = this.openTags.get(name.name) ? this.stack.length - 1 : -1;
    while (k >= 0 && this.stack[k].tag !== name.name) k--;
    if (k < 0) {
      this.error(`</${name.name}> does not match the open element <${top.tag}>`, span);
      return;
    }
    while (this.stack.length - 1 > k) {
      const e = this.stack[this.stack.length - 1];
      this.error(`<${e.tag}> is never closed (found </${name.name}> first)`, e.nameSpan ?? span);
      this.close();
    }
    this.close();
  }

  /** How many elements of each name are open (on the stack). */
  private readonly openTags = new Map<string, number>();

  private push(e: ConfElement): void {
    this.stack.push(e);
    this.openTags.set(e.tag, (this.openTags.get(e.tag) ?? 0) + 1);
  }

  private close(): void {
    const e = this.stack.pop()!;
    this.openTags.set(e.tag, this.openTags.get(e.tag)! - 1);
    // Children were pushed one by one: keep them at their exact count (see startTag).
    if (e.children.length > 0) e.children = e.children.slice();
    if (this.pending.length > 0) {
      e.trailingComments = [...(e.trailingComments ?? []), ...this.pending];
      this.pending = [];
    }
    if (this.stack.length === 0) this.rootClosed = true;
  }

  private startTag(): void {
    const start = this.i;
    this.i++;
    const name = this.readName()!;
    // Attributes are read into a scratch list and copied at their exact count: a list grown by
    // push keeps room for 17, which a big file's model would carry on every element.
    const attributes = this.attributes;
    attributes.length = 0;
    let selfClosing = false;
    let closed = false;
    while (this.i < this.n) {
      const hadSpace = this.skipSpace();
      const c = this.text[this.i];
      if (c === '>') {
        this.i++;
        closed = true;
        break;
      }
      if (c === '/' && this.text[this.i + 1] === '>') {
        this.i += 2;
        selfClosing = true;
        closed = true;
        break;
      }
      if (c !== undefined && isNameStart(c)) {
        if (!hadSpace) this.error('attributes must be separated by white space', { start: this.i, end: this.i + 1 });
        this.attribute(name.name, attributes);
        continue;
      }
      if (c === '<') break; // a new tag starts: this one was never ended
      if (c === undefined) break;
      this.error(`unexpected '${c}' in the tag <${name.name}>`, { start: this.i, end: this.i + 1 });
      this.i++;
    }
    if (!closed) this.error(`the tag <${name.name}> is not ended with '>' or '/>'`, name.span);
    this.checkPrefixes(name, attributes);
    const e: ConfElement = { tag: name.name, attributes: attributes.slice(), children: [], nameSpan: name.span, span: { start, end: this.i } };
    attributes.length = 0;
    if (this.pending.length > 0) {
      e.comments = this.pending;
      this.pending = [];
    }
    const parent = this.stack[this.stack.length - 1];
    if (this.stack.length > MAX_DEPTH) {
      // Read on (the rest must still be well-formed) but keep it out of the model, which every
      // later phase walks one level per level.
      if (!this.tooDeep) this.diagnostics.push(diag('xml/too-deep', 'error', `elements nested more than ${MAX_DEPTH} deep are not read`, name.span));
      this.tooDeep = true;
    } else if (parent) parent.children.push(e);
    else if (!this.root) this.root = e;
    else {
      this.error(`a second root element <${e.tag}>: a cluster.conf holds exactly one root element`, name.span);
      if (selfClosing) return;
      // Read its content so the rest of the file still gets checked, then drop it.
    }
    if (!selfClosing) {
      this.push(e);
      if (!parent && this.root !== e) {
        // keep the stray root's subtree out of the model
      }
    } else if (!parent) this.rootClosed = true;
  }

  private readonly attributes: ConfAttribute[] = [];

  /**
   * The namespace errors libxml2 (cman's parser) reports: a name with a colon must be
   * `prefix:local`, and its prefix declared by an `xmlns:prefix` on the element or around it.
   * cluster.conf uses no namespaces, so only a name with a colon costs anything here.
   */
  private checkPrefixes(tag: { name: string; span: Span }, attributes: readonly ConfAttribute[]): void {
    const check = (name: string, span: Span, isAttribute: boolean) => {
      const colon = name.indexOf(':');
      if (colon < 0) return;
      const prefix = name.slice(0, colon);
      const local = name.slice(colon + 1);
      if (prefix === '' || local === '' || local.includes(':') || !isNameStartCode(local.charCodeAt(0))) {
        this.error(`namespace error: ${name} is not a qualified name (prefix:local)`, span);
        return;
      }
      if (prefix === 'xml' || (isAttribute && prefix === 'xmlns')) return;
      const declaration = `xmlns:${prefix}`;
      const declared = attributes.some((a) => a.name === declaration) || this.stack.some((e) => e.attributes.some((a) => a.name === declaration));
      if (!declared) this.error(`namespace error: the prefix ${prefix} of ${name} is declared nowhere (no ${declaration}="…" on this element or around it)`, span);
    };
    check(tag.name, tag.span, false);
    for (const a of attributes) check(a.name, a.nameSpan ?? a.span ?? tag.span, true);
  }

  private attribute(tag: string, attributes: ConfAttribute[]): void {
    const name = this.readName()!;
    this.skipSpace();
    if (this.text[this.i] !== '=') {
      this.error(`the attribute ${name.name} needs a value: ${name.name}="…"`, name.span);
      return;
    }
    this.i++;
    this.skipSpace();
    const q = this.text[this.i];
    if (q !== '"' && q !== "'") {
      this.error(`the value of ${name.name} must be quoted`, { start: this.i, end: Math.min(this.i + 1, this.n) });
      // Recover: take an unquoted run as the value.
      const s = this.i;
      while (this.i < this.n && !isSpace(this.text[this.i]) && this.text[this.i] !== '>' && !this.text.startsWith('/>', this.i)) this.i++;
      this.addAttribute(tag, attributes, name, this.text.slice(s, this.i), { start: s, end: this.i });
      return;
    }
    const vs = this.i + 1;
    const plain = this.plainValueEnd(vs, q.charCodeAt(0));
    if (plain >= 0) {
      // Nothing to decode or report: the value is the text as written.
      this.i = plain + 1;
      this.addAttribute(tag, attributes, name, this.text.slice(vs, plain), { start: vs, end: plain });
      return;
    }
    const ve = this.text.indexOf(q, vs);
    if (ve < 0) {
      this.error(`the value of ${name.name} is never closed with ${q}`, { start: this.i, end: this.i + 1 });
      this.i = this.n;
      return;
    }
    const raw = this.text.slice(vs, ve);
    const lt = raw.indexOf('<');
    if (lt >= 0) this.error("'<' is not allowed in an attribute value; write &lt;", { start: vs + lt, end: vs + lt + 1 });
    // Attribute-value normalisation: each literal tab or line break (CR LF counting as one) is read
    // as a space, while a character reference (`&#10;`) keeps its character.
    const value = this.decode(raw, vs, ' ');
    this.i = ve + 1;
    this.addAttribute(tag, attributes, name, value, { start: vs, end: ve });
  }

  /**
   * Where the quote `quote` ends a value starting at `from`, when the value holds nothing to
   * decode or report (no '&', no '<', no tab or line break); -1 otherwise, or when it is never
   * closed (the general path reads and reports those).
   */
  private plainValueEnd(from: number, quote: number): number {
    const t = this.text;
    for (let i = from; i < this.n; i++) {
      const k = t.charCodeAt(i);
      if (k === quote) return i;
      if (k === 0x26 || k === 0x3c || k === 0x09 || k === 0x0a || k === 0x0d) return -1;
    }
    return -1;
  }

  private addAttribute(tag: string, attributes: ConfAttribute[], name: { name: string; span: Span }, value: string, span: Span): void {
    if (attributes.some((a) => a.name === name.name)) {
      this.error(`the attribute ${name.name} is written twice on <${tag}>`, name.span);
      return;
    }
    const a: ConfAttribute = { name: name.name, value, span, nameSpan: name.span };
    attributes.push(a);
  }

  /**
   * Replaces entity and character references; bad ones are reported at their position. A literal
   * line break is read as XML reads it: CR LF and a lone CR as a newline (end-of-line handling);
   * in an attribute (`lineBreak` ' '), tabs and line breaks as spaces.
   */
  private decode(raw: string, offset: number, lineBreak = '\n'): string {
    const normalise = lineBreak === ' ' ? /[\t\n\r]/ : /\r/;
    if (!raw.includes('&') && !normalise.test(raw)) return raw;
    return raw.replace(/&([^;&<\s]*);?|\r\n?|[\t\n]/g, (m: string, body: string | undefined, at: number) => {
      if (body === undefined) return m === '\t' && lineBreak === '\n' ? m : m[0] === '\r' || m === '\n' ? lineBreak : ' ';
      const span = { start: offset + at, end: offset + at + m.length };
      if (!m.endsWith(';')) {
        this.error("'&' must start an entity reference such as &amp;", span);
        return m;
      }
      const predefined = PREDEFINED.get(body);
      if (predefined !== undefined) return predefined;
      const num = /^#(x[0-9a-fA-F]+|[0-9]+)$/.exec(body);
      if (num) {
        const code = num[1].startsWith('x') ? parseInt(num[1].slice(1), 16) : parseInt(num[1], 10);
        if (code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff)) return String.fromCodePoint(code);
      }
      this.error(`unknown entity reference ${m}`, span);
      return m;
    });
  }

  private textRun(): void {
    const start = this.i;
    // The usual run, white space between tags: nothing to keep, nothing to slice.
    const t = this.text;
    let i = start;
    for (let k = t.charCodeAt(i); k === 0x20 || k === 0x0a || k === 0x09 || k === 0x0d; k = t.charCodeAt(++i));
    if (i >= this.n || t.charCodeAt(i) === 0x3c) {
      this.i = i;
      return;
    }
    const lt = this.text.indexOf('<', start);
    const end = lt < 0 ? this.n : lt;
    const raw = this.text.slice(start, end);
    this.i = end;
    if (raw.trim() === '') return;
    const at = start + (raw.length - raw.trimStart().length);
    const span = { start: at, end: start + raw.trimEnd().length };
    if (this.stack.length === 0) {
      this.error(this.root && this.rootClosed ? 'text after the root element' : 'text before the root element', span);
      return;
    }
    const gt = raw.indexOf(']]>');
    if (gt >= 0) this.error("']]>' is not allowed in text", { start: start + gt, end: start + gt + 3 });
    this.addText(this.decode(raw, start), span);
  }

  private addText(value: string, span: Span): void {
    const top = this.stack[this.stack.length - 1];
    if (!top) {
      this.error('text outside the root element', span);
      return;
    }
    top.text = (top.text ?? '') + value;
    if (!top.textSpan) top.textSpan = span;
  }
}
