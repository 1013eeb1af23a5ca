// Inline suppressions: `# quorate-ignore RULE -- reason` in .cluster files and
// `<!-- quorate-ignore RULE -- reason -->` in raw cluster.conf. A suppression on a line of its
// own applies to the next line with content; at the end of a line, to that line. A reason is
// required; errors that make cman refuse to start cannot be suppressed; unused suppressions are
// reported, so stale ones do not pile up.

import type { Diagnostic, Span } from '../diagnostics.ts';
import { LineIndex } from '../text/line-index.ts';
import { findRule } from './registry.ts';

export interface Suppression {
  rule: string;
  reason: string | undefined;
  span: Span;
  /** 1-based line the suppression applies to. */
  line: number;
}

const CLUSTER = /#\s*quorate-ignore\b[ \t]*([^\s]*)(?:[ \t]+--[ \t]*(.*?))?[ \t]*$/;
const XML = /<!--\s*quorate-ignore\b\s*([^\s]*?)(?:\s+--\s*([\s\S]*?))?\s*-->/g;

export function findSuppressions(text: string, kind: 'cluster' | 'xml'): Suppression[] {
  const index = new LineIndex(text);
  const lines = text.split(/\r\n|\n|\r/);
  const starts = lines.map((_, i) => index.offset(i + 1, 1));
  const out: Suppression[] = [];
  const target = (lineNo: number, before: string, isComment: (l: string) => boolean) => {
    if (before.trim() !== '') return lineNo;
    for (let l = lineNo + 1; l <= lines.length; l++) {
      const t = lines[l - 1]!;
      if (t.trim() !== '' && !isComment(t)) return l;
    }
    return lineNo;
  };
  if (kind === 'cluster') {
    lines.forEach((line, i) => {
      const hash = commentStart(line);
      if (hash < 0) return;
      const m = CLUSTER.exec(line.slice(hash));
      if (!m) return;
      const start = starts[i]! + hash;
      out.push({ rule: m[1]!, reason: m[2]?.trim() || undefined, span: { start, end: starts[i]! + line.length }, line: target(i + 1, line.slice(0, hash), (l) => l.trim().startsWith('#')) });
    });
  } else {
    for (const m of text.matchAll(XML)) {
      const start = m.index!;
      const pos = index.position(start);
      const lineText = lines[pos.line - 1] ?? '';
      out.push({ rule: m[1]!, reason: m[2]?.trim() || undefined, span: { start, end: start + m[0].length }, line: target(pos.line, lineText.slice(0, pos.column - 1), (l) => /^\s*<!--.*-->\s*$/.test(l)) });
    }
  }
  return out;
}

/** Where a `#` comment starts on a .cluster line, outside double-quoted strings; -1 if none. */
function commentStart(line: string): number {
  let inString = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '#') return i;
  }
  return -1;
}

/** Drops suppressed diagnostics; adds lint/suppression and lint/unused-suppression findings. */
export function applySuppressions(text: string, kind: 'cluster' | 'xml', diagnostics: Diagnostic[]): Diagnostic[] {
  const sups = findSuppressions(text, kind);
  if (sups.length === 0) return diagnostics;
  const index = new LineIndex(text);
  const used = new Set<Suppression>();
  const valid: Suppression[] = [];
  const extra: Diagnostic[] = [];
  for (const s of sups) {
    const rule = findRule(s.rule);
    if (!s.rule) extra.push({ rule: 'lint/suppression', severity: 'error', message: 'quorate-ignore needs a rule id: `quorate-ignore RULE -- reason`', span: s.span });
    else if (!rule) extra.push({ rule: 'lint/suppression', severity: 'error', message: `\`${s.rule}\` is not a rule id (see \`quorate rules\`)`, span: s.span });
    else if (!s.reason) extra.push({ rule: 'lint/suppression', severity: 'error', message: `suppressing ${s.rule} needs a reason: \`quorate-ignore ${s.rule} -- why it is fine here\``, span: s.span });
    else valid.push(s);
  }
  const kept: Diagnostic[] = [];
  for (const d of diagnostics) {
    const line = index.position(d.span.start).line;
    const s = valid.find((x) => x.rule === d.rule && x.line === line);
    if (!s) {
      kept.push(d);
      continue;
    }
    if (findRule(d.rule)?.refusesStart && d.severity === 'error') {
      used.add(s);
      kept.push(d);
      extra.push({ rule: 'lint/suppression', severity: 'error', message: `${d.rule} cannot be suppressed: with this error cman (or corosync) refuses to start`, span: s.span });
      continue;
    }
    used.add(s);
  }
  for (const s of valid) if (!used.has(s)) extra.push({ rule: 'lint/unused-suppression', severity: 'warning', message: `nothing to suppress: ${s.rule} reports nothing on line ${s.line}; remove this quorate-ignore`, span: s.span });
  return [...kept, ...extra];
}
