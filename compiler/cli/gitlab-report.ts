// `quorate lint --format gitlab`: GitLab's Code Quality report (a Code Climate JSON subset), so
// findings show in merge requests. Fingerprints are stable across runs for the same finding.

import { createHash } from 'node:crypto';
import { LineIndex } from '../api.ts';
import type { FileDiagnostics } from './render.ts';

const SEVERITY = { error: 'major', warning: 'minor', info: 'info', hint: 'info' } as const;

export function lintGitlab(files: FileDiagnostics[]): object[] {
  const out: object[] = [];
  for (const f of files) {
    const index = new LineIndex(f.text ?? '');
    for (const d of f.diagnostics) {
      const start = index.position(d.span.start);
      const end = index.position(d.span.end);
      out.push({
        description: d.message,
        check_name: d.rule,
        fingerprint: createHash('sha256').update(`${f.file}\0${d.rule}\0${start.line}\0${d.message}`).digest('hex').slice(0, 32),
        severity: SEVERITY[d.severity],
        location: { path: f.file, lines: { begin: start.line, end: end.line } },
      });
    }
  }
  return out;
}
