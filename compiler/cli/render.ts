// Diagnostics as a compiler prints them (file:line:col, the source line, a caret) and as JSON
// for machines. Lines and columns are 1-based; columns count UTF-16 code units.

import type { Diagnostic } from '../diagnostics.ts';
import { LineIndex } from '../api.ts';

export interface FileDiagnostics {
  file: string;
  /** The text the spans point into (absent when the file could not be read at all). */
  text?: string;
  diagnostics: Diagnostic[];
}

const COLORS = { error: '\x1b[31;1m', warning: '\x1b[33;1m', info: '\x1b[36;1m', hint: '\x1b[2m', bold: '\x1b[1m', reset: '\x1b[0m' };

export function renderText(files: FileDiagnostics[], color = false): string {
  const out: string[] = [];
  const c = (k: keyof typeof COLORS, s: string) => (color ? COLORS[k] + s + COLORS.reset : s);
  for (const f of files) {
    const index = new LineIndex(f.text ?? '');
    for (const d of f.diagnostics) {
      const start = index.position(d.span.start);
      const end = index.position(d.span.end);
      out.push(`${c('bold', `${f.file}:${start.line}:${start.column}:`)} ${c(d.severity, d.severity)} ${d.rule}: ${d.message}`);
      if (f.text !== undefined) {
        const line = index.lineText(start.line);
        const width = end.line === start.line ? Math.max(1, end.column - start.column) : Math.max(1, line.length - start.column + 1);
        const excerpt = excerptWindow(line, start.column - 1, width);
        out.push(`  ${String(start.line).padStart(4)} | ${excerpt.text.replace(/\t/g, ' ')}`);
        out.push(`       | ${' '.repeat(excerpt.caretColumn)}${c(d.severity, '^' + '~'.repeat(Math.max(0, excerpt.caretWidth - 1)))}`);
      }
      for (const r of d.related ?? []) {
        const p = index.position(r.span.start);
        out.push(`  ${r.file ?? f.file}:${p.line}:${p.column}: note: ${r.message}`);
      }
    }
  }
  return out.join('\n') + (out.length ? '\n' : '');
}

/** The most columns of a source line an excerpt shows; a longer line is cut around the range. */
export const EXCERPT_COLUMNS = 120;
/** How many columns before the range a cut excerpt keeps, for context. */
const EXCERPT_CONTEXT = 40;

/**
 * The part of a line an excerpt shows, and where the caret goes in it. A line of at most
 * EXCERPT_COLUMNS is shown whole; a longer one is cut to that many columns around the range,
 * with an ellipsis where it was cut, so every excerpt is bounded however long the line (a
 * one-line file with thousands of findings would otherwise print the line for each of them).
 */
export function excerptWindow(line: string, column: number, width: number): { text: string; caretColumn: number; caretWidth: number } {
  if (line.length <= EXCERPT_COLUMNS) return { text: line, caretColumn: column, caretWidth: width };
  let from = Math.max(0, Math.min(column - EXCERPT_CONTEXT, line.length - EXCERPT_COLUMNS));
  let to = Math.min(line.length, from + EXCERPT_COLUMNS);
  // Never split a surrogate pair at either cut.
  if (from > 0 && isLowSurrogate(line.charCodeAt(from))) from--;
  if (to < line.length && isLowSurrogate(line.charCodeAt(to))) to++;
  const before = from > 0 ? '…' : '';
  const after = to < line.length ? '…' : '';
  const caretColumn = before.length + Math.max(0, column - from);
  const caretWidth = Math.max(1, Math.min(column + width, to) - Math.max(column, from));
  return { text: before + line.slice(from, to) + after, caretColumn, caretWidth };
}

const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

export function summary(files: FileDiagnostics[]): string {
  let errors = 0;
  let warnings = 0;
  for (const f of files) for (const d of f.diagnostics) d.severity === 'error' ? errors++ : d.severity === 'warning' ? warnings++ : 0;
  const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
  return `${plural(errors, 'error')}, ${plural(warnings, 'warning')}`;
}

export function toJson(files: FileDiagnostics[]): object {
  const diagnostics = [];
  for (const f of files) {
    const index = new LineIndex(f.text ?? '');
    const range = (s: { start: number; end: number }) => ({ start: index.position(s.start), end: index.position(s.end) });
    for (const d of f.diagnostics) {
      diagnostics.push({
        rule: d.rule,
        severity: d.severity,
        message: d.message,
        file: f.file,
        range: range(d.span),
        ...(d.related ? { related: d.related.map((r) => ({ message: r.message, file: r.file ?? f.file, range: range(r.span) })) } : {}),
        ...(d.fixes ? { fixes: d.fixes.map((x) => ({ title: x.title, edits: x.edits.map((e) => ({ range: range(e.span), newText: e.newText })) })) } : {}),
      });
    }
  }
  return { diagnostics };
}

/** Prints diagnostics in the chosen format: JSON always to stdout, text to `stream` with a summary. */
export function report(files: FileDiagnostics[], format: string, color: boolean, stream: NodeJS.WriteStream): void {
  if (format === 'json') {
    process.stdout.write(JSON.stringify(toJson(files), null, 2) + '\n');
    return;
  }
  const text = renderText(files, color);
  if (text) stream.write(text);
  const total = files.reduce((n, f) => n + f.diagnostics.length, 0);
  if (total > 0) stream.write(summary(files) + '\n');
}
