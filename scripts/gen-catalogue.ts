// Generates compiler/catalogue/catalogue.json from the reference material in ../shared (or
// $QUORATE_SHARED): the rgmanager resource-agent metadata, the RHEL 6 fence-agent metadata and
// the RelaxNG schema of cluster.conf. It extracts what the compiler needs (names, flags, types,
// defaults, one-line docs) and never copies a metadata file into the repository.
//
// This file is the driver; scripts/catalogue/ holds the rest: a reader for each kind of
// reference file (read-resource-agent.ts, read-fence-agent.ts, read-schema.ts) and, apart from
// them, overlay.ts: what the metadata and the schema cannot say (that `token` is milliseconds,
// that cman reads `two_node` with atoi but `broadcast` as yes/no, the defaults the daemons really
// apply), as data tables whose every entry cites ../shared/design/domain-facts.md.
//
//   node --import tsx scripts/gen-catalogue.ts        (npm run gen:catalogue)
//
// The output is deterministic: same inputs, byte-identical JSON. `generateCatalogue()` is
// exported for the test that regenerates and compares.

import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv';
import type { Catalogue, FenceAgentSpec, FencingSpec, ResourceAgentSpec } from '../compiler/catalogue/types.ts';
import { readFenceAgent } from './catalogue/read-fence-agent.ts';
import { readResourceAgent } from './catalogue/read-resource-agent.ts';
import { readElements, readMetaAttributes } from './catalogue/read-schema.ts';
import { FENCING } from './catalogue/overlay.ts';
import { ReadingTable } from './catalogue/readings.ts';

const repoRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '..');
const outFile = join(repoRoot, 'compiler', 'catalogue', 'catalogue.json');
const schemaFile = join(repoRoot, 'compiler', 'catalogue', 'catalogue.schema.json');

/** Case-insensitive order with a code-point tie-break (rgmanager sorts rules case-insensitively). */
function byNameCI(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  if (x !== y) return x < y ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

function xmlFiles(shared: string, dir: string): string[] {
  return readdirSync(join(shared, dir))
    .filter((f) => f.endsWith('.xml'))
    .sort()
    .map((f) => `${dir}/${f}`);
}

/** Builds the catalogue text (pretty JSON with a trailing newline) from a shared/ directory. */
export function generateCatalogue(sharedDir: string): string {
  const inputs: { path: string; text: string }[] = [];
  const read = (rel: string): string => {
    const text = readFileSync(join(sharedDir, rel), 'utf8');
    inputs.push({ path: rel, text });
    return text;
  };

  const readings = new ReadingTable();
  const resourceAgents: Record<string, ResourceAgentSpec> = {};
  const ras = xmlFiles(sharedDir, 'reference/resource-agents').map((rel) => readResourceAgent(read(rel), rel, readings));
  for (const ra of ras.sort((a, b) => byNameCI(a.name, b.name))) {
    if (resourceAgents[ra.name] || ra.name === 'action') throw new Error(`resource agent ${ra.name}: duplicate or reserved`);
    resourceAgents[ra.name] = ra;
  }

  const fenceAgents: Record<string, FenceAgentSpec> = {};
  const fas = xmlFiles(sharedDir, 'reference/fence-agents-rhel6').map((rel) => readFenceAgent(read(rel), rel, readings));
  for (const fa of fas.sort((a, b) => byNameCI(a.name, b.name))) {
    if (fenceAgents[fa.name]) throw new Error(`fence agent ${fa.name}: duplicate`);
    fenceAgents[fa.name] = fa;
  }

  const rng = read('reference/cluster.rng');
  const elements = readElements(rng, Object.keys(resourceAgents));
  const resourceMetaAttributes = readMetaAttributes(rng);

  // What each agent does to its victim: every agent of the metadata must be classified, so a new
  // agent cannot reach the rules unclassified; the table may name agents shipped elsewhere.
  const unclassified = Object.keys(fenceAgents).filter((name) => !Object.hasOwn(FENCING, name));
  if (unclassified.length) throw new Error(`fence agents without an entry in overlay.ts FENCING: ${unclassified.join(', ')}`);
  const fencing: Record<string, FencingSpec> = {};
  for (const name of Object.keys(FENCING).sort(byNameCI)) fencing[name] = FENCING[name]!;

  const generatedFrom = inputs
    .map(({ path, text }) => ({ path, sha256: createHash('sha256').update(text, 'utf8').digest('hex') }))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));

  const catalogue: Catalogue = {
    version: 1,
    generatedFrom,
    elements,
    resourceAgents,
    fenceAgents,
    resourceMetaAttributes,
    fencing,
    readings: { booleans: readings.booleans, integers: readings.integers },
  };
  return JSON.stringify(catalogue, null, 2) + '\n';
}

/** Throws unless the text validates against catalogue.schema.json. */
export function validateCatalogueText(text: string): void {
  const schema = JSON.parse(readFileSync(schemaFile, 'utf8')) as object;
  const ajv = new Ajv({ allErrors: true });
  const validate = ajv.compile(schema);
  if (!validate(JSON.parse(text))) {
    throw new Error(`catalogue.json does not match catalogue.schema.json:\n${ajv.errorsText(validate.errors, { separator: '\n' })}`);
  }
}

export function defaultSharedDir(): string {
  return process.env.QUORATE_SHARED ? resolve(process.env.QUORATE_SHARED) : resolve(repoRoot, '..', 'shared');
}

function main(): void {
  const shared = defaultSharedDir();
  if (!existsSync(join(shared, 'reference'))) {
    console.error(`gen-catalogue: reference material not found in ${shared} (set QUORATE_SHARED)`);
    process.exit(2);
  }
  const text = generateCatalogue(shared);
  validateCatalogueText(text);
  writeFileSync(outFile, text);
  console.log(`gen-catalogue: wrote ${outFile}`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
