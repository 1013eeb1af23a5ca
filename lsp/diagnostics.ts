// Diagnostics: the core's Diagnostic → LSP, with the user's per-rule severity overrides
// (`quorate.severity`: { "rule/id": "error" | "warning" | "info" | "hint" | "off" }).

import type { Diagnostic as LspDiagnostic } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic, Severity } from '../compiler/diagnostics.ts';
import { SEVERITY, toRange } from './convert.ts';

export type SeverityOverrides = Record<string, Severity | 'off'>;

export function toLspDiagnostic(doc: TextDocument, d: Diagnostic, severity: Severity = d.severity): LspDiagnostic {
  return {
    range: toRange(doc, d.span),
    severity: SEVERITY[severity],
    code: d.rule,
    source: 'quorate',
    message: d.message,
    ...(d.related && d.related.length > 0
      ? { relatedInformation: d.related.filter((r) => !r.file).map((r) => ({ location: { uri: doc.uri, range: toRange(doc, r.span) }, message: r.message })) }
      : {}),
  };
}

export function publishable(doc: TextDocument, diagnostics: readonly Diagnostic[], overrides: SeverityOverrides): LspDiagnostic[] {
  const out: LspDiagnostic[] = [];
  for (const d of diagnostics) {
    const o = overrides[d.rule];
    if (o === 'off') continue;
    out.push(toLspDiagnostic(doc, d, o && o in SEVERITY ? o : d.severity));
  }
  return out;
}
