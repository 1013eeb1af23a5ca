// The formatter's entry: text in, canonical text out, through prettier's standalone core and our
// plugin. Pure (no I/O). A file with syntax errors is never formatted: the result then has no
// text, only the syntax diagnostics. The CLI (`quorate fmt`), the language server and the
// importer call this.

import { format } from 'prettier/standalone';
import { parse } from '../../grammar/parser.ts';
import { type Diagnostic, hasErrors } from '../diagnostics.ts';
import { decodeSource } from '../text/decode.ts';
import { DEFAULT_PRINT_WIDTH, parseOnce, plugin } from './plugin.ts';
import { sameContent } from './shape.ts';

export { DEFAULT_PRINT_WIDTH, plugin } from './plugin.ts';
export { commentTexts, sameContent, syntaxShape } from './shape.ts';

export interface FormatOptions {
  /** Default 120, the house style. */
  printWidth?: number;
}

export interface FormatResult {
  /** The formatted text; absent when the input has errors (it is then left alone). */
  text?: string;
  diagnostics: Diagnostic[];
}

export async function formatText(text: string, options: FormatOptions = {}): Promise<FormatResult> {
  const before = parseOnce(text);
  if (hasErrors(before.diagnostics)) return { diagnostics: before.diagnostics };
  let out: string;
  try {
    out = await format(text, { parser: 'quorate', plugins: [plugin], printWidth: options.printWidth ?? DEFAULT_PRINT_WIDTH });
  } catch (e) {
    return { diagnostics: [internal(`the formatter failed: ${(e as Error).message}`)] };
  }
  // Belt and braces: a layout change must never change what the file says.
  const after = parse(out);
  if (hasErrors(after.diagnostics) || !sameContent(before.file, after.file)) {
    return { diagnostics: [internal('formatting would change the meaning or comments of this file; it was left as it is')] };
  }
  return { text: out, diagnostics: before.diagnostics };
}

/** Bytes as read from disk: undecodable input gets its diagnostics and is not formatted. */
export async function formatBytes(bytes: Uint8Array, options: FormatOptions = {}): Promise<FormatResult & { source?: string }> {
  const decoded = decodeSource(bytes);
  if (decoded.diagnostics.length > 0 || decoded.text === undefined) {
    return { diagnostics: decoded.diagnostics, ...(decoded.text !== undefined ? { source: decoded.text } : {}) };
  }
  return { ...(await formatText(decoded.text, options)), source: decoded.text };
}

function internal(message: string): Diagnostic {
  return { rule: 'format/internal-error', severity: 'error', message: `${message} (a bug in Quorate: please report it)`, span: { start: 0, end: 0 } };
}

// A syntax tree built in code (the importer's) printed through the same printer.
export { emptyPlacement, type Placement, printEntryFlat, printSourceFile, quoteString } from './tree.ts';
