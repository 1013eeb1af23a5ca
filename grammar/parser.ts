// The .cluster parser: one chevrotain CstParser instance for the life of the process, LL(1)
// apart from one same-line gate, error recovery on. `parse()` never throws: it returns a syntax
// tree (with spans for every node, comments kept) and the syntax diagnostics, all of them.

import { CstParser, type CstNode, type IToken, type IRecognitionException, type ILexingError, type TokenType } from 'chevrotain';
import * as T from './lexer.ts';
import type { Body, Comment, Entry, ListItem, SourceFile, Token, Value } from './syntax.ts';
import type { Diagnostic, Span } from '../compiler/diagnostics.ts';

class ClusterParser extends CstParser {
  constructor() {
    super(T.allTokens, { recoveryEnabled: true, nodeLocationTracking: 'full', maxLookahead: 2 });
    this.performSelfAnalysis();
  }

  file = this.RULE('file', () => {
    this.MANY(() => this.SUBRULE(this.entry));
    // A stray closing brace at top level would otherwise end the parse silently.
    this.MANY2(() => {
      this.CONSUME(T.RCurly);
      this.MANY3(() => this.SUBRULE2(this.entry));
    });
  });

  entry = this.RULE('entry', () => {
    const kind = this.CONSUME(T.Identifier, { LABEL: 'kind' });
    // `use wwwfs` takes a name only on the same line, so a half-typed `totem` on one line does
    // not swallow the attribute on the next.
    this.OPTION({
      GATE: () => this.LA(1).startLine === kind.startLine,
      DEF: () => this.CONSUME2(T.Identifier, { LABEL: 'name' }),
    });
    this.OPTION2(() => {
      this.CONSUME(T.Colon);
      this.CONSUME3(T.Identifier, { LABEL: 'typeName' });
    });
    this.OPTION3(() => {
      this.CONSUME(T.Equals);
      this.SUBRULE(this.value);
    });
    this.OPTION4(() => this.SUBRULE(this.body));
    this.OPTION5(() => this.CONSUME(T.Semicolon));
  });

  body = this.RULE('body', () => {
    this.CONSUME(T.LCurly);
    this.MANY(() => this.SUBRULE(this.entry));
    this.CONSUME(T.RCurly);
  });

  value = this.RULE('value', () => {
    this.OR([
      { ALT: () => this.CONSUME(T.StringLiteral) },
      { ALT: () => this.CONSUME(T.NumberLike) },
      { ALT: () => this.SUBRULE(this.list) },
      {
        // A name on the next line is the next entry, not this entry's value: `a =` then `b = 1`.
        GATE: () => this.LA(1).startLine === this.LA(0).endLine,
        ALT: () => {
          this.CONSUME(T.Identifier);
          this.OPTION(() => this.SUBRULE(this.args));
        },
      },
    ]);
  });

  args = this.RULE('args', () => {
    this.CONSUME(T.LParen);
    this.MANY(() => {
      this.SUBRULE(this.value);
      this.OPTION(() => this.CONSUME(T.Comma));
    });
    this.CONSUME(T.RParen);
  });

  list = this.RULE('list', () => {
    this.CONSUME(T.LBracket);
    this.MANY(() => {
      this.SUBRULE(this.listItem);
      this.OPTION(() => this.CONSUME(T.Comma));
    });
    this.CONSUME(T.RBracket);
  });

  listItem = this.RULE('listItem', () => {
    this.SUBRULE(this.value);
    this.OPTION(() => {
      this.CONSUME(T.Colon);
      this.SUBRULE2(this.value, { LABEL: 'weight' });
    });
  });
}

let parserInstance: ClusterParser | undefined;
/** The single parser instance, built on first use (construction costs a few milliseconds). */
function parser(): ClusterParser {
  return (parserInstance ??= new ClusterParser());
}

/** Grammar productions, for docs (railroad diagrams) and the grammar self-check test. */
export function grammarProductions() {
  return parser().getSerializedGastProductions();
}

export interface ParseResult {
  file: SourceFile;
  diagnostics: Diagnostic[];
}

/** Beyond this many syntax errors the rest are noise (binary junk): report a count instead. */
const MAX_SYNTAX_DIAGNOSTICS = 100;

export function parse(text: string): ParseResult {
  const diagnostics: Diagnostic[] = [];
  const lexed = T.clusterLexer.tokenize(text);
  for (const e of mergeLexErrors(lexed.errors, text)) diagnostics.push(e);

  const tokens: IToken[] = [];
  for (const tok of lexed.tokens) {
    if (tok.tokenType === T.UnterminatedString) {
      diagnostics.push({
        rule: 'syntax/unterminated-string',
        severity: 'error',
        message: 'string is not closed: add a `"` before the end of the line',
        span: { start: tok.startOffset, end: tok.endOffset! + 1 },
        fixes: [{ title: 'Close the string', edits: [{ span: { start: tok.endOffset! + 1, end: tok.endOffset! + 1 }, newText: '"' }] }],
      });
      // Treat it as a string from here on so one missing quote gives one error.
      tok.tokenType = T.StringLiteral;
      tok.tokenTypeIdx = T.StringLiteral.tokenTypeIdx!;
      (tok as { image: string }).image = tok.image + '"';
    }
    if (tok.tokenType === T.StringLiteral) checkEscapes(tok, diagnostics);
    tokens.push(tok);
  }

  const p = parser();
  p.input = boundNesting(tokens, diagnostics);
  const cst = p.file();
  for (const err of p.errors) diagnostics.push(parseErrorDiagnostic(err, text));

  const comments: Comment[] = ((lexed.groups.comments ?? []) as IToken[]).map((t) => ({
    text: t.image,
    span: { start: t.startOffset, end: t.endOffset! + 1 },
  }));

  const entries = ((cst.children.entry ?? []) as CstNode[]).map(toEntry).filter(isDefined);
  for (const stray of (cst.children.RCurly ?? []) as IToken[]) {
    if (stray.isInsertedInRecovery || Number.isNaN(stray.startOffset)) continue;
    diagnostics.push({
      rule: 'syntax/unexpected-token',
      severity: 'error',
      message: "unexpected '}': no block is open here",
      span: { start: stray.startOffset, end: stray.endOffset! + 1 },
      fixes: [{ title: "Remove the '}'", edits: [{ span: { start: stray.startOffset, end: stray.endOffset! + 1 }, newText: '' }] }],
    });
  }

  diagnostics.sort((a, b) => a.span.start - b.span.start);
  if (diagnostics.length > MAX_SYNTAX_DIAGNOSTICS) {
    const dropped = diagnostics.length - MAX_SYNTAX_DIAGNOSTICS;
    diagnostics.length = MAX_SYNTAX_DIAGNOSTICS;
    const last = diagnostics[diagnostics.length - 1];
    diagnostics.push({
      rule: 'syntax/too-many-errors',
      severity: 'error',
      message: `${dropped} more syntax errors not shown; is this really a .cluster file?`,
      span: last.span,
    });
  }
  return { file: { entries, comments, span: { start: 0, end: text.length } }, diagnostics };
}

/**
 * How deep blocks, lists and calls may nest (together). Real clusters nest resources about ten
 * deep; the parser, the checker and the formatter descend one level per level, so without a bound
 * a few kilobytes of `{` would exhaust the stack.
 */
export const MAX_NESTING = 200;

const OPENERS = new Map([
  [T.LCurly, T.RCurly],
  [T.LBracket, T.RBracket],
  [T.LParen, T.RParen],
]);
const CLOSERS = new Set(OPENERS.values());

/**
 * The tokens the parser sees: those inside an opener nested deeper than MAX_NESTING are left
 * out, with one `syntax/too-deep` at that opener; the opener and its matching closer stay, so
 * the parser sees an empty block (list, call) and the rest of the file parses as written.
 * Brackets are matched by kind the way recovery would: a closer closes the innermost open
 * bracket of its kind and everything opened after it; a closer with no opener of its kind is
 * the parser's to report. One pass, no recursion.
 */
function boundNesting(tokens: IToken[], diagnostics: Diagnostic[]): IToken[] {
  const open: TokenType[] = [];
  const openCount = new Map<TokenType, number>();
  let out: IToken[] | undefined;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    const kind = t.tokenType;
    if (OPENERS.has(kind)) {
      if (open.length < MAX_NESTING) {
        open.push(kind);
        openCount.set(kind, (openCount.get(kind) ?? 0) + 1);
        continue;
      }
      // Too deep: keep the opener, skip to its matching closer (kept too, if there is one).
      out ??= tokens.slice(0, i);
      out.push(t);
      diagnostics.push({
        rule: 'syntax/too-deep',
        severity: 'error',
        message: `nested more than ${MAX_NESTING} levels deep: the contents of this ${describeOpener(kind)} are not read`,
        span: { start: t.startOffset, end: t.endOffset! + 1 },
      });
      const end = matchingCloser(tokens, i, openCount);
      if (end.matched) out.push(tokens[end.index]);
      // A closer of an outer block ends the skip unread: the parser reports the missing closer.
      i = end.matched ? end.index : end.index - 1;
      continue;
    }
    if (CLOSERS.has(kind)) closeInnermost(open, openCount, openerOf(kind));
    out?.push(t);
  }
  return out ?? tokens;
}

function describeOpener(kind: TokenType): string {
  return kind === T.LCurly ? 'block' : kind === T.LBracket ? 'list' : 'call';
}

function openerOf(closer: TokenType): TokenType {
  for (const [opener, c] of OPENERS) if (c === closer) return opener;
  return closer;
}

/** Pops the innermost open bracket of `opener`'s kind and every one opened after it. */
function closeInnermost(open: TokenType[], openCount: Map<TokenType, number>, opener: TokenType): boolean {
  if (!openCount.get(opener)) return false;
  for (;;) {
    const k = open.pop()!;
    openCount.set(k, openCount.get(k)! - 1);
    if (k === opener) return true;
  }
}

/**
 * Where the skip of the opener at `start` ends: at its matching closer (matched), or at a closer
 * of a bracket that is open outside it (`outer`), or at the end of the tokens.
 */
function matchingCloser(tokens: IToken[], start: number, outer: Map<TokenType, number>): { index: number; matched: boolean } {
  const open: TokenType[] = [tokens[start].tokenType];
  const openCount = new Map<TokenType, number>([[tokens[start].tokenType, 1]]);
  for (let i = start + 1; i < tokens.length; i++) {
    const kind = tokens[i].tokenType;
    if (OPENERS.has(kind)) {
      open.push(kind);
      openCount.set(kind, (openCount.get(kind) ?? 0) + 1);
    } else if (CLOSERS.has(kind)) {
      const opener = openerOf(kind);
      if (closeInnermost(open, openCount, opener)) {
        if (open.length === 0) return { index: i, matched: true };
      } else if (outer.get(opener)) return { index: i, matched: false };
    }
  }
  return { index: tokens.length, matched: false };
}

/** Consecutive unexpected characters are one problem, not one per byte. */
function mergeLexErrors(errors: ILexingError[], text: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const e of errors) {
    const prev = out[out.length - 1];
    if (prev && prev.span.end === e.offset) {
      prev.span.end = e.offset + e.length;
      prev.message = `unexpected characters ${quoteSnippet(text.slice(prev.span.start, prev.span.end))}`;
      continue;
    }
    out.push({
      rule: 'syntax/unexpected-character',
      severity: 'error',
      message: `unexpected character ${quoteSnippet(text.slice(e.offset, e.offset + e.length))}`,
      span: { start: e.offset, end: e.offset + e.length },
    });
  }
  return out;
}

function quoteSnippet(s: string): string {
  const shown = s.length > 20 ? s.slice(0, 20) + '…' : s;
  return JSON.stringify(shown);
}

function describe(tok: IToken): string {
  if (tok.tokenType.name === 'EOF') return 'end of file';
  const label = tok.tokenType.LABEL ?? tok.tokenType.name;
  // Punctuation's label is already its text ('='): saying it twice reads `'=' "="`.
  if (label === `'${tok.image}'`) return label;
  return `${label} ${quoteSnippet(tok.image)}`;
}

function parseErrorDiagnostic(err: IRecognitionException, text: string): Diagnostic {
  const tok = err.token;
  const atEof = tok.tokenType.name === 'EOF' || Number.isNaN(tok.startOffset);
  const previous = (err as { previousToken?: IToken }).previousToken;
  // At end of input, point just after the last real token: that is where something is missing.
  const start = atEof ? (previous && !Number.isNaN(previous.endOffset!) ? previous.endOffset! + 1 : text.length) : tok.startOffset;
  const end = atEof ? start : tok.endOffset! + 1;
  let message: string;
  if (err.name === 'MismatchedTokenException') {
    const expected = /Expecting (?:token of type )?--> (.*?) <--/.exec(err.message)?.[1];
    message = atEof
      ? `unexpected end of file${expected ? `: expected ${expected}` : ''}${expected === "'}'" ? ' (a block is not closed)' : ''}`
      : `expected ${expected ?? 'something else'} but found ${describe(tok)}`;
  } else if (err.name === 'NotAllInputParsedException') {
    message = `unexpected ${describe(tok)}: expected a declaration such as \`name = value\` or \`kind name { ... }\``;
  } else if (err.name === 'NoViableAltException' && previous && !atEof && previous.endLine! < tok.startLine!) {
    const at = previous.endOffset! + 1;
    // `recovery =` at the end of its line: name the attribute (the name sits just before the `=`).
    const attribute = previous.image === '=' ? /([A-Za-z_][A-Za-z0-9_.-]*)[ \t]*$/.exec(text.slice(Math.max(0, previous.startOffset - 200), previous.startOffset))?.[1] : undefined;
    const message = attribute ? `\`${attribute} =\` needs a value: \`${attribute} = VALUE\`` : `missing value after ${describe(previous)}`;
    return { rule: 'syntax/unexpected-token', severity: 'error', message, span: { start: at, end: at } };
  } else if (err.name === 'NoViableAltException') {
    message = atEof ? 'unexpected end of file: expected a value' : `expected a value (a string, number, name or list) but found ${describe(tok)}`;
  } else {
    message = `unexpected ${describe(tok)}`;
  }
  return { rule: 'syntax/unexpected-token', severity: 'error', message, span: { start, end } };
}

// ---- CST → syntax tree. Recovery can leave any child missing, so every access is optional.

function isDefined<X>(x: X | undefined): x is X {
  return x !== undefined;
}

function tok(t: IToken | undefined): Token | undefined {
  if (!t || t.isInsertedInRecovery || Number.isNaN(t.startOffset)) return undefined;
  return { text: t.image, span: { start: t.startOffset, end: t.endOffset! + 1 } };
}

function nodeSpan(n: CstNode): Span {
  const loc = n.location;
  if (!loc || Number.isNaN(loc.startOffset)) return { start: 0, end: 0 };
  return { start: loc.startOffset, end: (loc.endOffset ?? loc.startOffset) + 1 };
}

function toEntry(n: CstNode): Entry | undefined {
  const c = n.children as Record<string, (IToken | CstNode)[] | undefined>;
  const kind = tok(c.kind?.[0] as IToken | undefined);
  if (!kind) return undefined;
  const valueNode = c.value?.[0] as CstNode | undefined;
  const bodyNode = c.body?.[0] as CstNode | undefined;
  const entry: Entry = { type: 'entry', kind, span: nodeSpan(n) };
  const name = tok(c.name?.[0] as IToken | undefined);
  if (name) entry.name = name;
  const typeName = tok(c.typeName?.[0] as IToken | undefined);
  if (typeName) entry.typeName = typeName;
  const value = valueNode ? toValue(valueNode) : undefined;
  if (value) entry.value = value;
  else if (c.Equals?.length) entry.incomplete = true;
  const body = bodyNode ? toBody(bodyNode) : undefined;
  if (body) entry.body = body;
  entry.span = { start: kind.span.start, end: Math.max(kind.span.end, nodeSpan(n).end) };
  return entry;
}

function toBody(n: CstNode): Body | undefined {
  const c = n.children as Record<string, (IToken | CstNode)[] | undefined>;
  const open = tok(c.LCurly?.[0] as IToken | undefined);
  if (!open) return undefined;
  const close = tok(c.RCurly?.[0] as IToken | undefined);
  const entries = ((c.entry ?? []) as CstNode[]).map(toEntry).filter(isDefined);
  const span = nodeSpan(n);
  const body: Body = { entries, open: open.span, span: { start: open.span.start, end: Math.max(span.end, open.span.end) } };
  if (close) body.close = close.span;
  return body;
}

function toValue(n: CstNode): Value | undefined {
  const c = n.children as Record<string, (IToken | CstNode)[] | undefined>;
  const s = tok(c.StringLiteral?.[0] as IToken | undefined);
  if (s) return { type: 'string', value: unescape(s.text), span: s.span };
  const num = tok(c.NumberLike?.[0] as IToken | undefined);
  if (num) return { type: 'number', raw: num.text, span: num.span };
  const listNode = c.list?.[0] as CstNode | undefined;
  if (listNode) return toList(listNode);
  const id = tok(c.Identifier?.[0] as IToken | undefined);
  if (id) {
    const argsNode = c.args?.[0] as CstNode | undefined;
    if (argsNode) {
      const args = (((argsNode.children.value ?? []) as CstNode[]).map(toValue)).filter(isDefined);
      const end = nodeSpan(argsNode).end;
      return { type: 'call', callee: id, args, span: { start: id.span.start, end: Math.max(end, id.span.end) } };
    }
    return { type: 'ident', name: id.text, span: id.span };
  }
  return undefined;
}

function toList(n: CstNode): Value {
  const items: ListItem[] = [];
  for (const itemNode of (n.children.listItem ?? []) as CstNode[]) {
    const ic = itemNode.children as Record<string, CstNode[] | undefined>;
    const value = ic.value?.[0] ? toValue(ic.value[0]) : undefined;
    if (!value) continue;
    const weight = ic.weight?.[0] ? toValue(ic.weight[0]) : undefined;
    const item: ListItem = { value, span: { start: value.span.start, end: (weight ?? value).span.end } };
    if (weight) item.weight = weight;
    items.push(item);
  }
  return { type: 'list', items, span: nodeSpan(n) };
}

/** The escapes a string may hold (docs/language.md): anything else after `\\` is reported by `parse`. */
const ESCAPES: ReadonlyMap<string, string> = new Map([['"', '"'], ['\\', '\\'], ['n', '\n'], ['t', '\t'], ['r', '\r']]);

function unescape(raw: string): string {
  // An unknown escape (already reported) keeps the character after the backslash.
  return raw.slice(1, -1).replace(/\\(.)/g, (_m, ch: string) => ESCAPES.get(ch) ?? ch);
}

/** One `syntax/unknown-escape` per escape of a string token that is not one of ESCAPES. */
function checkEscapes(tok: IToken, diagnostics: Diagnostic[]): void {
  if (!tok.image.includes('\\')) return;
  for (const m of tok.image.matchAll(/\\(.)/gsu)) {
    if (ESCAPES.has(m[1]!)) continue;
    const start = tok.startOffset + m.index!;
    diagnostics.push({
      rule: 'syntax/unknown-escape',
      severity: 'error',
      message: `\`${m[0]}\` is not an escape: a string knows \`\\"\`, \`\\\\\`, \`\\n\`, \`\\t\` and \`\\r\` (write \`\\\\\` for a backslash)`,
      span: { start, end: start + m[0].length },
      fixes: [{ title: 'Escape the backslash', edits: [{ span: { start, end: start + 1 }, newText: '\\\\' }] }],
    });
  }
}
