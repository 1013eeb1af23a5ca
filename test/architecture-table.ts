// ARCHITECTURE.md as data: the parser of its two tables (the code map and the package homes)
// and the checker that holds a list of imports against them. Pure functions over text and
// lists, so the test can feed them a synthetic tree and see each kind of violation reported.

import { posix } from 'node:path';
import ts from 'typescript';

/** One row of the code map: a floor, the folders (or single files) it owns, what it may import. */
export interface Row {
  floor: number | 'apart';
  /** Repository paths: a folder ends with `/`, a file with its extension. */
  folders: string[];
  /** Folders (of other rows) this row may import from; `anything` for the rows apart. */
  mayImport: string[] | 'anything';
  /** `any floor below`: type-only imports may also land in any row of a lower floor. */
  typesFromAnyFloorBelow: boolean;
  line: number;
}

export interface PackageHome {
  /** A package name or subpath (`prettier/doc`); the longest matching one applies. */
  pkg: string;
  homes: string[];
  typesOnly: boolean;
  line: number;
}

export interface Architecture {
  rows: Row[];
  packages: PackageHome[];
  /** Anything the parser could not read, or a table that contradicts itself. */
  errors: string[];
}

/** One import found in a source file. */
export interface Import {
  file: string;
  /** The specifier as written: `../model/conf.ts`, `chevrotain`, `node:fs`. */
  specifier: string;
  typeOnly: boolean;
  /** Set when a dynamic import's argument is not a string literal (so it cannot be checked). */
  unreadable?: boolean;
}

const CODE_MAP_HEADING = '## Code map and import rules';
const CODE_MAP_HEADER = ['floor', 'folder(s)', 'owns', 'may import', 'and types from'];
const PACKAGES_HEADING = '### Package homes';
const PACKAGES_HEADER = ['package', 'imported only by', 'imports'];
const PATH = /^[a-z0-9][\w.-]*(\/[\w.-]+)*(\/|\.(ts|mjs))$/i;
const PACKAGE = /^(@[\w.-]+\/)?[\w.-]+(\/[\w.-]+)*$/;

/** The markdown table that follows `heading`: its header cells and body rows with line numbers. */
function tableAfter(md: string, heading: string, errors: string[]): { header: string[]; rows: { cells: string[]; line: number }[] } | undefined {
  const lines = md.split('\n');
  const start = lines.findIndex((l) => l.trim() === heading);
  if (start < 0) {
    errors.push(`ARCHITECTURE.md has no "${heading}" heading`);
    return undefined;
  }
  let i = start + 1;
  while (i < lines.length && !lines[i]!.trimStart().startsWith('|')) {
    if (/^#{1,3} /.test(lines[i]!)) break;
    i++;
  }
  if (i >= lines.length || !lines[i]!.trimStart().startsWith('|')) {
    errors.push(`"${heading}" is not followed by a table`);
    return undefined;
  }
  const split = (l: string) => l.trim().replace(/^\||\|$/g, '').split('|').map((c) => c.trim());
  const header = split(lines[i]!);
  if (!/^\|(\s*:?-+:?\s*\|)+$/.test(lines[i + 1]?.trim() ?? '')) errors.push(`line ${i + 2}: the table under "${heading}" has no |---| separator`);
  const rows: { cells: string[]; line: number }[] = [];
  for (let j = i + 2; j < lines.length && lines[j]!.trimStart().startsWith('|'); j++) rows.push({ cells: split(lines[j]!), line: j + 1 });
  return { header, rows };
}

/** A cell that is a comma-separated list of backticked items, each matching `shape`; else undefined. */
function backtickList(cell: string, shape: RegExp): string[] | undefined {
  if (!/^`[^`]+`(\s*,\s*`[^`]+`)*$/.test(cell)) return undefined;
  const items = [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);
  return items.every((x) => shape.test(x)) ? items : undefined;
}

export function parseArchitecture(md: string): Architecture {
  const errors: string[] = [];
  const rows: Row[] = [];
  const packages: PackageHome[] = [];

  const map = tableAfter(md, CODE_MAP_HEADING, errors);
  if (map) {
    if (map.header.join('|') !== CODE_MAP_HEADER.join('|')) errors.push(`the code map's columns are "${map.header.join(' | ')}", expected "${CODE_MAP_HEADER.join(' | ')}"`);
    for (const { cells, line } of map.rows) {
      const bad = (why: string) => errors.push(`ARCHITECTURE.md line ${line}: ${why}: | ${cells.join(' | ')} |`);
      if (cells.length !== CODE_MAP_HEADER.length) {
        bad(`expected ${CODE_MAP_HEADER.length} cells, found ${cells.length}`);
        continue;
      }
      const [floorCell, folderCell, , mayCell, typesCell] = cells as [string, string, string, string, string];
      const floor = floorCell === 'apart' ? 'apart' : /^[1-9]\d*$/.test(floorCell) ? Number(floorCell) : undefined;
      if (floor === undefined) {
        bad('the floor is neither a number nor `apart`');
        continue;
      }
      const folders = backtickList(folderCell, PATH);
      if (!folders) {
        bad('the folder cell is not a list of backticked paths (`dir/` or `file.ts`)');
        continue;
      }
      const mayImport = mayCell === 'anything' ? 'anything' : mayCell === 'nothing of ours' ? [] : backtickList(mayCell, PATH);
      if (!mayImport) {
        bad('the may-import cell is not `anything`, `nothing of ours` or a list of backticked paths');
        continue;
      }
      if (typesCell !== '—' && typesCell !== 'any floor below') {
        bad('the types cell is neither `—` nor `any floor below`');
        continue;
      }
      rows.push({ floor, folders, mayImport, typesFromAnyFloorBelow: typesCell === 'any floor below', line });
    }
  }

  const homes = tableAfter(md, PACKAGES_HEADING, errors);
  if (homes) {
    if (homes.header.join('|') !== PACKAGES_HEADER.join('|')) errors.push(`the package-homes columns are "${homes.header.join(' | ')}", expected "${PACKAGES_HEADER.join(' | ')}"`);
    for (const { cells, line } of homes.rows) {
      const bad = (why: string) => errors.push(`ARCHITECTURE.md line ${line}: ${why}: | ${cells.join(' | ')} |`);
      if (cells.length !== PACKAGES_HEADER.length) {
        bad(`expected ${PACKAGES_HEADER.length} cells, found ${cells.length}`);
        continue;
      }
      const [pkgCell, homeCell, kindCell] = cells as [string, string, string];
      const pkg = backtickList(pkgCell, PACKAGE);
      const where = backtickList(homeCell, PATH);
      if (!pkg || pkg.length !== 1) bad('the package cell is not one backticked package name');
      else if (!where) bad('the home cell is not a list of backticked paths');
      else if (kindCell !== 'values and types' && kindCell !== 'types only') bad('the imports cell is neither `values and types` nor `types only`');
      else packages.push({ pkg: pkg[0]!, homes: where, typesOnly: kindCell === 'types only', line });
    }
  }

  errors.push(...checkTable(rows, packages));
  return { rows, packages, errors };
}

const rowName = (r: Row) => r.folders.join(' + ');
const floorName = (r: Row) => (r.floor === 'apart' ? 'apart' : `floor ${r.floor}`);

/** The table against itself: each folder in one row, every may-import names a row's folder on this floor or below, no loop. */
function checkTable(rows: Row[], packages: PackageHome[]): string[] {
  const errors: string[] = [];
  const rowOf = new Map<string, Row>();
  for (const r of rows) {
    for (const f of r.folders) {
      if (rowOf.has(f)) errors.push(`ARCHITECTURE.md line ${r.line}: \`${f}\` is already in the row on line ${rowOf.get(f)!.line}`);
      else rowOf.set(f, r);
    }
  }
  for (const r of rows) {
    if (r.mayImport === 'anything') {
      if (r.floor !== 'apart') errors.push(`ARCHITECTURE.md line ${r.line}: only a row apart may import anything`);
      continue;
    }
    for (const m of r.mayImport) {
      const target = rowOf.get(m);
      if (!target) errors.push(`ARCHITECTURE.md line ${r.line}: may import \`${m}\`, which is no row's folder`);
      else if (target === r) errors.push(`ARCHITECTURE.md line ${r.line}: lists its own folder \`${m}\` (a row may always import itself)`);
      else if (r.floor !== 'apart' && target.floor === 'apart') errors.push(`ARCHITECTURE.md line ${r.line}: ${floorName(r)} may import \`${m}\`, which is apart from the floors`);
      else if (typeof r.floor === 'number' && typeof target.floor === 'number' && target.floor > r.floor) {
        errors.push(`ARCHITECTURE.md line ${r.line}: ${floorName(r)} may import \`${m}\` on ${floorName(target)}: up a floor`);
      }
    }
  }
  // The permissions themselves must not form a loop, or two rows could import each other.
  const allowed = new Map<string, Set<string>>();
  for (const r of rows) if (r.mayImport !== 'anything') allowed.set(rowName(r), new Set(r.mayImport.map((m) => rowOf.get(m)).filter((t): t is Row => !!t).map(rowName)));
  for (const loop of cycles(allowed)) errors.push(`ARCHITECTURE.md: rows may import each other: ${loop.join(' → ')} → ${loop[0]}`);
  const seen = new Map<string, number>();
  for (const p of packages) {
    if (seen.has(p.pkg)) errors.push(`ARCHITECTURE.md line ${p.line}: package \`${p.pkg}\` is already on line ${seen.get(p.pkg)}`);
    seen.set(p.pkg, p.line);
  }
  return errors;
}

/** Strongly connected components of more than one node (Tarjan), each as a list of nodes. */
function cycles(graph: Map<string, Set<string>>): string[][] {
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const scc: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1) out.push(scc.reverse());
    }
  };
  for (const v of [...graph.keys()].sort()) if (!idx.has(v)) visit(v);
  return out;
}

/** The row's folder a path belongs to: the most specific folder (or the file itself) that holds it. */
export function folderOf(rows: Row[], path: string): { folder: string; row: Row } | undefined {
  let best: { folder: string; row: Row } | undefined;
  for (const row of rows) {
    for (const folder of row.folders) {
      const holds = folder.endsWith('/') ? path.startsWith(folder) : path === folder;
      if (holds && (!best || folder.length > best.folder.length)) best = { folder, row };
    }
  }
  return best;
}

/**
 * Every violation of the table by `files` and their `imports`, one line each:
 * `FILE → TARGET (why)`. `exists` says whether a path in the tables names something on disk.
 */
export function checkImports(arch: Architecture, files: string[], imports: Import[], exists: (path: string) => boolean): string[] {
  const { rows, packages } = arch;
  const out: string[] = [];
  for (const r of rows) for (const f of r.folders) if (!exists(f)) out.push(`ARCHITECTURE.md line ${r.line}: \`${f}\` does not exist`);
  for (const p of packages) for (const h of p.homes) if (!exists(h)) out.push(`ARCHITECTURE.md line ${p.line}: home \`${h}\` of \`${p.pkg}\` does not exist`);

  // (a) every file in exactly one row: the most specific folder wins, so "in no row" is the only failure.
  for (const f of files) if (!folderOf(rows, f)) out.push(`${f} (in no row of the code map)`);

  const folderEdges = new Map<string, Map<string, string>>();
  const rowEdges = new Map<string, Map<string, string>>();
  const addEdge = (edges: Map<string, Map<string, string>>, a: string, b: string, example: string) => {
    if (a === b) return;
    if (!edges.has(a)) edges.set(a, new Map());
    if (!edges.get(a)!.has(b)) edges.get(a)!.set(b, example);
  };

  for (const imp of imports) {
    const from = folderOf(rows, imp.file);
    if (imp.unreadable) {
      out.push(`${imp.file} → ${imp.specifier} (a dynamic import of something other than a string literal cannot be checked)`);
      continue;
    }
    if (imp.specifier.startsWith('.')) {
      const target = posix.normalize(posix.join(posix.dirname(imp.file), imp.specifier));
      if (!from) continue; // reported above as a file in no row
      const to = folderOf(rows, target);
      if (!to) {
        out.push(`${imp.file} → ${target} (the target is in no row of the code map)`);
        continue;
      }
      const example = `${imp.file} → ${target}`;
      addEdge(folderEdges, from.folder, to.folder, example);
      addEdge(rowEdges, rowName(from.row), rowName(to.row), example);
      // (b) own row, a listed folder, or (type-only, where the row says so) any lower floor.
      const r = from.row;
      if (r.mayImport === 'anything' || to.row === r || r.mayImport.includes(to.folder)) continue;
      const lower = typeof r.floor === 'number' && typeof to.row.floor === 'number' && to.row.floor < r.floor;
      if (imp.typeOnly && r.typesFromAnyFloorBelow && lower) continue;
      const may = r.mayImport.length === 0 ? 'nothing of ours' : r.mayImport.join(', ');
      const types = r.typesFromAnyFloorBelow ? `; types from any floor below ${r.floor}` : '';
      out.push(`${example} (row ${rowName(r)} may import ${may}${types})`);
      continue;
    }
    if (imp.specifier.startsWith('node:')) continue; // built-ins: see coreIo
    // (e) package homes: the longest table entry that is the specifier or a prefix of its path.
    const home = packages
      .filter((p) => imp.specifier === p.pkg || imp.specifier.startsWith(p.pkg + '/'))
      .sort((a, b) => b.pkg.length - a.pkg.length)[0];
    if (!home) {
      out.push(`${imp.file} → ${imp.specifier} (a package with no home in the package-homes table)`);
      continue;
    }
    const inHome = home.homes.some((h) => (h.endsWith('/') ? imp.file.startsWith(h) : imp.file === h));
    if (!inHome) out.push(`${imp.file} → ${imp.specifier} (package ${home.pkg} may be imported only by ${home.homes.join(', ')})`);
    else if (home.typesOnly && !imp.typeOnly) out.push(`${imp.file} → ${imp.specifier} (package ${home.pkg} may be imported for types only: \`import type\`)`);
  }

  // (d) no two folders, and no two rows, import each other, directly or round a loop.
  const report = (edges: Map<string, Map<string, string>>, what: string) => {
    const graph = new Map([...edges].map(([a, m]) => [a, new Set(m.keys())]));
    const loops = cycles(graph);
    for (const loop of loops) {
      const hops = loop.map((a, i) => {
        const b = loop[(i + 1) % loop.length]!;
        // An SCC need not be a simple ring in this order; name a real edge out of `a` inside the loop.
        const next = edges.get(a)!.has(b) ? b : [...edges.get(a)!.keys()].find((x) => loop.includes(x))!;
        return edges.get(a)!.get(next)!;
      });
      out.push(`${what} import each other: ${loop.join(' ⇄ ')} (${hops.join('; ')})`);
    }
    return loops;
  };
  const folderLoops = report(folderEdges, 'folders');
  // A row loop that is the same set of rows as a folder loop adds nothing; report the others.
  const rowSets = new Set(folderLoops.map((l) => [...new Set(l.map((f) => rowName(folderOf(rows, f)!.row)))].sort().join('|')));
  const rowGraph = new Map([...rowEdges].map(([a, m]) => [a, new Set(m.keys())]));
  for (const loop of cycles(rowGraph)) {
    if (rowSets.has([...loop].sort().join('|'))) continue;
    const hops = loop.map((a) => [...rowEdges.get(a)!].find(([b]) => loop.includes(b))![1]);
    out.push(`rows import each other: ${loop.join(' ⇄ ')} (${hops.join('; ')})`);
  }
  return out;
}

/** The rows of the core: every floor but the top one, which is the shells. */
export function coreRows(rows: Row[]): Row[] {
  const floors = rows.map((r) => r.floor).filter((f): f is number => typeof f === 'number');
  const top = Math.max(...floors);
  return rows.filter((r) => typeof r.floor === 'number' && r.floor < top);
}

/** The imports of one source file: static, re-exports, dynamic `import()` and `import('…')` types. */
export function importsOf(file: string, text: string): Import[] {
  const kind = file.endsWith('.mjs') ? ts.ScriptKind.JS : ts.ScriptKind.TS;
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, false, kind);
  const out: Import[] = [];
  const literal = (n: ts.Node | undefined) => (n && (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) ? n.text : undefined);
  const visit = (n: ts.Node) => {
    if (ts.isImportDeclaration(n)) {
      // `import type { A }`, or `import { type A, type B }` (erased just the same).
      const c = n.importClause;
      const named = c?.namedBindings && ts.isNamedImports(c.namedBindings) ? c.namedBindings.elements : undefined;
      const typeOnly = !!c && (c.isTypeOnly || (!c.name && !!named && named.length > 0 && named.every((e) => e.isTypeOnly)));
      out.push({ file, specifier: literal(n.moduleSpecifier)!, typeOnly });
    } else if (ts.isExportDeclaration(n) && n.moduleSpecifier) {
      const named = n.exportClause && ts.isNamedExports(n.exportClause) ? n.exportClause.elements : undefined;
      const typeOnly = n.isTypeOnly || (!!named && named.length > 0 && named.every((e) => e.isTypeOnly));
      out.push({ file, specifier: literal(n.moduleSpecifier)!, typeOnly });
    } else if (ts.isImportEqualsDeclaration(n) && ts.isExternalModuleReference(n.moduleReference)) {
      out.push({ file, specifier: literal(n.moduleReference.expression)!, typeOnly: n.isTypeOnly });
    } else if (ts.isCallExpression(n) && n.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const spec = literal(n.arguments[0]);
      out.push(spec === undefined ? { file, specifier: n.arguments[0]?.getText(sf) ?? '()', typeOnly: false, unreadable: true } : { file, specifier: spec, typeOnly: false });
    } else if (ts.isImportTypeNode(n) && ts.isLiteralTypeNode(n.argument)) {
      const spec = literal(n.argument.literal);
      if (spec !== undefined) out.push({ file, specifier: spec, typeOnly: true });
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out;
}
