// A .cluster source analysed: parsed, then lowered (bound, type-checked) to the model. Every
// shell reads a source through this one function, directly or through compiler/api.ts.

import { parse } from '../grammar/parser.ts';
import type { SourceFile } from '../grammar/syntax.ts';
import { byPosition, type Diagnostic } from './diagnostics.ts';
import { lower } from './lower/lower.ts';
import type { SymbolTable } from './lower/symbols.ts';
import type { SecretHost } from './lower/values.ts';
import type { ConfElement } from './model/conf.ts';
import type { FenceVirtModel } from './fence-virt/model.ts';

export interface AnalyzeOptions {
  /** Reads env("…")/file("…") secrets; absent = secrets are checked, not read (the editor). */
  secrets?: SecretHost;
  /** Used when the source has no config_version (`quorate plan --bump`). */
  defaultConfigVersion?: number;
}

export interface Analysis {
  text: string;
  syntax: SourceFile;
  cluster?: ConfElement;
  /** The `fence_virtd { }` block, compiled to fence_virt.conf. */
  fenceVirt?: FenceVirtModel;
  symbols: SymbolTable;
  /** Sorted by position. */
  diagnostics: Diagnostic[];
}

export function analyze(text: string, options: AnalyzeOptions = {}): Analysis {
  const parsed = parse(text);
  const lowered = lower(parsed.file, options);
  const diagnostics = [...parsed.diagnostics, ...lowered.diagnostics].sort(byPosition);
  return { text, syntax: parsed.file, ...(lowered.cluster ? { cluster: lowered.cluster } : {}), ...(lowered.fenceVirt ? { fenceVirt: lowered.fenceVirt } : {}), symbols: lowered.symbols, diagnostics };
}
