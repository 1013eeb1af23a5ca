// The prettier plugin for .cluster files: language, parser (our own grammar/parser.ts) and
// printer (prettier's doc builders). It imports only `prettier/doc`, never `prettier` itself, so
// it bundles into CommonJS for the CLI, the language server and `npx prettier --plugin`
// (scripts/build.mjs writes dist/prettier-plugin-quorate.cjs).

import type { Plugin, SupportLanguage } from 'prettier';
import { parse, type ParseResult } from '../../grammar/parser.ts';
import { LineIndex } from '../text/line-index.ts';
import { buildLayout, type LayoutFile } from './layout.ts';
import { printFile } from './print.ts';

/** The house style's line length: the examples were written to it. */
export const DEFAULT_PRINT_WIDTH = 120;

export const languages: SupportLanguage[] = [
  { name: 'Quorate', parsers: ['quorate'], extensions: ['.cluster'], vscodeLanguageIds: ['quorate'] },
];

/** A syntax error as prettier reports it (with `loc`, so its CLI shows a code frame). */
class QuorateSyntaxError extends SyntaxError {
  loc: { start: { line: number; column: number } };
  constructor(message: string, line: number, column: number) {
    super(`${message} (${line}:${column})`);
    this.loc = { start: { line, column } };
  }
}

let lastParse: { text: string; result: ParseResult } | undefined;

/** parse(), remembering the last text: formatText parses first and prettier then asks again. */
export function parseOnce(text: string): ParseResult {
  if (lastParse?.text !== text) lastParse = { text, result: parse(text) };
  return lastParse.result;
}

function parseForPrettier(text: string): LayoutFile {
  const parsed = parseOnce(text);
  const error = parsed.diagnostics.find((d) => d.severity === 'error');
  if (error) {
    const at = new LineIndex(text).position(error.span.start);
    throw new QuorateSyntaxError(`${error.rule}: ${error.message}`, at.line, at.column);
  }
  return buildLayout(parsed.file, text);
}

type Node = { span: { start: number; end: number } };

export const parsers: Plugin<Node>['parsers'] = {
  quorate: {
    parse: (text) => parseForPrettier(text),
    astFormat: 'quorate',
    locStart: (node) => node.span.start,
    locEnd: (node) => node.span.end,
  },
};

export const printers: Plugin<Node>['printers'] = {
  quorate: {
    print: (path) => printFile(path.node as unknown as LayoutFile),
  },
};

export const defaultOptions: Plugin['defaultOptions'] = { printWidth: DEFAULT_PRINT_WIDTH, tabWidth: 2 };

export const plugin: Plugin<Node> = { languages, parsers, printers, defaultOptions };
export default plugin;
