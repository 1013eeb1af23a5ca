// How long the fence_virt.conf side takes, in process (warm, median of 9): reading/checking a
// fence_virt.conf (the handout's, and a generated one with many groups), importing it, and what
// the fence_virtd block and its cross-file rules add to compiling the lab (with vs without the
// block). Plus `quorate check fence_virt.conf` end to end (process start included).
// Prints figures; asserts nothing. Run: node --import tsx bench/fence-virt.ts (after npm run build).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { analyzeFenceVirtConf, compileText, importFenceVirtConf } from '../compiler/api.ts';

const root = new URL('..', import.meta.url).pathname;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
function time(f: () => unknown, runs = 9): number {
  f();
  const t: number[] = [];
  for (let i = 0; i < runs; i++) {
    const s = performance.now();
    f();
    t.push(performance.now() - s);
  }
  return median(t);
}

const handout = `backends {\nlibvirt {\nuri = "qemu:///system";\n}\n\n}\n\nlisteners {\nmulticast {\ninterface = "private";\nport = "1229";\nfamily = "ipv4";\naddress = "225.0.0.12";\nkey_file = "/etc/cluster/fence_xvm.key";\n}\n\n}\n\nfence_virtd {\nmodule_path = "/usr/lib64/fence-virt";\nbackend = "libvirt";\nlistener = "multicast";\n}\n`;
const groups = (n: number) => handout + 'groups {\n' + Array.from({ length: n }, (_, i) => `\tgroup = "g${i}" {\n\t\tname = "g${i}";\n\t\tuuid = "vm${i}a";\n\t\tuuid = "vm${i}b";\n\t\tip = "10.0.${i >> 8}.${i & 255}";\n\t}\n`).join('') + '}\n';

console.log('fence_virt.conf, in process (median of 9):');
for (const [label, text] of [['the handout', handout], ['1,000 groups', groups(1000)], ['10,000 groups', groups(10000)]] as const) {
  const lines = text.split('\n').length;
  console.log(`  read+check ${label.padEnd(22)} ${lines.toString().padStart(6)} lines ${time(() => analyzeFenceVirtConf(text)).toFixed(2).padStart(9)} ms`);
  console.log(`  import     ${label.padEnd(22)} ${lines.toString().padStart(6)} lines ${time(() => importFenceVirtConf(text)).toFixed(2).padStart(9)} ms`);
}

const lab = readFileSync(join(root, 'examples', 'cluster11-lab.cluster'), 'utf8');
const withoutBlock = lab.slice(0, lab.indexOf('\nfence_virtd {'));
const opts = { secrets: { env: () => 'x', readFile: () => 'x' } };
// Interleaved, so JIT warm-up and GC fall on both alike.
const tWith: number[] = [];
const tWithout: number[] = [];
for (let i = 0; i < 60; i++) {
  for (const [src, into] of [[lab, tWith], [withoutBlock, tWithout]] as const) {
    const s = performance.now();
    compileText(src, opts);
    if (i >= 10) into.push(performance.now() - s);
  }
}
console.log('compiling examples/cluster11-lab.cluster, in process (median of 50, interleaved):');
console.log(`  without the fence_virtd block           ${median(tWithout).toFixed(2).padStart(9)} ms`);
console.log(`  with it (+ fence_virt.conf, cross-file)  ${median(tWith).toFixed(2).padStart(9)} ms`);

const dir = mkdtempSync(join(tmpdir(), 'quorate-bench-fv-'));
const file = join(dir, 'fence_virt.conf');
writeFileSync(file, handout);
const cli = join(root, 'dist', 'quorate.cjs');
console.log(`quorate check fence_virt.conf, whole process (median of 5): ${time(() => spawnSync(process.execPath, [cli, 'check', file]), 5).toFixed(0)} ms`);
