// The one Diagnostic type. Every phase (lexer, parser, lowering, rules) produces these; every
// shell (CLI text/JSON, language server) renders them. Spans are UTF-16 offsets into the text
// that was analysed, the same unit chevrotain and LSP use, so no conversion happens in between.

export type Severity = 'error' | 'warning' | 'info' | 'hint';

export interface Span {
  start: number;
  /** Exclusive. */
  end: number;
}

export interface TextEdit {
  span: Span;
  newText: string;
}

export interface Fix {
  title: string;
  edits: TextEdit[];
}

export interface RelatedInformation {
  span: Span;
  message: string;
  /** Another file than the diagnostic's own (cross-file checks); absent = same file. */
  file?: string;
}

export interface Diagnostic {
  /** Stable rule id, e.g. "syntax/unexpected-token", "resource/unknown-parameter". */
  rule: string;
  severity: Severity;
  message: string;
  span: Span;
  related?: RelatedInformation[];
  fixes?: Fix[];
}

export function diag(rule: string, severity: Severity, message: string, span: Span, extra?: Partial<Diagnostic>): Diagnostic {
  return { rule, severity, message, span, ...extra };
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

export function byPosition(a: Diagnostic, b: Diagnostic): number {
  return a.span.start - b.span.start || a.span.end - b.span.end || a.rule.localeCompare(b.rule);
}
