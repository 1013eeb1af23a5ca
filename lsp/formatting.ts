// Formatting through the formatter (compiler/format: prettier standalone with our plugin): one
// edit replacing the whole document, none when it is already formatted. A document with syntax
// errors is left alone (the formatter refuses it; its diagnostics are already shown), and so is
// one over the formatting size bound (lsp/limits.ts), with a log line saying why.

import type { DocumentFormattingParams, TextEdit } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { formatText } from '../compiler/api.ts';
import { analysisOf } from './documents.ts';
import { notFormattedReason } from './limits.ts';

export async function formatting(doc: TextDocument, _params: DocumentFormattingParams, log: (line: string) => void = () => {}): Promise<TextEdit[] | null> {
  const text = doc.getText();
  const tooLarge = notFormattedReason(text.length);
  if (tooLarge) {
    log(tooLarge);
    return null;
  }
  if (analysisOf(doc).kind !== 'cluster') return null;
  const result = await formatText(text);
  if (result.text === undefined || result.text === text) return [];
  return [{ range: { start: { line: 0, character: 0 }, end: doc.positionAt(text.length) }, newText: result.text }];
}
