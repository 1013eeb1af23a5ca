// The reproducers of hostile input, run the way a user meets them: `quorate` as a process. None
// may print a stack trace or an internal diagnostic, and each ends with the exit status and the
// output its diagnostics call for.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, STACK_TRACE, tempDir } from '../helpers.ts';

const NODES = 'config_version = 1\n  node n1 { id = 1 }\n  node n2 { id = 2 }';

function run(file: string, content: string, args: (path: string, out: string) => string[]) {
  const dir = tempDir();
  const path = join(dir, file);
  writeFileSync(path, content);
  const r = runCli(args(path, dir));
  assert.doesNotMatch(r.stdout + r.stderr, STACK_TRACE);
  assert.doesNotMatch(r.stdout + r.stderr, /internal/);
  return { ...r, dir };
}

test('fence_virtd { listener constructor { } }: an unknown listener, not an internal error', () => {
  const r = run('vm.cluster', `cluster c {\n  ${NODES}\n}\nfence_virtd { listener constructor { } backend libvirt { uri = "qemu:///system" } }\n`, (p) => ['check', p]);
  assert.equal(r.status, 1);
  assert.match(r.stdout, /fence-virt\/unknown-listener/);
});

test('raw { __proto__ = "x"; hasOwnProperty = "y" } reaches the compiled model, not dropped or crashed on', () => {
  // Both are names like any other: in the model, where the schema check of the compiled file
  // finds each one at its key (no such attribute on <cluster>), and compile writes nothing.
  const r = run('c.cluster', `cluster c {\n  ${NODES}\n  raw { __proto__ = "x"; hasOwnProperty = "y" }\n}\n`, (p, out) => ['compile', p, '-o', out]);
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stderr, /c\.cluster:\d+:9: error compile\/schema-rejected: .* no attribute __proto__ on <cluster>/);
  assert.match(r.stderr, /c\.cluster:\d+:26: error compile\/schema-rejected: .* no attribute hasOwnProperty on <cluster>/);
  assert.equal(existsSync(join(r.dir, 'cluster.conf')), false);
});

test('xml = "m:" is a structure/raw-element error and nothing is written', () => {
  const r = run('c.cluster', `cluster c {\n  ${NODES}\n  xml = "m:" { }\n}\n`, (p, out) => ['compile', p, '-o', out]);
  assert.equal(r.status, 1);
  assert.match(r.stderr + r.stdout, /structure\/raw-element/);
  assert.equal(existsSync(join(r.dir, 'cluster.conf')), false);
});

test('a control character in a string is a type/xml-character error and nothing is written', () => {
  const r = run('c.cluster', `cluster c {\n  ${NODES}\n  raw { alias = "a\u0001b" }\n}\n`, (p, out) => ['compile', p, '-o', out]);
  assert.equal(r.status, 1);
  assert.match(r.stderr + r.stdout, /type\/xml-character/);
  assert.equal(existsSync(join(r.dir, 'cluster.conf')), false);
});

test('importing <fencedevices><f/></fencedevices> keeps <f> raw and reports the schema error, with no import/internal', () => {
  const r = run('cluster.conf', '<?xml version="1.0"?>\n<cluster name="c" config_version="1">\n  <clusternodes><clusternode name="n1" nodeid="1"/></clusternodes>\n  <fencedevices><f/></fencedevices>\n</cluster>\n', (p) => ['import', p]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /xml\/unknown-element/);
  assert.match(r.stdout, /xml = "fencedevices\/f" \{ \}/);
});

test('importing <m:/> is a namespace error of the reader, with no internal error', () => {
  const r = run('cluster.conf', '<?xml version="1.0"?>\n<cluster name="c" config_version="1">\n  <clusternodes><clusternode name="n1" nodeid="1"/></clusternodes>\n  <m:/>\n</cluster>\n', (p) => ['import', p]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /xml\/malformed: namespace error/);
});
