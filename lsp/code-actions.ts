// Code actions: the quick fixes the core attached to its diagnostics (did-you-mean renames,
// add `config_version`, `expected_votes`, ...), each as a WorkspaceEdit, plus "ignore this rule
// here" which writes a `# quorate-ignore RULE -- reason` comment (`<!-- quorate-ignore RULE:
// reason -->` in cluster.conf, where XML forbids `--`) above the line (the reason is required,
// so the comment asks for one).

import type { CodeAction, CodeActionParams, Diagnostic as LspDiagnostic } from 'vscode-languageserver/node';
import { CodeActionKind } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { canSuppress, suppressionComment } from '../compiler/api.ts';
import type { Diagnostic } from '../compiler/diagnostics.ts';
import { overlaps, toRange, toSpan } from './convert.ts';
import { analysisOf, lintOf } from './documents.ts';
import { toLspDiagnostic } from './diagnostics.ts';

export function codeActions(doc: TextDocument, params: CodeActionParams): CodeAction[] {
  const kind = analysisOf(doc).kind;
  const wanted = toSpan(doc, params.range);
  const only = params.context.only;
  if (only && !only.some((k) => k === CodeActionKind.QuickFix || k.startsWith(CodeActionKind.QuickFix + '.'))) return [];
  const out: CodeAction[] = [];
  const ignored = new Set<string>();
  for (const d of lintOf(doc)) {
    if (!overlaps(d.span, wanted)) continue;
    const lsp = toLspDiagnostic(doc, d);
    (d.fixes ?? []).forEach((fix, i) => {
      out.push({
        title: fix.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [lsp],
        ...(i === 0 ? { isPreferred: true } : {}),
        edit: { changes: { [doc.uri]: fix.edits.map((e) => ({ range: toRange(doc, e.span), newText: e.newText })) } },
      });
    });
    const key = `${d.rule}@${doc.positionAt(d.span.start).line}`;
    // fence_virtd reads no quorate-ignore comments: a fence_virt.conf gets only the core's fixes.
    // Elsewhere ignore is offered only where the comment would work: writing one for a language
    // diagnostic (config/unknown-attribute) or a start-refusing error only adds a lint/suppression error.
    if (kind !== 'fence-virt-conf' && canSuppress(d) && !ignored.has(key)) {
      ignored.add(key);
      out.push(ignoreAction(doc, d, lsp, kind === 'cluster' ? 'cluster' : 'xml'));
    }
  }
  return out;
}

const REASON = 'REASON: say why this is safe';

function ignoreAction(doc: TextDocument, d: Diagnostic, lsp: LspDiagnostic, kind: 'cluster' | 'xml'): CodeAction {
  const line = doc.positionAt(d.span.start).line;
  const text = doc.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } });
  const indent = /^[ \t]*/.exec(text)![0];
  return {
    title: `Ignore ${d.rule} here (with a reason)`,
    kind: CodeActionKind.QuickFix,
    diagnostics: [lsp],
    edit: { changes: { [doc.uri]: [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: `${indent}${suppressionComment(kind, d.rule, REASON)}\n` }] } },
  };
}
