// One file's findings, whatever it is: .cluster source, raw cluster.conf or fence_virt.conf,
// through the same lintSource() as `quorate lint`. Used by the git hook.

import { decodeSource, lintSource, type Severity } from '../api.ts';
import type { FileDiagnostics } from './render.ts';

export function lintBytes(file: string, bytes: Uint8Array, severities?: Record<string, Severity | 'off'>): FileDiagnostics {
  const decoded = decodeSource(bytes);
  if (decoded.text === undefined || decoded.diagnostics.length > 0) return { file, ...(decoded.text !== undefined ? { text: decoded.text } : {}), diagnostics: decoded.diagnostics };
  return { file, text: decoded.text, diagnostics: lintSource(decoded.text, { fileName: file, ...(severities ? { severities } : {}) }).diagnostics };
}
