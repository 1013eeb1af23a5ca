// Generates compiler/import/schema.json from ../shared/reference/cluster.rng (or
// $QUORATE_SHARED): the RelaxNG grammar of cluster.conf, stripped of its annotations and
// written as a compact pattern tree that compiler/import/schema.ts validates raw cluster.conf
// files against (a derivative-based RelaxNG matcher; the core does no I/O, so the grammar is
// committed data). Deterministic: same schema, byte-identical JSON.
//
//   node --import tsx scripts/gen-schema.ts
//
// `generateSchema()` is exported for the test that regenerates and compares.

import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readClusterConf } from '../compiler/import/read-xml.ts';
import type { ConfElement } from '../compiler/model/conf.ts';
import type { Pattern, SchemaData } from '../compiler/import/schema-types.ts';

const repoRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '..');
export const schemaOutFile = join(repoRoot, 'compiler', 'import', 'schema.json');

function sharedDir(): string {
  return process.env.QUORATE_SHARED ? resolve(process.env.QUORATE_SHARED) : resolve(repoRoot, '..', 'shared');
}

const attr = (e: ConfElement, n: string) => e.attributes.find((a) => a.name === n)?.value;

function convert(e: ConfElement): Pattern {
  const kids = () => e.children.map(convert);
  const group = (ps: Pattern[]): Pattern => (ps.length === 0 ? ['empty'] : ps.length === 1 ? ps[0]! : ['group', ...ps]);
  switch (e.tag) {
    case 'element':
      return ['element', attr(e, 'name')!, group(kids())];
    case 'attribute':
      return ['attribute', attr(e, 'name')!, e.children.length ? group(kids()) : ['text']];
    case 'group':
      return group(kids());
    case 'interleave':
    case 'choice':
      return [e.tag, ...kids()];
    case 'optional':
      return ['choice', group(kids()), ['empty']];
    case 'zeroOrMore':
      return ['choice', ['oneOrMore', group(kids())], ['empty']];
    case 'oneOrMore':
      return ['oneOrMore', group(kids())];
    case 'ref':
      return ['ref', attr(e, 'name')!];
    case 'data':
      return ['data', attr(e, 'type')!];
    case 'value':
      return ['value', (e.text ?? '').trim().replace(/\s+/g, ' ')];
    case 'text':
      return ['text'];
    case 'empty':
      return ['empty'];
    case 'notAllowed':
      return ['notAllowed'];
    default:
      throw new Error(`cluster.rng: unsupported RelaxNG construct <${e.tag}>`);
  }
}

export function generateSchema(): string {
  const path = join(sharedDir(), 'reference', 'cluster.rng');
  const text = readFileSync(path, 'utf8');
  const { root, diagnostics } = readClusterConf(text);
  if (!root || diagnostics.length) throw new Error(`cluster.rng does not read: ${JSON.stringify(diagnostics)}`);
  const defines: Record<string, Pattern> = {};
  let start: Pattern | undefined;
  for (const c of root.children) {
    if (c.tag === 'start') start = c.children.length === 1 ? convert(c.children[0]!) : ['group', ...c.children.map(convert)];
    else if (c.tag === 'define') {
      if (attr(c, 'combine')) throw new Error('cluster.rng: <define combine> is not supported');
      defines[attr(c, 'name')!] = c.children.length === 1 ? convert(c.children[0]!) : ['group', ...c.children.map(convert)];
    }
  }
  if (!start) throw new Error('cluster.rng has no <start>');
  const sorted: Record<string, Pattern> = {};
  for (const k of Object.keys(defines).sort()) sorted[k] = defines[k]!;
  const data: SchemaData = {
    generatedFrom: { path: 'reference/cluster.rng', sha256: createHash('sha256').update(text).digest('hex') },
    start,
    defines: sorted,
  };
  return JSON.stringify(data) + '\n';
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  writeFileSync(schemaOutFile, generateSchema());
  process.stdout.write(`wrote ${schemaOutFile}\n`);
}
