// Go-to-definition, find-references and rename: the core's symbol table (declarations and every
// resolved reference) translated to locations and edits. Rename refuses a name that is not an
// identifier or that another declaration of the same namespace already uses.

import type { DefinitionParams, Location, PrepareRenameParams, Range, ReferenceParams, RenameParams, TextEdit, WorkspaceEdit } from 'vscode-languageserver/node';
import { ResponseError, ErrorCodes } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { referencesTo, symbolAt, type ClusterSymbol } from '../compiler/api.ts';
import { toRange } from './convert.ts';
import { analysisOf } from './documents.ts';

function symbolUnder(doc: TextDocument, position: { line: number; character: number }) {
  const state = analysisOf(doc);
  if (!state.analysis) return undefined;
  const hit = symbolAt(state.analysis.symbols, doc.offsetAt(position));
  return hit ? { ...hit, table: state.analysis.symbols } : undefined;
}

export function definition(doc: TextDocument, params: DefinitionParams): Location | null {
  const hit = symbolUnder(doc, params.position);
  return hit ? { uri: doc.uri, range: toRange(doc, hit.symbol.nameSpan) } : null;
}

export function references(doc: TextDocument, params: ReferenceParams): Location[] {
  const hit = symbolUnder(doc, params.position);
  if (!hit) return [];
  const spans = referencesTo(hit.table, hit.symbol).map((r) => r.span);
  if (params.context.includeDeclaration) spans.unshift(hit.symbol.nameSpan);
  return spans.map((s) => ({ uri: doc.uri, range: toRange(doc, s) }));
}

export function prepareRename(doc: TextDocument, params: PrepareRenameParams): { range: Range; placeholder: string } | null {
  const hit = symbolUnder(doc, params.position);
  return hit ? { range: toRange(doc, hit.span), placeholder: hit.symbol.name } : null;
}

/** Services and vms share one namespace (`depend` names either); methods are per node. */
const namespace = (s: ClusterSymbol) => (s.kind === 'vm' ? 'service' : s.kind) + (s.kind === 'method' ? `:${s.parent?.name ?? ''}` : '');

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_.\-]*$/;

export function rename(doc: TextDocument, params: RenameParams): WorkspaceEdit {
  const hit = symbolUnder(doc, params.position);
  if (!hit) throw new ResponseError(ErrorCodes.InvalidRequest, 'nothing to rename here: put the cursor on a declared name or a use of one');
  const newName = params.newName;
  if (!IDENTIFIER.test(newName)) throw new ResponseError(ErrorCodes.InvalidParams, `\`${newName}\` is not a valid name (letters, digits, _ . -; starting with a letter or _)`);
  const target = hit.symbol;
  if (newName === target.name) return { changes: { [doc.uri]: [] } };
  const clash = hit.table.symbols.find((s) => s !== target && s.name === newName && namespace(s) === namespace(target));
  if (clash) {
    const at = doc.positionAt(clash.nameSpan.start);
    throw new ResponseError(ErrorCodes.InvalidParams, `cannot rename \`${target.name}\` to \`${newName}\`: a ${clash.kind.replace('_', ' ')} of that name is already declared at line ${at.line + 1}`);
  }
  const edits: TextEdit[] = [target.nameSpan, ...referencesTo(hit.table, target).map((r) => r.span)].map((s) => ({ range: toRange(doc, s), newText: newName }));
  return { changes: { [doc.uri]: edits } };
}
