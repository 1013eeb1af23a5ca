// Hover and completion docs show defaults in the language's own units: writing the default as
// shown must be valid source (`post_join_delay = 6s`, not `6`, which is an error).

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { attributeOf, compileText, element, fenceAgent, resourceAgent } from '../../compiler/api.ts';
import { attributeDoc } from '../../lsp/catalogue-docs.ts';

const doc = (spec: Parameters<typeof attributeOf>[0], name: string) => attributeDoc(attributeOf(spec, name)!);

test('defaults are shown as the language writes them, with cluster.conf spelling when it differs', () => {
  assert.match(doc(element('fence_daemon')!, 'post_join_delay'), /default: `6s` \(cluster\.conf: `6`\)/);
  assert.match(doc(element('totem')!, 'token'), /default: `10s` \(cluster\.conf: `10000`\)/);
  assert.match(doc(element('cman')!, 'two_node'), /default: `false` \(cluster\.conf: `0`\)/);
  assert.match(doc(fenceAgent('fence_ipmilan')!, 'delay'), /default: `0s` \(cluster\.conf: `0`\)/);
  assert.match(doc(resourceAgent('ip')!, 'sleeptime'), /default: `10s` \(cluster\.conf: `10`\)/);
  assert.match(doc(element('logging')!, 'syslog_facility'), /default: `local4`\s/);
});

test('a default shown in hover compiles when written as shown', () => {
  const shown = /default: `([^`]+)`/.exec(doc(element('fence_daemon')!, 'post_join_delay'))![1];
  const source = `cluster c {\n  config_version = 1\n  fence_daemon { post_join_delay = ${shown} }\n  node n1 { id = 1 }\n}\n`;
  const out = compileText(source);
  assert.deepEqual(out.diagnostics.filter((d) => d.rule.startsWith('type/')).map((d) => d.message), []);
  assert.match(out.outputs[0]!.text, /post_join_delay="6"/);
});

test('hover says how the agent reads a value, with the line of its code', () => {
  assert.match(doc(resourceAgent('fs')!, 'quick_status'), /read by fs-lib\.sh: only accepts "1" as on \(ra@26b01125 rgmanager\/src\/resources\/utils\/fs-lib\.sh\.in:76-77,1160\)/);
  assert.match(doc(fenceAgent('fence_ipmilan')!, 'delay'), /read by fencing\.py as an integer \(python-int\)/);
  assert.match(doc(resourceAgent('named')!, 'named_sdb'), /not read by named\.sh/);
});
