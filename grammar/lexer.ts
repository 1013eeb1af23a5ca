// Tokens of the .cluster language. Comments go to their own group so the formatter and the
// language server can put them back; whitespace (newlines included) is skipped.

import { createToken, Lexer, type TokenType } from 'chevrotain';

export const WhiteSpace = createToken({ name: 'WhiteSpace', pattern: /[ \t\r\n\f\v\u00a0\ufeff]+/, group: Lexer.SKIPPED });
export const Comment = createToken({ name: 'Comment', pattern: /#[^\r\n]*/, group: 'comments' });
export const LCurly = createToken({ name: 'LCurly', pattern: '{', label: "'{'" });
export const RCurly = createToken({ name: 'RCurly', pattern: '}', label: "'}'" });
export const LBracket = createToken({ name: 'LBracket', pattern: '[', label: "'['" });
export const RBracket = createToken({ name: 'RBracket', pattern: ']', label: "']'" });
export const LParen = createToken({ name: 'LParen', pattern: '(', label: "'('" });
export const RParen = createToken({ name: 'RParen', pattern: ')', label: "')'" });
export const Comma = createToken({ name: 'Comma', pattern: ',', label: "','" });
export const Colon = createToken({ name: 'Colon', pattern: ':', label: "':'" });
export const Semicolon = createToken({ name: 'Semicolon', pattern: ';', label: "';'" });
export const Equals = createToken({ name: 'Equals', pattern: '=', label: "'='" });
export const StringLiteral = createToken({ name: 'StringLiteral', pattern: /"(?:[^"\\\r\n]|\\.)*"/, label: 'string' });
/** A string whose closing quote is missing on its line: lexed so we can say exactly that. */
export const UnterminatedString = createToken({ name: 'UnterminatedString', pattern: /"(?:[^"\\\r\n]|\\.)*/, label: 'unterminated string' });
/** Integers, durations (`10s`, `1h30m`), and anything else that starts with a digit: the checker classifies it. */
export const NumberLike = createToken({ name: 'NumberLike', pattern: /-?[0-9][A-Za-z0-9_.]*/, label: 'number' });
export const Identifier = createToken({ name: 'Identifier', pattern: /[A-Za-z_][A-Za-z0-9_.\-]*/, label: 'name' });

export const allTokens: TokenType[] = [
  WhiteSpace,
  Comment,
  LCurly,
  RCurly,
  LBracket,
  RBracket,
  LParen,
  RParen,
  Comma,
  Colon,
  Semicolon,
  Equals,
  StringLiteral,
  UnterminatedString,
  NumberLike,
  Identifier,
];

// Built once: lexer construction analyses every pattern and is not free.
export const clusterLexer = new Lexer(allTokens, { ensureOptimizations: true, positionTracking: 'full' });
