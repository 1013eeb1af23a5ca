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
          // The NUL is not part of the text: an empty span just after the text that decodes,
          // so the span lies inside the text as every span must.
          span: { start: before.length, end: before.length },
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
    // The strict decoder and this pass apply the same rules; the bound only keeps a disagreement from throwing.
    const cut = Math.min(firstInvalidUtf8Byte(bytes), bytes.length - 1);
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

/**
 * The offset of the first byte that starts no valid UTF-8 sequence (the lead byte of a truncated
 * or malformed sequence, or a stray continuation byte), by one linear pass with the rules the
 * fatal TextDecoder applies: no overlong forms, no surrogates, nothing above U+10FFFF. Whether a
 * prefix decodes is not monotonic in its length (a prefix that cuts a character fails, a longer
 * one passes), so a search over prefix lengths cannot find it.
 */
export function firstInvalidUtf8Byte(bytes: Uint8Array): number {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    let length: number;
    let low = 0x80; // the allowed range of the second byte, narrowed for the lead bytes that need it
    let high = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) length = 2;
    else if (b >= 0xe0 && b <= 0xef) {
      length = 3;
      if (b === 0xe0) low = 0xa0; // overlong
      if (b === 0xed) high = 0x9f; // surrogates
    } else if (b >= 0xf0 && b <= 0xf4) {
      length = 4;
      if (b === 0xf0) low = 0x90; // overlong
      if (b === 0xf4) high = 0x8f; // above U+10FFFF
    } else return i; // a continuation byte with no lead, 0xc0, 0xc1 or 0xf5..0xff
    if (i + length > n) return i;
    const second = bytes[i + 1];
    if (second < low || second > high) return i;
    for (let k = 2; k < length; k++) if ((bytes[i + k] & 0xc0) !== 0x80) return i;
    i += length;
  }
  return n;
}
