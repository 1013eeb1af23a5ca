// `quorate check` on a raw cluster.conf, as a user runs it: findings at the XML line:column.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, STACK_TRACE, tempDir } from '../helpers.ts';

const good = `<?xml version="1.0"?>
<cluster name="c" config_version="1">
  <cman two_node="1" expected_votes="1"/>
  <clusternodes>
    <clusternode name="n1" nodeid="1"/>
    <clusternode name="n2" nodeid="2"/>
  </clusternodes>
  <rm>
    <service name="web" autostart="1">
      <ip address="10.0.0.5" monitor_link="1"/>
    </service>
  </rm>
</cluster>
`;

test('a schema-valid cluster.conf checks clean (exit 0)', () => {
  const dir = tempDir();
  const file = join(dir, 'cluster.conf');
  writeFileSync(file, good);
  const r = runCli(['check', file]);
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assert.equal(r.stdout, '');
});

test('schema findings on a raw cluster.conf name the file:line:column of the attribute or element', () => {
  const dir = tempDir();
  const file = join(dir, 'cluster.conf');
  writeFileSync(file, good.replace('monitor_link', 'monitr_link').replace('nodeid="2"', 'nodeid="two"').replace('<rm>', '<rm>\n    <vendor_ext x="1"/>'));
  const r = runCli(['check', file]);
  assert.equal(r.status, 1);
  assert.match(r.stdout, new RegExp(`^${file.replace(/[/.]/g, '\\$&')}:6:36: error config/nodeid: .*nodeid="two"`, 'm'));
  assert.match(r.stdout, /cluster\.conf:9:6: error xml\/unknown-element: .*<vendor_ext>/);
  assert.match(r.stdout, /cluster\.conf:11:30: error resource\/unknown-parameter: `monitr_link` is not a parameter of ip; did you mean `monitor_link`\?/);
  // the source line and a caret under the attribute
  assert.match(r.stdout, /\n {7}\| {30}\^~{10}\n/);
  const json = JSON.parse(runCli(['check', file, '--format', 'json']).stdout);
  const d = json.diagnostics.find((x: { rule: string }) => x.rule === 'resource/unknown-parameter');
  assert.deepEqual(d.range, { start: { line: 11, column: 30 }, end: { line: 11, column: 41 } });
});

test('malformed XML is reported with a position, detected by content or by a .conf name', () => {
  const dir = tempDir();
  const broken = join(dir, 'broken.txt');
  writeFileSync(broken, '\n  <cluster name="c" config_version="1">\n  <cman>\n</cluster>\n');
  const r = runCli(['check', broken]);
  assert.equal(r.status, 1);
  assert.match(r.stdout, /broken\.txt:3:4: error xml\/malformed: <cman> is never closed/);
  assert.doesNotMatch(r.stdout + r.stderr, STACK_TRACE);
  const empty = join(dir, 'empty.conf');
  writeFileSync(empty, '');
  const e = runCli(['check', empty]);
  assert.equal(e.status, 1);
  assert.match(e.stdout, /empty\.conf:1:1: error xml\/malformed: no root element/);
  const junk = join(dir, 'cluster.conf');
  writeFileSync(junk, 'cluster.conf got overwritten\n');
  const j = runCli(['check', junk]);
  assert.equal(j.status, 1);
  assert.match(j.stdout, /cluster\.conf:1:1: error xml\/malformed: text before the root element/);
});
