// cluster.conf → idiomatic .cluster source (`quorate import`). Named references instead of
// repeated names (`device ipmi1`, `use webfs`, `domain = prefer1`, `members = [n1: 1]`),
// durations with units, booleans as true/false, resource trees nested, global resources kept
// global, XML comments as `#` comments. What the language cannot say is kept with the escape
// hatch (`xml = "…" { }`, `raw { }`, compiler/lower/raw.ts) and reported as an `import/*`
// warning at its position in the XML — nothing is dropped.
//
// The importer builds a syntax tree (to-source/generate.ts and the section builders beside it)
// and prints it through compiler/format; it checks itself (to-source/self-check.ts) with the
// checker its caller passes (compiler/api.ts: `analyze`, the very check compile makes). Pure; never throws.

import { byPosition, type Diagnostic, type Span } from '../diagnostics.ts';
import { decodeSource } from '../text/decode.ts';
import { type ConfElement, child } from '../model/conf.ts';
import { analyzeClusterConf } from './index.ts';
import { newContext, span, warn, XML_NAME } from './to-source/context.ts';
import { generateChecked, type SourceCheck } from './to-source/self-check.ts';

export type { SourceCheck } from './to-source/self-check.ts';

export interface ImportResult {
  /** The .cluster source; absent when the XML has no root element at all. */
  source?: string;
  /** Malformed-XML and schema findings, plus one `import/*` warning per construct kept raw. */
  diagnostics: Diagnostic[];
  /** The model read from the XML (for callers that also lint it). */
  root?: ConfElement;
}

/** Converts a raw cluster.conf to .cluster source, checking what it writes with `check`. */
export function importClusterConf(text: string, check: SourceCheck): ImportResult {
  const analysis = analyzeClusterConf(text);
  const root = analysis.root;
  if (!root) return { diagnostics: analysis.diagnostics };
  if (root.tag !== 'cluster') {
    const d: Diagnostic = { rule: 'import/not-cluster-conf', severity: 'error', message: `the root element is <${root.tag}>, not <cluster>: this is not a cluster.conf`, span: span(root) };
    return { diagnostics: [...analysis.diagnostics, d].sort(byPosition), root };
  }
  const ctx = newContext();
  const unwritable: Diagnostic[] = [];
  const writable = withoutUnwritableNames(root, unwritable);
  let source: string;
  try {
    source = generateChecked(writable, ctx, check);
  } catch (e) {
    return { diagnostics: [...analysis.diagnostics, { rule: 'import/internal', severity: 'error', message: `import failed: ${(e as Error).message}`, span: span(root) }], root };
  }
  for (const a of ctx.absent)
    warn(ctx, 'import/raw-attribute', `the compiler would derive ${a} for this cluster, which the file leaves out: kept out with \`raw { cman.${a} = absent }\``, span(child(root, 'cman') ?? root));
  return { source, diagnostics: [...analysis.diagnostics, ...unwritable, ...dedupe(ctx.diagnostics)].sort(byPosition), root };
}

/**
 * `root` without the elements and attributes whose names a .cluster source cannot write (a
 * namespace prefix such as `m:x`, a non-ASCII name: neither a name of the language nor a name
 * `xml = "…"` and `raw { }` accept), each reported as an error at its name, since the source
 * then says less than the file. `root` itself when every name can be written (the usual case).
 */
function withoutUnwritableNames(root: ConfElement, diagnostics: Diagnostic[]): ConfElement {
  const report = (what: string, at: Span) => diagnostics.push({ rule: 'import/unwritable-name', severity: 'error', message: `${what} cannot be written in a .cluster source (a name with a namespace prefix or outside ASCII), so the imported source leaves it out`, span: at });
  const bad = (e: ConfElement) => !XML_NAME.test(e.tag) || e.attributes.some((a) => !XML_NAME.test(a.name));
  const scan = [root];
  let any = false;
  while (scan.length > 0 && !any) {
    const e = scan.pop()!;
    any = bad(e);
    scan.push(...e.children);
  }
  if (!any) return root;
  // Copied with a stack (no recursion): each element's copy, then its children's.
  const copy = (e: ConfElement): ConfElement => {
    const attributes = e.attributes.filter((a) => XML_NAME.test(a.name));
    for (const a of e.attributes) if (!XML_NAME.test(a.name)) report(`the attribute ${a.name} of <${e.tag}>`, a.nameSpan ?? a.span ?? span(e));
    return { ...e, attributes, children: [] };
  };
  const top = copy(root);
  const stack: Array<[ConfElement, ConfElement]> = [[root, top]];
  while (stack.length > 0) {
    const [from, to] = stack.pop()!;
    for (const c of from.children) {
      if (!XML_NAME.test(c.tag)) {
        report(`<${c.tag}> (with everything in it)`, c.nameSpan ?? span(c));
        continue;
      }
      const cc = copy(c);
      to.children.push(cc);
      stack.push([c, cc]);
    }
  }
  return top;
}

/** Each warning once. */
function dedupe(ds: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return ds.filter((d) => {
    const k = `${d.rule}|${d.span.start}|${d.span.end}|${d.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** Bytes as read from disk: undecodable input gets its diagnostics and is not imported. */
export function importClusterConfBytes(bytes: Uint8Array, check: SourceCheck): ImportResult & { text?: string } {
  const decoded = decodeSource(bytes);
  if (decoded.diagnostics.length > 0 || decoded.text === undefined) return { diagnostics: decoded.diagnostics, ...(decoded.text !== undefined ? { text: decoded.text } : {}) };
  return { ...importClusterConf(decoded.text, check), text: decoded.text };
}
