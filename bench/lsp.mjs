#!/usr/bin/env node
// Edit → publishDiagnostics latency of the language server on a generated 5,000-line .cluster
// file: starts `dist/quorate.cjs lsp --stdio` (run `npm run build` first), opens the file, then
// sends single-character incremental edits and times each until the diagnostics for that
// version arrive. Prints the figures; asserts nothing (target: p95 ≤ 100 ms).
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import {
  createProtocolConnection, DidChangeTextDocumentNotification, DidOpenTextDocumentNotification, ExitNotification,
  InitializedNotification, InitializeRequest, PublishDiagnosticsNotification, ShutdownRequest, StreamMessageReader, StreamMessageWriter,
} from 'vscode-languageserver-protocol/node';

const cli = fileURLToPath(new URL('../dist/quorate.cjs', import.meta.url));
const EDITS = Number(process.env.EDITS ?? 100);

/** A big but valid cluster: 16 nodes, fence devices, many resources and services, one attribute a line. */
function generate(targetLines) {
  const out = ['cluster bench {', '  config_version = 1', '  fence_daemon { post_join_delay = 20s }', '  fence_device ipmi : fence_ipmilan {', '    login = "admin"', '    passwd = env("IPMI_PASS")', '  }'];
  for (let n = 1; n <= 16; n++) {
    out.push(`  node node${n} = "node${n}.example.com" {`, `    id = ${n}`, `    fence { method m1 { device ipmi { ipaddr = "10.0.0.${n}" } } }`, '  }');
  }
  out.push('  failover_domain all {', '    ordered = true', `    members = [${Array.from({ length: 16 }, (_, i) => `node${i + 1}: ${i + 1}`).join(', ')}]`, '  }');
  out.push('  resources {');
  let i = 0;
  const services = [];
  while (out.length + services.length * 6 + 2 < targetLines) {
    i++;
    out.push(`    # resource set ${i}`, `    ip ip${i} {`, `      address = "10.${(i >> 8) & 255}.${i & 255}.1/24"`, '      monitor_link = true', '    }');
    out.push(`    fs fs${i} {`, `      device = "/dev/mapper/vg-lv${i}"`, `      mountpoint = "/srv/data${i}"`, '      fstype = "ext4"', '      force_unmount = true', '    }');
    services.push(i);
  }
  out.push('  }');
  for (const s of services) {
    out.push(`  service svc${s} {`, '    domain = all', '    recovery = relocate', `    use fs${s}`, `    use ip${s}`, '  }');
  }
  out.push('}');
  return out.join('\n') + '\n';
}

const text = generate(5000);
const lines = text.split('\n').length - 1;

async function run(initializationOptions) {
  const child = spawn(process.execPath, [cli, 'lsp', '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const conn = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const waiting = new Map();
  let lastCount = 0;
  conn.onNotification(PublishDiagnosticsNotification.type, (p) => { lastCount = p.diagnostics.length; waiting.get(p.version)?.(performance.now()); });
  conn.listen();
  await conn.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: null, capabilities: {}, initializationOptions });
  await conn.sendNotification(InitializedNotification.type, {});
  const uri = 'file:///bench/big.cluster';
  const published = (version) => new Promise((resolve) => waiting.set(version, resolve));
  let t0 = performance.now();
  let p = published(1);
  await conn.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'quorate', version: 1, text } });
  const open = (await p) - t0;
  const firstCount = lastCount;
  // Toggle one character inside a mountpoint string in the middle of the file.
  const line = text.split('\n').findIndex((l, n) => n > lines / 2 && l.includes('mountpoint'));
  const col = text.split('\n')[line].indexOf('/srv/') + 5;
  const times = [];
  for (let v = 2; v <= EDITS + 1; v++) {
    p = published(v);
    t0 = performance.now();
    await conn.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version: v },
      contentChanges: [{ range: { start: { line, character: col }, end: { line, character: col + 1 } }, text: v % 2 ? 'd' : 'x' }],
    });
    times.push((await p) - t0);
  }
  await conn.sendRequest(ShutdownRequest.type);
  await conn.sendNotification(ExitNotification.type);
  conn.dispose();
  times.sort((a, b) => a - b);
  const q = (f) => times[Math.min(times.length - 1, Math.floor(f * times.length))].toFixed(1);
  return { open: open.toFixed(1), median: q(0.5), p95: q(0.95), max: times[times.length - 1].toFixed(1), diagnostics: firstCount };
}

console.log(`generated file: ${lines} lines, ${(text.length / 1024).toFixed(0)} KB; ${EDITS} single-character edits`);
for (const delay of [10, 0]) {
  const r = await run({ diagnosticsDelay: delay });
  console.log(`diagnosticsDelay ${String(delay).padStart(2)} ms: open→diagnostics ${r.open} ms; edit→diagnostics p50 ${r.median} ms, p95 ${r.p95} ms, max ${r.max} ms (${r.diagnostics} diagnostics; target ≤ 100 ms)`);
}
