// One file's findings, whatever it is: .cluster source or raw cluster.conf, through the same
// lintSource() as `quorate lint`. Used by the git hook.

import type { Severity } from '../diagnostics.ts';
import { lintSource } from '../lint.ts';
import { analyzeFenceVirtConf, looksLikeFenceVirtConf } from '../api.ts';
import { decodeSource } from '../text/decode.ts';
import type { FileDiagnostics } from './render.ts';

export function lintBytes(file: string, bytes: Uint8Array, severities?: Record<string, Severity | 'off'>): FileDiagnostics {
  const decoded = decodeSource(bytes);
  if (decoded.text === undefined || decoded.diagnostics.length > 0) return { file, ...(decoded.text !== undefined ? { text: decoded.text } : {}), diagnostics: decoded.diagnostics };
  if (looksLikeFenceVirtConf(file, decoded.text)) return { file, text: decoded.text, diagnostics: analyzeFenceVirtConf(decoded.text).diagnostics };
  return { file, text: decoded.text, diagnostics: lintSource(decoded.text, { fileName: file, ...(severities ? { severities } : {}) }).diagnostics };
}
