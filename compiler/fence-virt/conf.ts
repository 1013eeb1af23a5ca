// A positional reader for fence_virt.conf text, faithful to fence_virtd's flex/yacc grammar
// (../shared/design/fence-virt.md §1): only space and tab are whitespace, `#` comments, keys
// unquoted, values in double quotes with no escapes (newlines allowed), `;` after every
// assignment and never after `}`, at least one statement. Like the daemon it stops at the first
// syntax error — but says exactly where and what, at line:column. Never throws.
//
// `checkConf` then reads the tree the way the daemon does (case-insensitive names, the last key
// and the last block of a name win, unknown keys silently ignored) and reports what the daemon
// would refuse or silently get wrong.

import type { Diagnostic, Span } from '../diagnostics.ts';
import { suggest } from '../catalogue/index.ts';
import { decodeSource } from '../text/decode.ts';
import { checkDaemonValue, checkGroupMembers, checkPadding, checkSelection, findPlugin, noPlugin, type Selection } from './checks.ts';
import { BACKENDS, DAEMON_KEYS, type FvKey, GROUP_KEYS, keyOf, LISTENERS } from './spec.ts';

export interface ConfAssign {
  type: 'assign';
  key: string;
  keySpan: Span;
  value: string;
  /** The value between the quotes (quotes excluded). */
  valueSpan: Span;
  span: Span;
}

export interface ConfBlock {
  type: 'block';
  key: string;
  keySpan: Span;
  /** `group = "label" { ... }` */
  value?: string;
  valueSpan?: Span;
  children: ConfNode[];
  span: Span;
}

export type ConfNode = ConfAssign | ConfBlock;

export interface ConfFile {
  nodes: ConfNode[];
}

type TokKind = 'id' | 'value' | '{' | '}' | ';' | '=' | 'eof' | 'empty-value' | 'unterminated';
interface Tok {
  kind: TokKind;
  text: string;
  span: Span;
}

function lex(text: string): Tok[] {
  const toks: Tok[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i];
    if (c === ' ' || c === '\t' || c === '\n') {
      i++;
    } else if (c === '#') {
      while (i < n && text[i] !== '\n') i++;
    } else if (c === '{' || c === '}' || c === ';' || c === '=') {
      toks.push({ kind: c, text: c, span: { start: i, end: i + 1 } });
      i++;
    } else if (c === '"') {
      if (text[i + 1] === '"') {
        toks.push({ kind: 'empty-value', text: '""', span: { start: i, end: i + 2 } });
        i += 2;
        continue;
      }
      const close = text.indexOf('"', i + 1);
      if (close < 0) {
        toks.push({ kind: 'unterminated', text: text.slice(i), span: { start: i, end: n } });
        i = n;
        continue;
      }
      toks.push({ kind: 'value', text: text.slice(i + 1, close), span: { start: i, end: close + 1 } });
      i = close + 1;
    } else {
      const start = i;
      while (i < n && !' \t{};="\n'.includes(text[i])) i++;
      toks.push({ kind: 'id', text: text.slice(start, i), span: { start, end: i } });
    }
  }
  toks.push({ kind: 'eof', text: '', span: { start: n, end: n } });
  return toks;
}

class SyntaxError_ {
  constructor(readonly message: string, readonly span: Span) {}
}

export function parseConf(text: string): { file?: ConfFile; diagnostics: Diagnostic[] } {
  const toks = lex(text);
  let p = 0;
  const peek = () => toks[p];
  const next = () => toks[Math.min(p++, toks.length - 1)];
  const fail = (message: string, span: Span): never => {
    throw new SyntaxError_(message, span);
  };
  const show = (t: Tok) => (t.kind === 'eof' ? 'the end of the file' : t.kind === 'value' ? `"${t.text.length > 30 ? t.text.slice(0, 30) + '…' : t.text}"` : `\`${t.text.replace(/\r/g, '\\r').replace(/\f/g, '\\f').replace(/\v/g, '\\v')}\``);

  const checkId = (t: Tok) => {
    const bad = /[\r\f\v]/.exec(t.text);
    if (bad) {
      const at = t.span.start + bad.index;
      if (bad[0] === '\r') fail('carriage return (Windows CRLF line ending): fence_virtd takes `\\r` as part of a name, not as whitespace; save the file with Unix (LF) line endings', { start: at, end: at + 1 });
      fail(`${bad[0] === '\f' ? 'form feed' : 'vertical tab'} character: fence_virtd only treats spaces and tabs as whitespace`, { start: at, end: at + 1 });
    }
    if (t.text.startsWith('//') || t.text.startsWith('/*')) fail(`\`${t.text.slice(0, 2)}\` does not start a comment in fence_virt.conf: only \`#\` does`, t.span);
  };

  const parseStmts = (top: boolean, open?: { key: Tok; brace: Tok }): ConfNode[] => {
    const out: ConfNode[] = [];
    for (;;) {
      const t = peek();
      if (t.kind === 'eof') {
        if (open) fail(`block \`${open.key.text}\` is never closed: \`}\` is missing before the end of the file`, open.brace.span);
        return out;
      }
      if (t.kind === '}') {
        if (top) fail('unexpected `}`: no block is open here (one `}` too many)', t.span);
        return out;
      }
      out.push(parseStmt());
    }
  };

  const parseStmt = (): ConfNode => {
    const k = next();
    if (k.kind === 'value') fail(`a key is written without quotes: \`${k.text} = "…";\``, k.span);
    if (k.kind === ';') fail(toks[p - 2]?.kind === '}' ? 'no `;` after `}`: a block ends with its closing brace' : 'stray `;`', k.span);
    if (k.kind === '=') fail('a key is missing before `=`', k.span);
    if (k.kind === '{') fail('a block needs a name before `{`: `listeners { ... }`', k.span);
    if (k.kind === 'empty-value' || k.kind === 'unterminated') fail('a key is written without quotes, and a value needs its closing `"`', k.span);
    checkId(k);
    const t = next();
    if (t.kind === '{') return block(k, t);
    if (t.kind === '=') {
      const v = next();
      if (v.kind === 'value') {
        const after = next();
        if (after.kind === ';') return { type: 'assign', key: k.text, keySpan: k.span, value: v.text, valueSpan: { start: v.span.start + 1, end: v.span.end - 1 }, span: { start: k.span.start, end: after.span.end } };
        if (after.kind === '{') {
          const b = block(k, after);
          b.value = v.text;
          b.valueSpan = { start: v.span.start + 1, end: v.span.end - 1 };
          return b;
        }
        if (v.text.endsWith('\\')) fail('fence_virt.conf has no escapes: `\\"` ends the value, and a value can never contain a double quote', { start: v.span.end - 2, end: v.span.end });
        fail(`missing \`;\` after \`${k.text} = "${v.text.length > 30 ? v.text.slice(0, 30) + '…' : v.text}"\` (found ${show(after)})`, { start: v.span.end, end: v.span.end });
      }
      if (v.kind === 'empty-value') fail(`empty value for \`${k.text}\`: \`""\` is a syntax error for fence_virtd; leave the key out to get its default`, v.span);
      if (v.kind === 'unterminated') fail(`the value of \`${k.text}\` has no closing \`"\``, { start: v.span.start, end: v.span.start + 1 });
      if (v.kind === 'id') {
        if (v.text.startsWith("'")) fail(`single quotes are not quotes for fence_virtd: write \`${k.text} = "${v.text.replace(/^'|'$/g, '')}";\``, v.span);
        fail(`the value must be in double quotes: \`${k.text} = "${v.text}";\``, v.span);
      }
      fail(`expected a value in double quotes after \`${k.text} =\`, found ${show(v)}`, v.span);
    }
    if (t.kind === 'value') fail(`missing \`=\` between \`${k.text}\` and its value: \`${k.text} = "${t.text}";\``, { start: k.span.end, end: t.span.start });
    if (t.kind === ';') fail(`\`${k.text}\` has no value: write \`${k.text} = "value";\``, t.span);
    if (t.kind === 'id') checkId(t);
    return fail(`expected \`=\` or \`{\` after \`${k.text}\`, found ${show(t)}`, t.span);
  };

  const block = (k: Tok, brace: Tok): ConfBlock => {
    const children = parseStmts(false, { key: k, brace });
    const close = next();
    return { type: 'block', key: k.text, keySpan: k.span, children, span: { start: k.span.start, end: close.span.end } };
  };

  try {
    const nodes = parseStmts(true);
    if (nodes.length === 0) {
      return { diagnostics: [{ rule: 'fence-virt/syntax-error', severity: 'error', message: 'fence_virt.conf has no statement: fence_virtd refuses an empty (or comments-only) file; it needs at least `fence_virtd { listener = "multicast"; backend = "libvirt"; }`', span: { start: 0, end: 0 } }] };
    }
    return { file: { nodes }, diagnostics: [] };
  } catch (e) {
    if (e instanceof SyntaxError_) return { diagnostics: [{ rule: 'fence-virt/syntax-error', severity: 'error', message: e.message, span: e.span }] };
    throw e;
  }
}

// ---- the daemon's view of the tree

export interface Effective {
  assigns: Map<string, ConfAssign>;
  blocks: Map<string, ConfBlock>;
}

/** A block's contents as sc_get sees them: case-insensitive, the last key / block of a name wins. */
export function effective(nodes: ConfNode[], diagnostics?: Diagnostic[], repeated: string[] = []): Effective {
  const assigns = new Map<string, ConfAssign>();
  const blocks = new Map<string, ConfBlock>();
  for (const n of nodes) {
    const k = n.key.toLowerCase();
    if (n.type === 'assign') {
      const prev = assigns.get(k);
      if (prev && !repeated.includes(k)) diagnostics?.push({ rule: 'fence-virt/duplicate-key', severity: 'warning', message: `\`${n.key}\` is set again below: fence_virtd uses only the last value`, span: prev.keySpan, related: [{ span: n.keySpan, message: 'this value wins' }] });
      assigns.set(k, n);
    } else {
      const prev = blocks.get(k);
      if (prev && k !== 'group') diagnostics?.push({ rule: 'fence-virt/duplicate-block', severity: 'warning', message: `another \`${n.key}\` block follows: fence_virtd only reads the last block of a name, so everything in this one is invisible`, span: prev.keySpan, related: [{ span: n.keySpan, message: 'the block fence_virtd reads' }] });
      blocks.set(k, n);
    }
  }
  return { assigns, blocks };
}

function unknown(nodeKey: string, span: Span, known: string[], where: string, diagnostics: Diagnostic[]): void {
  const s = suggest(nodeKey, known);
  diagnostics.push({ rule: 'fence-virt/unknown-key', severity: 'warning', message: `fence_virtd ignores \`${nodeKey}\` in ${where}${s ? `; did you mean \`${s}\`?` : ''}`, span, ...(s ? { fixes: [{ title: `Change to ${s}`, edits: [{ span, newText: s }] }] } : {}) });
}

/** Checks one value against its key: what the daemon refuses, and padding inside the quotes. */
function checkValue(a: ConfAssign, key: FvKey, diagnostics: Diagnostic[]): void {
  checkPadding(a.value, a.valueSpan, `\`${a.key}\``, key.numeric === true, (trimmed) => trimmed, diagnostics);
  checkDaemonValue(a.value, a.valueSpan, key, `\`${a.key}\``, diagnostics);
}

function checkKeys(b: ConfBlock, keys: FvKey[], where: string, diagnostics: Diagnostic[]): Effective {
  const eff = effective(b.children, diagnostics, keys.filter((k) => k.repeated).map((k) => k.name));
  for (const n of b.children) {
    const key = keyOf(keys, n.key.toLowerCase());
    if (!key || n.type === 'block') unknown(n.key, n.keySpan, keys.map((k) => k.name), where, diagnostics);
    else checkValue(n, key, diagnostics);
  }
  return eff;
}

/** Everything fence_virtd would refuse or silently misread in a parsed fence_virt.conf. */
export function checkConf(file: ConfFile): Diagnostic[] {
  const d: Diagnostic[] = [];
  const top = effective(file.nodes, d);
  for (const n of file.nodes) {
    const k = n.key.toLowerCase();
    if (n.type === 'assign') d.push({ rule: 'fence-virt/unknown-key', severity: 'warning', message: `fence_virtd ignores \`${n.key}\` at the top level: keys belong in a block such as \`fence_virtd { }\``, span: n.keySpan });
    else if (!['fence_virtd', 'listeners', 'backends', 'groups'].includes(k)) unknown(n.key, n.keySpan, ['fence_virtd', 'listeners', 'backends', 'groups'], 'the top level', d);
  }
  const fvd = top.blocks.get('fence_virtd');
  if (!fvd) {
    noPlugin('backend', { start: 0, end: 0 }, { problem: 'no `fence_virtd { }` block', fix: 'it needs `fence_virtd { listener = "multicast"; backend = "libvirt"; }`' }, d);
    return d;
  }
  const daemon = checkKeys(fvd, DAEMON_KEYS, '`fence_virtd`', d);
  const listeners = top.blocks.get('listeners');
  const backends = top.blocks.get('backends');
  if (listeners) effective(listeners.children, d); // duplicate plugin blocks
  const bEff = backends ? effective(backends.children, d) : undefined;
  const selection: Selection = {};
  for (const what of ['listener', 'backend'] as const) {
    const a = daemon.assigns.get(what);
    if (!a) continue;
    // Padded: whitespace-in-quotes (checkValue above) already says why fence_virtd finds no such plugin.
    const name = a.value === a.value.trim() ? findPlugin(what, a.value, a.valueSpan, d) : undefined;
    if (name === undefined) selection[what] = 'unknown';
    else if (what === 'listener') selection.listener = { name, span: a.valueSpan };
    else {
      // fence-agents 4.x reads `uri`, then `uri1`, `uri2`, … and stops at the first one missing.
      const block = bEff?.blocks.get(name);
      selection.backend = { name, span: a.valueSpan, hasUri: block !== undefined && effective(block.children).assigns.has('uri') };
    }
  }
  checkSelection(selection, {
    at: fvd.keySpan,
    missing: (what) => ({ fix: `add \`${what} = "${what === 'listener' ? 'multicast' : 'libvirt'}";\`` }),
    uriFix: (backend) => `add \`uri = "qemu:///system";\` to \`backends { ${backend} { } }\``,
  }, d);
  for (const [table, section] of [[LISTENERS, listeners], [BACKENDS, backends]] as const) {
    if (!section) continue;
    for (const n of section.children) {
      const keys = table.get(n.key.toLowerCase());
      if (!keys || n.type === 'assign') unknown(n.key, n.keySpan, [...table.keys()], `\`${section.key}\``, d);
      else checkKeys(n, keys, `\`${n.key}\``, d);
    }
  }
  const groups = top.blocks.get('groups');
  if (groups) for (const g of groups.children) {
    if (g.type === 'assign' || g.key.toLowerCase() !== 'group') unknown(g.key, g.keySpan, ['group'], '`groups`', d);
    else {
      checkKeys(g, GROUP_KEYS, '`group`', d);
      const members = g.children.filter((c) => c.type === 'assign' && /^(uuid|ip)$/i.test(c.key)).length;
      checkGroupMembers({ labelled: g.value !== undefined, members, span: g.keySpan }, d);
    }
  }
  return d;
}

/** Parse + daemon-level checks: every diagnostic `quorate check` prints for a fence_virt.conf. */
export function analyzeConf(text: string): { file?: ConfFile; diagnostics: Diagnostic[] } {
  const parsed = parseConf(text);
  if (!parsed.file) return parsed;
  return { file: parsed.file, diagnostics: checkConf(parsed.file) };
}

/** Bytes as read from disk: a binary or non-UTF-8 file is a diagnostic, never an exception. */
export function analyzeConfBytes(bytes: Uint8Array): { text?: string; diagnostics: Diagnostic[] } {
  const decoded = decodeSource(bytes);
  if (decoded.diagnostics.length > 0) return { ...(decoded.text !== undefined ? { text: decoded.text } : {}), diagnostics: decoded.diagnostics };
  return { text: decoded.text!, diagnostics: analyzeConf(decoded.text!).diagnostics };
}
