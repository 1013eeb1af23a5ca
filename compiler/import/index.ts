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

/**
 * Whether a file is raw cluster.conf XML rather than .cluster source: content that starts with
 * '<' (after white space or a byte-order mark), or a `.conf` / `.xml` name (so a broken
 * cluster.conf gets XML diagnostics, not .cluster syntax errors). Callers test for
 * fence_virt.conf first.
 */
export function looksLikeXml(text: string, fileName?: string): boolean {
  const t = text.replace(/^\uFEFF/, '').trimStart();
  if (t.startsWith('<')) return true;
  return !!fileName && /\.(conf|xml)$/i.test(fileName);
}

/** Bytes as read from disk (bad encodings become diagnostics), then `analyzeClusterConf`. */
export function analyzeClusterConfBytes(bytes: Uint8Array): ClusterConfAnalysis & { text?: string } {
  const decoded = decodeSource(bytes);
  if (decoded.diagnostics.length > 0 || decoded.text === undefined) return { diagnostics: decoded.diagnostics, ...(decoded.text !== undefined ? { text: decoded.text } : {}) };
  return { ...analyzeClusterConf(decoded.text), text: decoded.text };
}

/** `looksLikeXml` on bytes: the first non-blank character, then the file name. */
export function looksLikeClusterConf(bytes: Uint8Array, fileName?: string): boolean {
  const head = new TextDecoder('utf-8').decode(bytes.subarray(0, 4096));
  return looksLikeXml(head, fileName);
}
