// Does `quorate check` of a raw cluster.conf cost time linear in the file? Generates cluster.conf
// files of about 50 KB, 500 KB and 5 MB (16 nodes, more services each time; compiled from
// generated .cluster sources, so they are valid) and measures each in a fresh process of its own:
// the first (cold) check in process (analyzeClusterConf: reader, schema, validity rules), then the
// median of warm runs (after as many uncounted ones) of the check and of its parts (reader,
// schema check alone); then
// `quorate check FILE` as a process. (No forced collection between warm runs: a full GC before
// each run made the small file's runs slower, not steadier.) Prints time per KB, the 5 MB per-KB
// time over the 50 KB one (flat is 1.00), and how many patterns and memo entries the schema check
// holds after each file (the same for every size: repeated siblings find their derivatives
// memoised). Prints figures; asserts nothing. The process column needs the bundle
// (`npm run build`).
// Run: node --import tsx bench/schema.ts
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const bundle = resolve(import.meta.dirname, '..', 'dist', 'quorate.cjs');
const PROCESS_RUNS = 3;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1]!;
}
function once(f: () => unknown): number {
  const t = performance.now();
  f();
  return performance.now() - t;
}

interface Figures {
  kb: number;
  first: number;
  check: number;
  read: number;
  schema: number;
  runs: number;
  /** Interned patterns and memo entries of the schema check after this file. */
  cache: number;
}

/** One file in this (fresh) process: the cold check first, then warm medians. */
async function measure(file: string): Promise<Figures> {
  const { analyzeClusterConf } = await import('../compiler/api.ts');
  const { readClusterConf, validateSchema } = await import('../compiler/import/index.ts');
  const { schemaCacheSize } = await import('../compiler/import/schema.ts');
  const text = readFileSync(file, 'utf8');
  const kb = Buffer.byteLength(text) / 1024;
  const first = once(() => analyzeClusterConf(text));
  // Enough runs that a small file's median is not one scheduler hiccup.
  const runs = Math.max(5, Math.ceil(2000 / kb));
  // As many runs again first, not counted: a small file's first few dozen runs are still being
  // compiled by the JIT, and a median over them measured that, not the warm check.
  const warm = (f: () => unknown) => {
    for (let k = 0; k < runs; k++) f();
    return median(Array.from({ length: runs }, () => once(f)));
  };
  const check = warm(() => analyzeClusterConf(text));
  const read = warm(() => readClusterConf(text));
  const root = readClusterConf(text).root!;
  const schema = warm(() => validateSchema(root));
  return { kb, first, check, read, schema, runs, cache: schemaCacheSize() };
}

/** A cluster.conf of 16 nodes and `services` services (an fs with a script, and an ip each). */
async function clusterConf(services: number): Promise<string> {
  const { compileText } = await import('../compiler/api.ts');
  // @ts-expect-error plain JS helper shared by the benchmarks
  const { generateCluster } = await import('./generate.mjs');
  const out = compileText(generateCluster({ nodes: 16, services }), { secrets: { env: () => 'secret', readFile: () => 'secret' } }).outputs[0];
  if (!out) throw new Error(`the generated cluster of ${services} services does not compile`);
  return out.text;
}

async function main(): Promise<void> {
  // About 370 bytes of cluster.conf per service, plus the nodes.
  const sizes: [string, number][] = [['50 KB', 125], ['500 KB', 1330], ['5 MB', 13500]];
  const dir = mkdtempSync(join(tmpdir(), 'quorate-bench-schema-'));
  const rows: (Figures & { label: string; proc?: number })[] = [];
  try {
    for (const [label, services] of sizes) {
      const file = join(dir, `cluster-${services}.conf`);
      writeFileSync(file, await clusterConf(services));
      const child = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--one', file], { encoding: 'utf8' });
      if (child.status !== 0) throw new Error(`measuring ${label} failed: ${child.stderr}`);
      const figures = JSON.parse(child.stdout) as Figures;
      let proc: number | undefined;
      if (existsSync(bundle)) {
        proc = median(Array.from({ length: PROCESS_RUNS }, () => once(() => {
          const r = spawnSync(process.execPath, [bundle, 'check', file], { encoding: 'utf8' });
          if (r.status !== 0) throw new Error(`quorate check ${label} exited ${r.status}: ${r.stdout}${r.stderr}`);
        })));
      }
      rows.push({ label, ...figures, ...(proc !== undefined ? { proc } : {}) });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  const cell = (ms: number, kb: number) => `${ms.toFixed(1).padStart(8)} ${((ms / kb) * 1000).toFixed(0).padStart(5)}`;
  console.log('quorate check of generated cluster.conf (16 nodes); ms and µs per KB; warm = median, in process');
  console.log('size        KB |  first (cold) |  check (warm) |  reader       |  schema       |  process (cold) | schema cache');
  for (const r of rows) {
    const proc = r.proc === undefined ? '  (no bundle: npm run build)' : cell(r.proc, r.kb);
    console.log(`${r.label.padEnd(6)} ${r.kb.toFixed(0).padStart(7)} | ${cell(r.first, r.kb)} | ${cell(r.check, r.kb)} | ${cell(r.read, r.kb)} | ${cell(r.schema, r.kb)} | ${proc} | ${r.cache}`);
  }
  const small = rows[0]!;
  const big = rows[rows.length - 1]!;
  const ratio = (f: (r: (typeof rows)[number]) => number) => (f(big) / big.kb / (f(small) / small.kb)).toFixed(2);
  const parts = [`check ${ratio((r) => r.check)}`, `reader ${ratio((r) => r.read)}`, `schema ${ratio((r) => r.schema)}`, `first ${ratio((r) => r.first)}`];
  if (big.proc !== undefined && small.proc !== undefined) parts.push(`process ${ratio((r) => r.proc!)}`);
  console.log(`per-KB time, ${big.label} over ${small.label} (flat is 1.00): ${parts.join(', ')}`);
}

const one = process.argv.indexOf('--one');
if (one >= 0) process.stdout.write(JSON.stringify(await measure(process.argv[one + 1]!)));
else await main();
