// A string value as a .cluster string literal: the escapes the lexer reads back (grammar/lexer.ts
// takes `\` before any character), so the literal always parses to the same value.

export function quoteString(s: string): string {
  return '"' + s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\t/g, '\\t').replace(/\r/g, '\\r') + '"';
}
