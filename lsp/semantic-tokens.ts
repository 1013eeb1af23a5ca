// Semantic tokens from the syntax tree and the symbol table: block kinds are keywords, agent
// names types, attribute names properties, declared names variables (with `declaration`), names
// that resolve to a declaration variables, other identifiers enum members.

import type { SemanticTokens, SemanticTokensLegend } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { fenceAgent, isAttribute, resourceAgent, type Span } from '../compiler/api.ts';
import type { Entry, Value } from '../grammar/syntax.ts';
import { analysisOf } from './documents.ts';

const TYPES = ['keyword', 'type', 'property', 'variable', 'string', 'number', 'enumMember', 'function', 'comment'] as const;
type TokenType = (typeof TYPES)[number];
const MODIFIERS = ['declaration'] as const;

export const legend: SemanticTokensLegend = { tokenTypes: [...TYPES], tokenModifiers: [...MODIFIERS] };

export function semanticTokens(doc: TextDocument): SemanticTokens {
  const state = analysisOf(doc);
  if (!state.analysis) return { data: [] };
  const { syntax, symbols } = state.analysis;
  const refs = new Set(symbols.references.map((r) => `${r.span.start}:${r.span.end}`));
  const decls = new Set(symbols.symbols.map((s) => `${s.nameSpan.start}:${s.nameSpan.end}`));
  const tokens: { span: Span; type: TokenType; decl?: boolean }[] = [];

  const value = (v: Value): void => {
    switch (v.type) {
      case 'string': tokens.push({ span: v.span, type: 'string' }); break;
      case 'number': tokens.push({ span: v.span, type: 'number' }); break;
      case 'ident': tokens.push({ span: v.span, type: refs.has(`${v.span.start}:${v.span.end}`) ? 'variable' : 'enumMember' }); break;
      case 'list': for (const i of v.items) { value(i.value); if (i.weight) value(i.weight); } break;
      case 'call': tokens.push({ span: v.callee.span, type: 'function' }); v.args.forEach(value); break;
    }
  };
  const entry = (e: Entry): void => {
    const attribute = isAttribute(e) || e.incomplete;
    const agentKind = !attribute && e.name !== undefined && resourceAgent(e.kind.text) !== undefined;
    tokens.push({ span: e.kind.span, type: attribute ? 'property' : agentKind ? 'type' : 'keyword' });
    if (e.name) {
      const key = `${e.name.span.start}:${e.name.span.end}`;
      tokens.push({ span: e.name.span, type: 'variable', decl: decls.has(key) });
    }
    if (e.typeName) tokens.push({ span: e.typeName.span, type: fenceAgent(e.typeName.text) ? 'type' : 'variable' });
    if (e.value) value(e.value);
    for (const c of e.body?.entries ?? []) entry(c);
  };
  syntax.entries.forEach(entry);
  for (const c of syntax.comments) tokens.push({ span: c.span, type: 'comment' });
  tokens.sort((a, b) => a.span.start - b.span.start);

  const data: number[] = [];
  let prevLine = 0;
  let prevChar = 0;
  for (const t of tokens) {
    const start = doc.positionAt(t.span.start);
    const end = doc.positionAt(t.span.end);
    if (end.line !== start.line || t.span.end <= t.span.start) continue; // LSP tokens are single-line
    data.push(start.line - prevLine, start.line === prevLine ? start.character - prevChar : start.character, end.character - start.character, TYPES.indexOf(t.type), t.decl ? 1 : 0);
    prevLine = start.line;
    prevChar = start.character;
  }
  return { data };
}
