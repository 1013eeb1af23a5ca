// Bytes → text, without exceptions: binary junk and bad UTF-8 become diagnostics with a position.

import type { Diagnostic } from '../diagnostics.ts';

export interface Decoded {
  /** Absent when the bytes are not text at all. */
  text?: string;
  diagnostics: Diagnostic[];
}

export function decodeSource(bytes: Uint8Array): Decoded {
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    const before = new TextDecoder('utf-8').decode(bytes.subarray(0, nul));
    return {
      diagnostics: [
        {
          rule: 'input/binary',
          severity: 'error',
          message: `this is a binary file, not text (NUL byte at byte ${nul})`,
          span: { start: before.length, end: before.length + 1 },
        },
      ],
      text: before,
    };
  }
  try {
    let text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    if (text.charCodeAt(0) === 0xfeff) text = ' ' + text.slice(1); // keep offsets; a BOM is whitespace
    return { text, diagnostics: [] };
  } catch {
    // Find the first byte that does not decode, and report it where the editor would show it.
    let lo = 0;
    let hi = bytes.length;
    const ok = (n: number) => {
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, n));
        return true;
      } catch {
        return false;
      }
    };
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (ok(mid)) lo = mid;
      else hi = mid - 1;
    }
    // lo bytes decode; back off to a character boundary so the prefix is clean.
    let cut = lo;
    while (cut > 0 && (bytes[cut] & 0xc0) === 0x80) cut--;
    const prefix = new TextDecoder('utf-8').decode(bytes.subarray(0, cut));
    const text = new TextDecoder('utf-8').decode(bytes);
    return {
      text,
      diagnostics: [
        {
          rule: 'input/not-utf8',
          severity: 'error',
          message: `the file is not valid UTF-8 (byte 0x${bytes[cut].toString(16).padStart(2, '0')} at byte offset ${cut}); save it as UTF-8`,
          span: { start: prefix.length, end: prefix.length + 1 },
        },
      ],
    };
  }
}
