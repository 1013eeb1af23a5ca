// fence_virt.conf → the `fence_virtd { }` block of the language: what `quorate import
// --fence-virt FILE` prints. It reads the file the way fence_virtd does (case-insensitive, the
// last key and block of a name win), keeps every value the daemon would use, and reports what
// it had to leave out. Compiling the result gives a fence_virt.conf that the daemon reads with
// the same values.

import type { Diagnostic } from '../diagnostics.ts';
import { quoteString } from '../text/quote.ts';
import { analyzeConf, type ConfAssign, type ConfBlock, effective } from './conf.ts';
import { BACKENDS, DAEMON_KEYS, type FvKey, GROUP_KEYS, keyOf, LISTENERS } from './spec.ts';

export interface FenceVirtImport {
  /** The `fence_virtd { }` block (empty when the file could not be parsed). */
  source: string;
  /** Diagnostics on the fence_virt.conf text. */
  diagnostics: Diagnostic[];
}

const IDENT = /^[A-Za-z_][A-Za-z0-9_.\-]*$/;

/** A raw fence_virt.conf value as a typed .cluster value (a string when it does not fit the type). */
function literal(a: ConfAssign, key: FvKey | undefined): string {
  const v = a.value.trim();
  const t = key?.type;
  if (t?.kind === 'integer' && /^[0-9]+$/.test(v)) return String(Number(v));
  if (t?.kind === 'boolean' && /^-?[0-9]+$/.test(v)) return Number(v) !== 0 ? 'true' : 'false';
  if (t?.kind === 'enum' && t.values.includes(v.toLowerCase())) return v.toLowerCase();
  return quoteString(v);
}

export function importFenceVirtConf(text: string): FenceVirtImport {
  const analysis = analyzeConf(text);
  const diagnostics = [...analysis.diagnostics];
  if (!analysis.file) return { source: '', diagnostics };
  const out: string[] = ['fence_virtd {'];
  const top = effective(analysis.file.nodes);
  const fvd = top.blocks.get('fence_virtd');
  const daemon = fvd ? effective(fvd.children) : undefined;
  const listeners = top.blocks.get('listeners');
  const backends = top.blocks.get('backends');
  const lEff = listeners ? effective(listeners.children) : undefined;
  const bEff = backends ? effective(backends.children) : undefined;

  const keysOf = (b: ConfBlock, keys: FvKey[], indent: string) => {
    const eff = effective(b.children);
    const lines: string[] = [];
    for (const [k, a] of eff.assigns) {
      const key = keyOf(keys, k);
      if (key && !key.repeated) lines.push(`${indent}${key.name} = ${literal(a, key)}`);
    }
    return lines;
  };

  // Selection: written out unless it is the only block of its kind.
  for (const [what, table, eff] of [['listener', LISTENERS, lEff], ['backend', BACKENDS, bEff]] as const) {
    const sel = daemon?.assigns.get(what);
    if (!sel) continue;
    const name = sel.value.trim().toLowerCase();
    const configured = [...(eff?.blocks.keys() ?? [])].filter((k) => table.has(k));
    if (configured.length === 1 && configured[0] === name) continue;
    out.push(`  ${what} = ${IDENT.test(name) && table.has(name) ? name : quoteString(sel.value)}`);
  }
  if (fvd) for (const line of keysOf(fvd, DAEMON_KEYS.filter((k) => k.name !== 'listener' && k.name !== 'backend'), '  ')) out.push(line);
  for (const [what, table, eff] of [['listener', LISTENERS, lEff], ['backend', BACKENDS, bEff]] as const) {
    for (const [k, b] of eff?.blocks ?? []) {
      const keys = table.get(k);
      if (!keys) continue; // reported by analyzeConf; fence_virtd cannot load it either
      const body = keysOf(b, keys, '    ');
      out.push(body.length === 0 ? `  ${what} ${k} { }` : `  ${what} ${k} {`, ...body, ...(body.length ? ['  }'] : []));
    }
  }
  const groups = top.blocks.get('groups');
  for (const g of groups?.children ?? []) {
    if (g.type !== 'block' || g.key.toLowerCase() !== 'group') continue;
    const label = g.value === undefined ? '' : IDENT.test(g.value) ? ` ${g.value}` : ` = ${quoteString(g.value)}`;
    const body = keysOf(g, GROUP_KEYS, '    ');
    for (const list of ['uuid', 'ip']) {
      // Repeated keys: fence_virtd lists them newest first; the compiler emits them in this order.
      const items = g.children.filter((c): c is ConfAssign => c.type === 'assign' && c.key.toLowerCase() === list);
      if (items.length) body.push(`    ${list} = [${items.map((a) => quoteString(a.value.trim())).join(', ')}]`);
    }
    out.push(`  group${label} {`, ...body, '  }');
  }
  out.push('}');
  return { source: out.join('\n') + '\n', diagnostics };
}
