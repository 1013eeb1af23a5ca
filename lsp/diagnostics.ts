// Diagnostics: the core's Diagnostic → LSP. The user's per-rule severity overrides
// (`quorate.severity`: { "rule/id": "error" | "warning" | "info" | "hint" | "off" }) are applied
// by the linter itself, as `.quorate.json` severities are for `quorate lint`.

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
