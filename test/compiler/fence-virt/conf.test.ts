// The fence_virt.conf reader against the real parser's verdicts (../shared/reference/fence_virt.conf:
// every fixture there was run through the real fence_virtd), broken input, and the importer, all
// in-process (test/cli/check-fence-virt-conf.test.ts runs `quorate check` and `lint` on them).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeFenceVirtConf, compileText, importFenceVirtConf } from '../../../compiler/api.ts';
import { LineIndex } from '../../../compiler/text/line-index.ts';
import { repoRoot, requireShared } from '../../helpers.ts';

/** The course handout's fence_virt.conf. */
const HANDOUT = readFileSync(join(repoRoot, 'test', 'fixtures', 'fence-virt', 'handout.fence_virt.conf'), 'utf8');

function at(text: string, rule: string): { line: number; column: number; message: string } {
  const d = analyzeFenceVirtConf(text).diagnostics.find((x) => x.rule === rule);
  assert.ok(d, `${rule} expected; got ${JSON.stringify(analyzeFenceVirtConf(text).diagnostics)}`);
  return { ...new LineIndex(text).position(d.span.start), message: d.message };
}

test('fixtures: the real parser\'s verdicts (syntax error ⇔ fence-virt/syntax-error)', (t) => {
  const shared = requireShared(t);
  if (!shared) return;
  const base = join(shared, 'reference', 'fence_virt.conf');
  const expected = readFileSync(join(base, 'expected.tsv'), 'utf8').split('\n').filter((l) => l && !l.startsWith('#')).map((l) => l.split('\t'));
  let n = 0;
  for (const [file, flags, exit] of expected) {
    if (flags !== '-') continue;
    const d = analyzeFenceVirtConf(readFileSync(join(base, file), 'utf8')).diagnostics;
    const syntax = d.some((x) => x.rule === 'fence-virt/syntax-error');
    assert.equal(syntax, exit === '1', `${file}: real parser exit ${exit}, ours ${JSON.stringify(d)}`);
    // RHEL 6 had the checkpoint backend (Debian does not); module_path is host-specific.
    if (exit === '2' && !file.includes('module-path') && !file.includes('rhel6-')) assert.ok(d.some((x) => x.severity === 'error'), `${file}: refused by fence_virtd, so an error here`);
    if (file.startsWith('good/')) assert.deepEqual(d, [], file);
    n++;
  }
  assert.ok(n >= 40, `${n} fixtures`);
});

test('broken input: clear messages at the exact line:column, never a crash', () => {
  const semicolon = HANDOUT.replace('uri = "qemu:///system";', 'uri = "qemu:///system"');
  assert.deepEqual(at(semicolon, 'fence-virt/syntax-error'), { line: 3, column: 23, message: 'missing `;` after `uri = "qemu:///system"` (found `}`)' });
  const unclosed = HANDOUT.replace(/\}\n$/, '');
  const u = at(unclosed, 'fence-virt/syntax-error');
  assert.equal(u.line, 19);
  assert.match(u.message, /block `fence_virtd` is never closed/);
  const ws = at(HANDOUT.replace('backend = "libvirt"', 'backend = " libvirt"'), 'fence-virt/whitespace-in-quotes');
  assert.deepEqual([ws.line, ws.column], [21, 12]);
  const unknown = at(HANDOUT.replace('backend = "libvirt"', 'backend = "libvrit"'), 'fence-virt/unknown-backend');
  assert.deepEqual([unknown.line, unknown.column], [21, 12]);
  assert.match(unknown.message, /did you mean `libvirt`/);
  assert.match(at(HANDOUT.replace(/\n/g, '\r\n'), 'fence-virt/syntax-error').message, /CRLF/);
  assert.match(at('', 'fence-virt/syntax-error').message, /no statement/);
});

test('the reader never throws: every truncation and every single-byte deletion of a real file', () => {
  for (let i = 0; i <= HANDOUT.length; i++) {
    analyzeFenceVirtConf(HANDOUT.slice(0, i));
    analyzeFenceVirtConf(HANDOUT.slice(0, i) + HANDOUT.slice(i + 1));
    importFenceVirtConf(HANDOUT.slice(0, i));
  }
  for (const junk of ['"', '{', '}', ';', '=', '""', '"a', 'a = "b" {', '\u0000', '\ufeff', 'x\r']) analyzeFenceVirtConf(junk);
});

test('import: the handout file becomes a fence_virtd block that compiles back to the same values', () => {
  const im = importFenceVirtConf(HANDOUT);
  assert.deepEqual(im.diagnostics, []);
  assert.match(im.source, /^fence_virtd \{\n/);
  assert.match(im.source, /listener multicast \{/);
  assert.match(im.source, /port = 1229\n/);
  assert.match(im.source, /family = ipv4\n/);
  const r = compileText(im.source);
  assert.deepEqual(r.diagnostics, []);
  const conf = r.outputs.find((o) => o.name === 'fence_virt.conf')!.text;
  for (const kv of ['uri = "qemu:///system";', 'interface = "private";', 'port = "1229";', 'family = "ipv4";', 'address = "225.0.0.12";', 'key_file = "/etc/cluster/fence_xvm.key";', 'module_path = "/usr/lib64/fence-virt";', 'backend = "libvirt";', 'listener = "multicast";']) {
    assert.ok(conf.includes(kv), kv);
  }
});

test('import: padded values are trimmed and reported; unknown keys are reported', () => {
  const im = importFenceVirtConf(HANDOUT.replace('backend = "libvirt"', 'backend = " libvirt "').replace('port = "1229";', 'port = "1229";\nprot = "1";'));
  assert.deepEqual(im.diagnostics.map((d) => d.rule).sort(), ['fence-virt/unknown-key', 'fence-virt/whitespace-in-quotes']);
  assert.deepEqual(compileText(im.source).diagnostics, []);
  assert.doesNotMatch(im.source, /prot/);
});
