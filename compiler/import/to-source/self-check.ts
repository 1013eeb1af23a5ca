// The importer checks itself: it prints the tree, parses and lowers the text, and compares the
// model with the XML it read. A unit (a node, a device, a domain, a resource, a service, a core
// block) that an error points into, or that does not come back identical, is written raw in
// the next round, and the reason is reported. Errors are matched to units by position only:
// the unit whose printed entries contain the error's span.

import type { Diagnostic, Span } from '../../diagnostics.ts';
import type { Entry, SourceFile } from '../../../grammar/syntax.ts';
import { printSourceFile } from '../../format/index.ts';
import { type ConfElement, attr, child } from '../../model/conf.ts';
import { canonical } from '../canonical.ts';
import { meaningIn } from '../meaning.ts';
import type { Ctx, Unit } from './context.ts';
import { generate } from './generate.ts';

const MAX_ROUNDS = 8;

/**
 * What `quorate check` finds in a .cluster source: its syntax tree, its model and every finding
 * (parsing, lowering and the validity rules). The entry point (compiler/api.ts) passes its own
 * `analyze`, so the importer holds its output to exactly what compile will hold it to.
 */
export type SourceCheck = (text: string) => { syntax: SourceFile; cluster?: ConfElement; diagnostics: readonly Diagnostic[] };

/** Builds, prints and checks until nothing changes; returns the source of the last round. */
export function generateChecked(root: ConfElement, ctx: Ctx, check: SourceCheck): string {
  let source = '';
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const built = generate(root, ctx);
    source = printSourceFile(built.file, built.placement);
    const checked = check(source);
    // The schema's verdict on an escape-hatch part is the input's own (the XML reader's schema
    // check reports it there): writing that unit raw again would change nothing but lose the
    // language around it, so only the other errors force units.
    const errors = checked.diagnostics.filter((d) => d.severity === 'error' && d.rule !== 'compile/schema-rejected');
    if (forceUnitsWithErrors(ctx, errors, printedSpans(built.file, checked.syntax))) continue;
    if (errors.length > 0 || !checked.cluster) break;
    const model = checked.cluster;
    if (noteDerivedAttributes(ctx, root, model)) continue;
    if (!forceUnitsThatDiffer(ctx, root, model)) break;
  }
  return source;
}

/** Each built entry's span in the printed text: the parsed tree has the built tree's shape. */
function printedSpans(built: SourceFile, printed: SourceFile): Map<Entry, Span> {
  const spans = new Map<Entry, Span>();
  const walk = (a: readonly Entry[], b: readonly Entry[]) => {
    a.forEach((e, i) => {
      const p = b[i];
      // After a syntax error the parser's recovery may lose entries: map only what still matches.
      if (!p || p.kind.text !== e.kind.text) return;
      spans.set(e, p.span);
      if (e.body && p.body) walk(e.body.entries, p.body.entries);
    });
  };
  walk(built.entries, printed.entries);
  return spans;
}

function contains(s: Span, at: number): boolean {
  return at >= s.start && at <= s.end;
}

/** Errors (from the parser or lowering, whatever their rule) force the unit they point into. */
function forceUnitsWithErrors(ctx: Ctx, errors: readonly Diagnostic[], spans: Map<Entry, Span>): boolean {
  let changed = false;
  for (const d of errors) {
    const u = ctx.units.find((x) => !ctx.forced.has(x.xml) && x.entries.some((e) => { const s = spans.get(e); return s !== undefined && contains(s, d.span.start); }));
    if (!u || nodeWithoutId(d, u)) continue;
    ctx.forced.set(u.xml, `the language reports: ${d.message}`);
    changed = true;
  }
  return changed;
}

/**
 * A node without an id stays a node: the file is wrong (the schema says so too), and the source
 * should say it where it is rather than hide it in raw XML.
 */
function nodeWithoutId(d: Diagnostic, u: Unit): boolean {
  return d.rule === 'config/nodeid' && u.xml.tag === 'clusternode' && attr(u.xml, 'nodeid') === undefined;
}

/** What the compiler derives (two_node, expected_votes) and the file leaves out: `absent`. */
function noteDerivedAttributes(ctx: Ctx, root: ConfElement, model: ConfElement): boolean {
  let changed = false;
  const xmlCman = child(root, 'cman');
  for (const a of child(model, 'cman')?.attributes ?? []) {
    if (!a.span && !(xmlCman && xmlCman.attributes.some((x) => x.name === a.name)) && !ctx.absent.has(a.name)) {
      ctx.absent.add(a.name);
      changed = true;
    }
  }
  return changed;
}

function modelAt(model: ConfElement, path: string[]): ConfElement | undefined {
  let e: ConfElement | undefined = model;
  for (const p of path) e = e && child(e, p);
  return e;
}

/** Units that do not come back identical (in what the agents read) are written raw. */
function forceUnitsThatDiffer(ctx: Ctx, root: ConfElement, model: ConfElement): boolean {
  let changed = false;
  const xmlMeaning = meaningIn(root);
  const modelMeaning = meaningIn(model);
  const produced = new Map<string, Set<string>>();
  // <rm>'s own unit holds only its attributes: compare it without its children.
  const own = (c: ConfElement, path: string[]) => (c.tag === 'rm' && path.length === 0 ? { ...c, children: [] } : c);
  for (const u of ctx.units) {
    if (ctx.forced.has(u.xml)) continue;
    const key = `${u.path.join('/')}>${u.xml.tag}`;
    let got = produced.get(key);
    if (!got) {
      const container = modelAt(model, u.path);
      got = new Set(container?.children.filter((c) => c.tag === u.xml.tag).map((c) => canonical(own(c, u.path), modelMeaning)));
      produced.set(key, got);
    }
    if (!got.has(canonical(own(u.xml, u.path), xmlMeaning))) {
      ctx.forced.set(u.xml, 'the language would not write it back identically');
      changed = true;
    }
  }
  return changed;
}
