#!/usr/bin/env node
// Cold start-up: `quorate lint` of the lab cluster as a fresh process, against a bare `node -e 0`,
// side by side in one run (the runs alternate, so a busy machine slows all of them alike). Both
// the repository's dist/ and a copy installed from `npm pack` into an empty prefix. Prints
// medians and ratios; asserts nothing. Run: npm run bench:startup [-- --runs N] (needs a build).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '15' }, 'no-pack': { type: 'boolean' } } });
const runs = Number(values.runs);
const root = new URL('..', import.meta.url).pathname;
const lab = join(root, 'examples/cluster11-lab.cluster');
const repoCli = join(root, 'dist/quorate.cjs');
if (!existsSync(repoCli)) throw new Error('dist/quorate.cjs is missing: run npm run build first');

const work = mkdtempSync(join(tmpdir(), 'quorate-startup-'));
// Every variant keeps its code cache in its own folder, warmed by one run before timing: "cold"
// is a fresh process, as a hook or a CI step starts it, not a first run after installing.
const env = (name) => ({ ...process.env, QUORATE_CACHE_DIR: join(work, `cache-${name}`) });

const variants = [
  { name: 'node -e 0', command: [process.execPath, '-e', '0'], env: process.env },
  { name: 'quorate lint (repo dist/)', command: [process.execPath, repoCli, 'lint', lab], env: env('repo') },
];

if (!values['no-pack']) {
  const packDir = join(work, 'pack');
  mkdirSync(packDir);
  execFileSync('npm', ['pack', '--silent', '--ignore-scripts', '--pack-destination', packDir], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  const tarball = join(packDir, readdirSync(packDir).find((f) => f.endsWith('.tgz')));
  const prefix = join(work, 'prefix');
  execFileSync('npm', ['install', '-g', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', '--prefix', prefix, tarball], { stdio: ['ignore', 'ignore', 'inherit'] });
  variants.push({ name: 'quorate lint (npm pack install)', command: [join(prefix, 'bin/quorate'), 'lint', lab], env: env('pack') });
}

function once(variant) {
  const t = performance.now();
  const r = spawnSync(variant.command[0], variant.command.slice(1), { env: variant.env, stdio: ['ignore', 'pipe', 'pipe'] });
  const ms = performance.now() - t;
  if (r.status !== 0) throw new Error(`${variant.name} exited ${r.status}: ${r.stderr}`);
  return ms;
}

for (const v of variants) once(v);
const times = variants.map(() => []);
for (let i = 0; i < runs; i++) variants.forEach((v, j) => times[j].push(once(v)));

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const medians = times.map(median);
console.log(`cold start-up, median of ${runs} alternating runs (examples/cluster11-lab.cluster):`);
variants.forEach((v, j) => {
  const ratio = j === 0 ? '' : `  ${(medians[j] / medians[0]).toFixed(2)}× node -e 0`;
  console.log(`  ${v.name.padEnd(34)} ${medians[j].toFixed(1).padStart(7)} ms${ratio}`);
});
rmSync(work, { recursive: true, force: true });
