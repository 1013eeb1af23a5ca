// The importer's tree builder and its self-check: the layout it asks compiler/format for, and
// errors of its own output matched to the unit they point into (by position, not by message).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from '../../../grammar/parser.ts';
import { printSourceFile, syntaxShape } from '../../../compiler/format/index.ts';
import { importClusterConf } from '../../../compiler/api.ts';
import { ident, num, str, TreeBuilder } from '../../../compiler/import/to-source/tree.ts';

function print(b: TreeBuilder): string {
  const { file, placement } = b.finish();
  return printSourceFile(file, placement);
}

test('layout: one short attribute on one line, longer or more one per line, empty blocks and uses', () => {
  const b = new TreeBuilder();
  b.block({ kind: 'cluster', name: 'lab' }, () => {
    b.attr('config_version', num('1'));
    b.block({ kind: 'totem' }, () => b.attr('token', num('20s')));
    b.block({ kind: 'quorumd' }, () => b.attr('label', str('x'.repeat(90))));
    b.block({ kind: 'dlm' }, () => {
      b.attr('protocol', ident('tcp'));
      b.attr('enable_fencing', ident('true'));
    });
    b.block({ kind: 'fence_daemon' }, () => undefined);
    b.block({ kind: 'service', name: 'web' }, () => b.block({ kind: 'use', name: 'data' }, () => undefined));
  });
  assert.equal(
    print(b),
    [
      'cluster lab {',
      '  config_version = 1',
      '  totem { token = 20s }',
      '  quorumd {',
      `    label = "${'x'.repeat(90)}"`,
      '  }',
      '  dlm {',
      '    protocol = tcp',
      '    enable_fencing = true',
      '  }',
      '  fence_daemon { }',
      '  service web {',
      '    use data',
      '  }',
      '}',
      '',
    ].join('\n'),
  );
});

test('layout: raw blocks stay on one line at any length; strings are quoted and parse back to their value', () => {
  const b = new TreeBuilder();
  const long = 'y'.repeat(130);
  const odd = 'a "quoted"\\path\twith\nbreaks';
  b.block({ kind: 'cluster', name: 'lab' }, () => {
    b.raw([['a', str(long)], ['b', str(odd)]]);
  });
  const out = print(b);
  assert.equal(out.split('\n')[1], `  raw { a = "${long}"; b = "a \\"quoted\\"\\\\path\\twith\\nbreaks" }`);
  const parsed = parse(out);
  assert.deepEqual(parsed.diagnostics, []);
  assert.deepEqual(syntaxShape(parsed.file), [{ kind: 'cluster', name: 'lab', body: [{ kind: 'raw', body: [{ kind: 'a', value: { string: long } }, { kind: 'b', value: { string: odd } }], closed: true }], closed: true }]);
});

test('layout: comments on their own lines, blank lines between sections but never first in a block', () => {
  const b = new TreeBuilder();
  b.comments(['production', '']);
  b.block({ kind: 'cluster', name: 'lab' }, () => {
    b.blank();
    b.attr('config_version', num('1'));
    b.blank();
    b.blank();
    b.comments(['first line\n  second line  ']);
    b.block({ kind: 'totem' }, () => b.attr('token', num('20s')), ['at the end']);
  }, ['after everything']);
  assert.equal(
    print(b),
    ['# production', '#', 'cluster lab {', '  config_version = 1', '', '  # first line', '  # second line', '  totem {', '    token = 20s', '    # at the end', '  }', '  # after everything', '}', ''].join('\n'),
  );
});

const DUPLICATE_DEVICE = `<?xml version="1.0"?>
<cluster name="lab" config_version="1">
  <clusternodes>
    <clusternode name="node1" nodeid="1"><fence><method name="m1"><device name="xvm" port="node1"/></method></fence></clusternode>
    <clusternode name="node2" nodeid="2"><fence><method name="m1"><device name="xvm" port="node2"/></method></fence></clusternode>
  </clusternodes>
  <fencedevices><fencedevice name="xvm" agent="fence_xvm"/><fencedevice name="xvm" agent="fence_xvm" multicast_address="225.0.0.13"/></fencedevices>
  <rm/>
</cluster>
`;

test('self-check: the unit an error of the printed source points into is the one written raw', () => {
  // Lowering reports the second declaration of `xvm`; the first stays a fence_device block
  // (blocks collapsed onto one line before it must not shift the match to another unit).
  const r = importClusterConf(DUPLICATE_DEVICE);
  assert.match(r.source!, /\n {2}fence_device xvm : fence_xvm \{ \}\n {2}xml = "fencedevices\/fencedevice" \{ name = "xvm"; agent = "fence_xvm"; multicast_address = "225\.0\.0\.13" \}\n/);
  const raw = r.diagnostics.filter((d) => d.rule === 'import/raw-element');
  assert.equal(raw.length, 1);
  assert.equal(DUPLICATE_DEVICE.slice(raw[0]!.span.start).startsWith('fencedevice name="xvm" agent="fence_xvm" multicast'), true, 'reported at the second <fencedevice>');
});

test('self-check: a node without a nodeid stays a node block (the file says what is wrong where it is)', () => {
  const r = importClusterConf(DUPLICATE_DEVICE.replace('<clusternode name="node2" nodeid="2">', '<clusternode name="node2">'));
  assert.match(r.source!, /\n {2}node node2 \{\n {4}fence \{/);
  assert.doesNotMatch(r.source!, /xml = "clusternodes\/clusternode"/);
});

test('an element that is no fence device inside <fencedevices> is kept raw, with no internal error', () => {
  const xml = '<?xml version="1.0"?>\n<cluster name="c" config_version="1">\n  <clusternodes><clusternode name="n1" nodeid="1"/></clusternodes>\n  <fencedevices><f/><fencedevice name="x" agent="fence_xvm"/></fencedevices>\n</cluster>\n';
  const r = importClusterConf(xml);
  assert.deepEqual(r.diagnostics.filter((d) => d.rule.endsWith('/internal')), []);
  assert.ok(r.diagnostics.some((d) => d.rule === 'import/raw-element' && d.message.includes('<f> is not a fence device')), JSON.stringify(r.diagnostics));
  assert.match(r.source!, /xml = "fencedevices\/f" \{ \}/);
  assert.match(r.source!, /fence_device x : fence_xvm \{ \}/);
});

test('an element or attribute whose name a .cluster source cannot write is left out with an import/unwritable-name error, and the source compiles', () => {
  const xml = '<?xml version="1.0"?>\n<cluster name="c" config_version="1" xmlns:m="urn:m">\n  <clusternodes><clusternode name="n1" nodeid="1" m:a="1"/><clusternode name="n2" nodeid="2"/></clusternodes>\n  <rm><m:x><y/></m:x><ok é="1"/></rm>\n</cluster>\n';
  const r = importClusterConf(xml);
  const at = r.diagnostics.filter((d) => d.rule === 'import/unwritable-name').map((d) => xml.slice(d.span.start, d.span.end));
  assert.deepEqual(at, ['xmlns:m', 'm:a', 'm:x', 'é']);
  assert.doesNotMatch(r.source!, /m:x|m:a|xmlns|é/);
  assert.match(r.source!, /xml = "rm\/ok" \{ \}/);
  assert.equal(r.root!.children.length, 2, 'the model read from the XML keeps everything (lint still sees it)');
});
