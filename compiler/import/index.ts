// Raw cluster.conf in, the same model the language produces out: the positional XML reader and
// the schema check, for `quorate check`/`lint` on XML files, the editor and `quorate import`.
// Pure (no I/O); never throws.

import { byPosition, type Diagnostic } from '../diagnostics.ts';
import type { ConfElement } from '../model/conf.ts';
import { decodeSource } from '../text/decode.ts';
import { readClusterConf } from './read-xml.ts';
import { validateSchema } from './schema.ts';

export { readClusterConf } from './read-xml.ts';
export { validateSchema } from './schema.ts';

export interface ClusterConfAnalysis {
  root?: ConfElement;
  /** Malformed XML and schema findings, sorted by position. */
  diagnostics: Diagnostic[];
}

/** Reads a raw cluster.conf and checks it against the cluster.conf schema. */
export function analyzeClusterConf(text: string): ClusterConfAnalysis {
  const read = readClusterConf(text);
  const diagnostics = [...read.diagnostics];
  if (read.root) diagnostics.push(...validateSchema(read.root));
  diagnostics.sort(byPosition);
  return { ...(read.root ? { root: read.root } : {}), diagnostics };
}

/** Bytes as read from disk (bad encodings become diagnostics), then `analyzeClusterConf`. */
export function analyzeClusterConfBytes(bytes: Uint8Array): ClusterConfAnalysis & { text?: string } {
  const decoded = decodeSource(bytes);
  if (decoded.diagnostics.length > 0 || decoded.text === undefined) return { diagnostics: decoded.diagnostics, ...(decoded.text !== undefined ? { text: decoded.text } : {}) };
  return { ...analyzeClusterConf(decoded.text), text: decoded.text };
}
