// Inline suppressions: `# quorate-ignore RULE -- reason` in .cluster files and
// `<!-- quorate-ignore RULE: reason -->` in raw cluster.conf (XML forbids `--` inside a comment:
// libxml2, which cman reads cluster.conf with, rejects the file, so the XML form separates the
// reason with a colon; the older `<!-- quorate-ignore RULE -- reason -->` still suppresses, with a
// lint/suppression-form warning whose fix rewrites it). A suppression on a line of its
// own applies to the next line with content; at the end of a line, to that line. A reason is
// required; errors that make cman refuse to start cannot be suppressed; unused suppressions are
// reported, so stale ones do not pile up. The `#` comments of a .cluster file are the parser's
// (the syntax tree keeps them); only the XML comments of a cluster.conf are found here.

import type { Comment } from '../../grammar/syntax.ts';
import type { Diagnostic, Span } from '../diagnostics.ts';
import { LineIndex } from '../text/line-index.ts';
import { findRule } from './registry.ts';

export interface Suppression {
  rule: string;
  reason: string | undefined;
  span: Span;
  /** 1-based line the suppression applies to. */
  line: number;
  /** A cluster.conf suppression written with the `--` separator no XML parser accepts. */
  doubleHyphen?: true;
}

const CLUSTER = /#\s*quorate-ignore\b[ \t]*([^\s]*)(?:[ \t]+--[ \t]*(.*?))?[ \t]*$/;
// Rule ids hold no `:`, so the first colon ends the id. Group 2: the reason after `:`; group 3:
// the reason after the old `--`.
const XML = /<!--\s*quorate-ignore\b\s*([^\s:]*?)(?:\s*:\s*([\s\S]*?)|\s+--\s*([\s\S]*?))?\s*-->/g;

/** How a suppression with its reason is written in each kind of file. */
export function suppressionComment(kind: 'cluster' | 'xml', rule: string, reason: string): string {
  // A `--` left in the reason would make the comment malformed again.
  return kind === 'cluster' ? `# quorate-ignore ${rule} -- ${reason}` : `<!-- quorate-ignore ${rule}: ${reason.replace(/-{2,}/g, '-')} -->`;
}

/** `comments`: the parsed comments of a .cluster source, or 'xml' for a raw cluster.conf. */
export function findSuppressions(text: string, comments: readonly Comment[] | 'xml'): Suppression[] {
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
  if (comments !== 'xml') {
    for (const c of comments) {
      const m = CLUSTER.exec(c.text);
      if (!m) continue;
      const pos = index.position(c.span.start);
      const before = text.slice(starts[pos.line - 1]!, c.span.start);
      out.push({ rule: m[1]!, reason: m[2]?.trim() || undefined, span: { start: c.span.start, end: c.span.end }, line: target(pos.line, before, (l) => l.trim().startsWith('#')) });
    }
  } else {
    for (const m of text.matchAll(XML)) {
      const start = m.index!;
      const pos = index.position(start);
      const lineText = lines[pos.line - 1] ?? '';
      const oldForm = m[3] !== undefined;
      out.push({ rule: m[1]!, reason: (oldForm ? m[3] : m[2])?.trim() || undefined, span: { start, end: start + m[0].length }, line: target(pos.line, lineText.slice(0, pos.column - 1), (l) => /^\s*<!--.*-->\s*$/.test(l)), ...(oldForm ? { doubleHyphen: true as const } : {}) });
    }
  }
  return out;
}

/**
 * Whether a quorate-ignore comment can silence this diagnostic: only the rules' findings (the
 * language's own diagnostics, syntax, XML and schema errors are not rules, and a comment naming
 * one is itself an error), and not an error with which cman refuses to start.
 */
export function canSuppress(d: Pick<Diagnostic, 'rule' | 'severity'>): boolean {
  const rule = findRule(d.rule);
  return rule !== undefined && !(rule.refusesStart && d.severity === 'error');
}

/** Drops suppressed diagnostics; adds lint/suppression and lint/unused-suppression findings. */
export function applySuppressions(text: string, comments: readonly Comment[] | 'xml', diagnostics: Diagnostic[]): Diagnostic[] {
  const sups = findSuppressions(text, comments);
  if (sups.length === 0) return diagnostics;
  const index = new LineIndex(text);
  const used = new Set<Suppression>();
  const valid: Suppression[] = [];
  const extra: Diagnostic[] = [];
  const kind = comments === 'xml' ? 'xml' : 'cluster';
  for (const s of sups) {
    const rule = findRule(s.rule);
    if (!s.rule) extra.push({ rule: 'lint/suppression', severity: 'error', message: `quorate-ignore needs a rule id: \`${suppressionComment(kind, 'RULE', 'reason')}\``, span: s.span });
    else if (!rule) extra.push({ rule: 'lint/suppression', severity: 'error', message: `\`${s.rule}\` is not a rule id (see \`quorate rules\`)`, span: s.span });
    else if (!s.reason) extra.push({ rule: 'lint/suppression', severity: 'error', message: `suppressing ${s.rule} needs a reason: \`${suppressionComment(kind, s.rule, 'why it is fine here')}\``, span: s.span });
    else valid.push(s);
    if (s.doubleHyphen) {
      const rewritten = suppressionComment('xml', s.rule || 'RULE', s.reason ?? 'why it is fine here');
      extra.push({
        rule: 'lint/suppression-form', severity: 'warning', span: s.span,
        message: `'--' is not allowed inside an XML comment: cman (libxml2) cannot read this file; write \`${rewritten}\``,
        fixes: [{ title: 'Rewrite as an XML-safe quorate-ignore comment', edits: [{ span: s.span, newText: rewritten }] }],
      });
    }
  }
  const kept: Diagnostic[] = [];
  for (const d of diagnostics) {
    const line = index.position(d.span.start).line;
    const s = valid.find((x) => x.rule === d.rule && x.line === line);
    if (!s) {
      kept.push(d);
      continue;
    }
    if (!canSuppress(d)) {
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
