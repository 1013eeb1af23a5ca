// The fence_virtd block and its cross-file rules: each rule has a failing source (flagged on the
// right line) and a passing one (clean). Sources are built from one template so that the pair
// differs only in what the rule is about.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, compileText } from '../../../compiler/api.ts';
import { LineIndex } from '../../../compiler/text/line-index.ts';

interface Parts {
  device?: string;
  node1?: string;
  node2?: string;
  fenceVirtd?: string;
  agent?: string;
}

function source(p: Parts): string {
  return [
    'cluster c {',
    '  config_version = 1',
    `  fence_device xvm : ${p.agent ?? 'fence_xvm'} { ${p.device ?? ''} }`,
    `  node n1 = "n1.example.com" { id = 1; fence { method m { device xvm { ${p.node1 ?? 'port = "guest1"'} } } } }`,
    `  node n2 = "n2.example.com" { id = 2; fence { method m { device xvm { ${p.node2 ?? 'port = "guest2"'} } } } }`,
    '}',
    'fence_virtd {',
    ...(p.fenceVirtd ?? '  listener multicast { key_file = "/etc/cluster/fence_xvm.key" }\n  backend libvirt { uri = "qemu:///system" }').split('\n'),
    '}',
    '',
  ].join('\n');
}

/** The findings of `rule`, as "line:text of that line". */
function findings(text: string, rule: string): { line: number; lineText: string; message: string }[] {
  const a = analyze(text);
  const index = new LineIndex(text);
  return a.diagnostics.filter((d) => d.rule === rule).map((d) => {
    const line = index.position(d.span.start).line;
    return { line, lineText: index.lineText(line), message: d.message };
  });
}

function assertFlagged(text: string, rule: string, onLineWith: string): void {
  const f = findings(text, rule);
  assert.ok(f.length > 0, `${rule} expected in:\n${text}\ngot: ${analyze(text).diagnostics.map((d) => d.rule).join(', ')}`);
  assert.ok(f[0].lineText.includes(onLineWith), `${rule} on the line with ${onLineWith}, got line ${f[0].line}: ${f[0].lineText}`);
}

function assertClean(text: string): void {
  const d = analyze(text).diagnostics;
  assert.deepEqual(d.map((x) => `${x.rule}: ${x.message}`), [], text);
}

const cases: { rule: string; bad: Parts; line: string; good: Parts }[] = [
  {
    rule: 'fence-virt/port-mismatch',
    bad: { device: 'ipport = "1230"' },
    line: 'ipport',
    good: { device: 'ipport = "1230"', fenceVirtd: '  listener multicast { port = 1230 }\n  backend libvirt { uri = "qemu:///system" }' },
  },
  {
    rule: 'fence-virt/address-mismatch',
    bad: { fenceVirtd: '  listener multicast {\n    address = "225.0.0.13"\n  }\n  backend libvirt { uri = "qemu:///system" }' },
    line: 'fence_device xvm',
    good: { device: 'multicast_address = "225.0.0.13"', fenceVirtd: '  listener multicast {\n    address = "225.0.0.13"\n  }\n  backend libvirt { uri = "qemu:///system" }' },
  },
  {
    rule: 'fence-virt/key-file-mismatch',
    bad: { node1: 'port = "guest1"; key_file = "/root/other.key"' },
    line: 'node n1',
    good: { node1: 'port = "guest1"; key_file = "/root/other.key"', node2: 'port = "guest2"; key_file = "/root/other.key"', fenceVirtd: '  listener multicast { key_file = "/root/other.key" }\n  backend libvirt { uri = "qemu:///system" }' },
  },
  {
    rule: 'fence-virt/hash-mismatch',
    bad: { fenceVirtd: '  listener multicast { hash = sha512 }\n  backend libvirt { uri = "qemu:///system" }' },
    line: 'fence_device xvm',
    good: { device: 'hash = "sha512"', fenceVirtd: '  listener multicast { hash = sha512 }\n  backend libvirt { uri = "qemu:///system" }' },
  },
  {
    rule: 'fence-virt/wrong-listener',
    bad: { fenceVirtd: '  listener serial { mode = vmchannel }\n  backend libvirt { uri = "qemu:///system" }' },
    line: 'fence_device xvm',
    good: {},
  },
  {
    rule: 'fence-virt/missing-backend-block',
    bad: { fenceVirtd: '  listener multicast { }\n  backend = libvirt' },
    line: 'backend = libvirt',
    good: { fenceVirtd: '  listener multicast { }\n  backend = libvirt\n  backend libvirt { uri = "qemu:///system" }' },
  },
  {
    rule: 'fence-virt/backend-needs-host-cluster',
    bad: { fenceVirtd: '  listener multicast { }\n  backend checkpoint { name_mode = name }' },
    line: 'backend checkpoint',
    good: { fenceVirtd: '  listener multicast { }\n  backend libvirt { uri = "qemu:///system" }' },
  },
  {
    rule: 'fence-virt/empty-domain',
    bad: { node2: 'port = ""' },
    line: 'node n2',
    good: { node2: 'port = "guest2"' },
  },
  {
    rule: 'fence-virt/shared-domain',
    bad: { node2: 'port = "guest1"' },
    line: 'node n2',
    good: { node2: 'port = "guest2"' },
  },
  {
    rule: 'fence-virt/missing-listener',
    bad: { fenceVirtd: '  backend libvirt { uri = "qemu:///system" }' },
    line: 'fence_virtd',
    good: {},
  },
  {
    rule: 'fence-virt/unknown-backend',
    bad: { fenceVirtd: '  listener multicast { }\n  backend xen { }' },
    line: 'backend xen',
    good: {},
  },
  {
    rule: 'fence-virt/whitespace-in-quotes',
    bad: { fenceVirtd: '  listener multicast { key_file = " /etc/cluster/fence_xvm.key" }\n  backend libvirt { uri = "qemu:///system" }' },
    line: 'key_file',
    good: {},
  },
  {
    rule: 'fence-virt/unwritable-value',
    bad: { fenceVirtd: '  listener multicast { key_file = "/etc/cluster/\\"fence_xvm.key" }\n  backend libvirt { uri = "qemu:///system" }' },
    line: 'key_file',
    good: {},
  },
];

for (const c of cases) {
  test(`${c.rule}: flagged on the right line; the matching pair is clean`, () => {
    assertFlagged(source(c.bad), c.rule, c.line);
    assertClean(source(c.good));
  });
}

test('backend-needs-host-cluster stays quiet when the cluster is the hypervisors themselves', () => {
  const text = source({ agent: 'fence_ipmilan', device: 'ipaddr = "10.0.0.1"; login = "admin"; passwd = "x"', node1: '', node2: '', fenceVirtd: '  listener multicast { }\n  backend checkpoint { }' });
  assert.deepEqual(findings(text, 'fence-virt/backend-needs-host-cluster'), []);
});

test('hash: a device hashing more strongly than the listener is accepted by fence_virtd, so it is clean; auth must match', () => {
  const stronger = source({ device: 'hash = "sha512"' });
  assert.deepEqual(findings(stronger, 'fence-virt/hash-mismatch'), []);
  const auth = source({ device: 'auth = "sha512"' });
  assert.equal(findings(auth, 'fence-virt/hash-mismatch').length, 1);
});

test('a device value on the fence device wins over the per-node one, as fenced passes it', () => {
  // fenced sends <device> attributes, then <fencedevice> ones: the latter win.
  const text = source({ device: 'ipport = "1229"', node1: 'port = "guest1"; ipport = "1230"' });
  assert.deepEqual(findings(text, 'fence-virt/port-mismatch'), []);
});

test('a top-level fence_virtd is the language, not an unknown block; a typo is', () => {
  assert.deepEqual(analyze(source({})).diagnostics, []);
  const typo = source({}).replace('fence_virtd {', 'fence_virt {');
  const d = analyze(typo).diagnostics.find((x) => x.rule === 'structure/unknown-block');
  assert.ok(d && /did you mean `fence_virtd`/.test(d.message), JSON.stringify(d));
});

test('compile emits fence_virt.conf: key = "value"; typed values converted, deterministic', () => {
  const text = source({
    fenceVirtd: [
      '  module_path = "/usr/lib64/fence-virt"',
      '  foreground = true',
      '  listener multicast { port = 1229; family = ipv4; hash = sha256; interface = "private"; key_file = "/etc/cluster/fence_xvm.key" }',
      '  backend libvirt { uri = "qemu:///system" }',
      '  group = "cluster1" { name = "cluster1"; uuid = ["guest1", "guest2"]; ip = ["10.0.0.1"] }',
    ].join('\n'),
  });
  const r = compileText(text);
  assert.deepEqual(r.diagnostics, []);
  assert.deepEqual(r.outputs.map((o) => o.name), ['cluster.conf', 'fence_virt.conf']);
  const conf = r.outputs[1].text;
  assert.equal(conf, compileText(text).outputs[1].text);
  assert.match(conf, /^fence_virtd \{\n\tlistener = "multicast";\n\tbackend = "libvirt";\n\tmodule_path = "\/usr\/lib64\/fence-virt";\n\tforeground = "1";\n\}$/m);
  assert.match(conf, /\t\tport = "1229";\n/);
  assert.match(conf, /\tgroup = "cluster1" \{\n\t\tname = "cluster1";\n\t\tuuid = "guest1";\n\t\tuuid = "guest2";\n\t\tip = "10.0.0.1";\n\t\}/);
  for (const line of conf.split('\n')) assert.doesNotMatch(line, /= "(\s[^"]*|[^"]*\s)";/, `no whitespace inside quotes: ${line}`);
});

test('typed keys: wrong types, ranges and enums are errors with the daemon\'s words', () => {
  const text = source({ fenceVirtd: '  listener multicast { port = 0; hash = md5; family = "ipv5"; key_file = fence_xvm.key }\n  backend libvirt { uri = "qemu:///system" }' });
  const d = analyze(text).diagnostics.map((x) => x.rule);
  assert.deepEqual(d, ['type/range', 'type/enum', 'type/enum', 'type/mismatch']);
  assert.equal(compileText(text).outputs.length, 0, 'nothing is written when there is an error');
});

test('a source with only a fence_virtd block compiles to fence_virt.conf alone', () => {
  const r = compileText('fence_virtd {\n  listener multicast { }\n  backend libvirt { uri = "qemu:///system" }\n}\n');
  assert.deepEqual(r.diagnostics, []);
  assert.deepEqual(r.outputs.map((o) => o.name), ['fence_virt.conf']);
});

test('the editor sees what each fence_virtd body accepts (completion, hover)', async () => {
  const { scopeAt } = await import('../../../compiler/lower/symbols.ts');
  const text = source({});
  const a = analyze(text);
  const inListener = scopeAt(a.symbols, text.indexOf('key_file'));
  assert.equal(inListener?.kind, 'listener multicast');
  assert.ok(inListener.attributes.some((x) => x.name === 'port' && x.default === '1229' && x.doc.length > 0));
  const inDaemon = scopeAt(a.symbols, text.indexOf('listener multicast') - 1);
  assert.equal(inDaemon?.kind, 'fence_virtd');
  assert.deepEqual(inDaemon.blocks, ['listener', 'backend', 'group']);
});

// The daemon's checks are one function each (compiler/fence-virt/checks.ts): a fence_virtd block
// and the fence_virt.conf it compiles to get the same finding, worded the same way.
test('the .cluster block and its fence_virt.conf agree: a backend without uri is a warning on both, and compiles', async () => {
  const { analyzeFenceVirtConf } = await import('../../../compiler/api.ts');
  const text = source({ fenceVirtd: '  listener multicast { }\n  backend libvirt { }' });
  const inSource = analyze(text).diagnostics;
  assert.deepEqual(inSource.map((d) => [d.rule, d.severity]), [['fence-virt/missing-backend-block', 'warning']]);
  assert.match(inSource[0].message, /^backend `libvirt` has no `uri`: .*add `uri = "qemu:\/\/\/system"` to `backend libvirt \{ \}`$/);
  const r = compileText(text);
  const conf = r.outputs.find((o) => o.name === 'fence_virt.conf')!.text;
  const inConf = analyzeFenceVirtConf(conf).diagnostics;
  assert.deepEqual(inConf.map((d) => [d.rule, d.severity]), [['fence-virt/missing-backend-block', 'warning']]);
  const words = (m: string) => m.slice(0, m.indexOf('; add '));
  assert.equal(words(inConf[0].message), words(inSource[0].message), 'the same words up to the fix, which is in each file\'s syntax');
  // checkpoint falls back to libvirt's default connection and nothing refuses it: no finding.
  assert.deepEqual(findings(source({ fenceVirtd: '  listener multicast { }\n  backend = checkpoint' }), 'fence-virt/missing-backend-block'), []);
});

test('plugin names are looked up as fence_virtd does (case-insensitive); an unknown one is not also "missing"', () => {
  const upper = source({ fenceVirtd: '  listener MULTICAST { }\n  backend LibVirt { uri = "qemu:///system" }' });
  assert.deepEqual(analyze(upper).diagnostics, []);
  assert.match(compileText(upper).outputs.find((o) => o.name === 'fence_virt.conf')!.text, /listener = "multicast";\n\tbackend = "libvirt";/);
  const unknown = analyze(source({ fenceVirtd: '  listener multicast { }\n  backend xen { }' })).diagnostics;
  assert.deepEqual(unknown.map((d) => d.rule), ['fence-virt/unknown-backend']);
  assert.equal(unknown[0].message, 'fence_virtd has no backend `xen` (`Could not find backend "xen"`); it has `libvirt`, `checkpoint`, `cpg`, `libvirt-qpid`, `libvirt-qmf`, `pm-fence`, `null`');
  const several = analyze(source({ fenceVirtd: '  listener multicast { }\n  listener tcp { }\n  backend libvirt { uri = "qemu:///system" }' })).diagnostics;
  assert.deepEqual(several.map((d) => [d.rule, d.message]), [['fence-virt/missing-listener', 'several listeners are configured (`multicast`, `tcp`) and none is selected: fence_virtd refuses to start ("Failed to determine backend."); say which one runs with `listener = NAME`']]);
});
