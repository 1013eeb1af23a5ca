// The extension's commands ask the server for text to preview: the compiled cluster.conf
// (compileAnalysis of the document's one analysis: exactly what `quorate compile` writes, secrets
// aside) — or why there is none.

import type { TextDocument } from 'vscode-languageserver-textdocument';
import { compileAnalysis } from '../compiler/api.ts';
import { analysisOf } from './documents.ts';

export const COMPILED_CONF = 'quorate/compiledClusterConf';

export interface PreviewResult {
  /** The preview text; absent when there is nothing to show. */
  text?: string;
  /** Why there is no text: the errors as FILE:LINE:COL lines. */
  problems: string[];
}

export function compiledClusterConf(doc: TextDocument): PreviewResult {
  const state = analysisOf(doc);
  if (state.notAnalysed) return { problems: [state.notAnalysed] };
  const analysis = state.analysis;
  if (!analysis) return { problems: ['only a .cluster source compiles to cluster.conf'] };
  const result = compileAnalysis(analysis);
  const out = result.outputs.find((o) => o.name === 'cluster.conf');
  if (out) return { text: out.text, problems: [] };
  const problems = result.diagnostics.filter((d) => d.severity === 'error').map((d) => {
    const p = doc.positionAt(d.span.start);
    return `${p.line + 1}:${p.character + 1}: ${d.rule}: ${d.message}`;
  });
  return { problems: problems.length > 0 ? problems : ['this file has no `cluster` block to compile'] };
}
