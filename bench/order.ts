// How long rgmanager's resource tree and every service's start+stop order take, in process
// (warm, median of 5), on generated clusters of 10 to 5,000 services (each: ip, fs with an
// nfsexport and an nfsclient, a script, an apache; the ip, fs and script as <resources> refs),
// and `quorate order` end to end (process start included) on the 1,000-service cluster.
// Prints figures; asserts nothing. Run: node --import tsx bench/order.ts (after npm run build).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { ConfElement } from '../compiler/model/conf.ts';
import { emitClusterConf } from '../compiler/emit/cluster-conf.ts';
import { buildResourceTree } from '../compiler/rgmanager/tree.ts';
import { orderRuns } from '../compiler/simulate/order.ts';

const el = (tag: string, attrs: Record<string, string> = {}, ...children: ConfElement[]): ConfElement => ({
  tag,
  attributes: Object.entries(attrs).map(([name, value]) => ({ name, value })),
  children,
});

function generate(n: number): ConfElement {
  const resources: ConfElement[] = [];
  const services: ConfElement[] = [];
  for (let i = 0; i < n; i++) {
    const ip = `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
    resources.push(el('ip', { address: ip }), el('fs', { name: `fs${i}`, mountpoint: `/m${i}`, device: `/dev/d${i}` }), el('script', { name: `sc${i}`, file: `/etc/init.d/s${i}` }));
    services.push(
      el('service', { name: `s${i}` },
        el('apache', { name: `a${i}` }),
        el('ip', { ref: ip }),
        el('fs', { ref: `fs${i}` }, el('nfsexport', { name: `e${i}` }, el('nfsclient', { name: `c${i}`, target: '*' }))),
        el('script', { ref: `sc${i}` }),
      ),
    );
  }
  return el('cluster', { name: 'bench', config_version: '1' }, el('rm', {}, el('resources', {}, ...resources), ...services));
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1]!;
}

function time(f: () => void, runs = 5): number {
  f();
  const ts: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    f();
    ts.push(performance.now() - t);
  }
  return median(ts);
}

console.log('services | resources | build tree (ms) | all start+stop orders (ms) | steps');
for (const n of [10, 100, 1000, 5000]) {
  const c = generate(n);
  const tree = buildResourceTree(c);
  const build = time(() => buildResourceTree(c));
  let steps = 0;
  const orders = time(() => {
    steps = orderRuns(c, 'start').reduce((a, r) => a + r.steps.length, 0) + orderRuns(c, 'stop').reduce((a, r) => a + r.steps.length, 0);
  });
  console.log(`${String(n).padStart(8)} | ${String(tree.resources.length).padStart(9)} | ${build.toFixed(1).padStart(15)} | ${orders.toFixed(1).padStart(26)} | ${steps}`);
}

const cli = new URL('../dist/quorate.cjs', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'quorate-bench-order-'));
const file = join(dir, 'bench.conf');
writeFileSync(file, emitClusterConf(generate(1000)));
const e2e = time(() => {
  const r = spawnSync(process.execPath, [cli, 'order', file], { encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`order failed: ${r.stderr}`);
}, 3);
console.log(`\nquorate order on a 1,000-service cluster.conf, end to end: ${e2e.toFixed(0)} ms (median of 3)`);
