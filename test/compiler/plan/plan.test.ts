// compiler/plan: the diff of two small models in the cluster's terms, and the verdict with its
// terraform-style exit code (0 nothing to do, 2 safe change, 1 refused). In-process; the CLI's
// plan command as a process is test/cli/plan.test.ts.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeClusterConf } from '../../../compiler/api.ts';
import { lintSource } from '../../../compiler/lint.ts';
import type { Diagnostic } from '../../../compiler/diagnostics.ts';
import type { ConfElement } from '../../../compiler/model/conf.ts';
import { diffModels } from '../../../compiler/plan/diff.ts';
import { makePlan, planJson, renderPlanText } from '../../../compiler/plan/plan.ts';
import { requireShared } from '../../helpers.ts';

interface Shape {
  version?: number;
  /** name → votes */
  nodes?: Record<string, number>;
  passwd?: string;
  resources?: string;
  service?: string;
}

/** A three-node cluster as raw cluster.conf, read into a model. */
function model(s: Shape = {}): ConfElement {
  const nodes = Object.entries(s.nodes ?? { a: 1, b: 1, c: 1 })
    .map(([n, v], i) => `<clusternode name="${n}" nodeid="${i + 1}" votes="${v}"><fence><method name="m"><device name="ipmi" port="${n}"/></method></fence></clusternode>`)
    .join('');
  const xml = `<?xml version="1.0"?>
<cluster name="c" config_version="${s.version ?? 1}">
  <clusternodes>${nodes}</clusternodes>
  <fencedevices><fencedevice name="ipmi" agent="fence_ipmilan" ipaddr="10.0.0.9" login="admin" passwd="${s.passwd ?? 'old-secret'}"/></fencedevices>
  <rm>
    <resources>${s.resources ?? '<ip address="10.0.0.100" monitor_link="1"/>'}</resources>
    ${s.service ?? '<service name="web" recovery="restart"><ip ref="10.0.0.100"/></service>'}
  </rm>
</cluster>
`;
  const r = analyzeClusterConf(xml);
  assert.ok(r.root, JSON.stringify(r.diagnostics));
  return r.root;
}

const changes = (m: ReturnType<typeof diffModels>, title: string) => m.sections.find((s) => s.title === title)!.changes;

test('two equal models: no change, exit 0', () => {
  const p = makePlan(model(), model(), []);
  assert.equal(p.changeCount, 0);
  assert.equal(p.verdict, 'no-change');
  assert.equal(p.exitCode, 0);
  assert.deepEqual(p.refusals, []);
  assert.match(renderPlanText(p), /No changes: the deployed configuration already matches\.\n$/);
});

test('a node added with a higher config_version: the Nodes change, the quorum before and after, a safe change (exit 2)', () => {
  const p = makePlan(model(), model({ version: 2, nodes: { a: 1, b: 1, c: 1, d: 1 } }), []);
  assert.deepEqual(changes(p, 'Nodes'), [{ kind: '+', what: 'node d (id 4, 1 vote)', details: [] }]);
  assert.deepEqual(p.version, { deployed: 1, next: 2 });
  assert.equal(p.quorum.deployed.quorum, 2);
  assert.equal(p.quorum.next.quorum, 3);
  assert.equal(p.verdict, 'safe-change');
  assert.equal(p.exitCode, 2);
  const text = renderPlanText(p);
  assert.match(text, /^Plan for cluster c: config_version 1 → 2\n/);
  assert.match(text, /Quorum before: 3 nodes, expected votes 3, quorum 2\nQuorum after: {2}4 nodes, expected votes 4, quorum 3\n/);
  assert.match(text, /Safe to deploy: 1 change\./);
});

test('a change without a higher config_version is refused (exit 1), as cman refuses the reload', () => {
  const p = makePlan(model(), model({ nodes: { a: 1, b: 1, d: 1 } }), []);
  assert.equal(p.verdict, 'refused');
  assert.equal(p.exitCode, 1);
  assert.equal(p.refusals.length, 1);
  assert.match(p.refusals[0], /config_version must be greater than the deployed 1; it is 1/);
  assert.deepEqual(changes(p, 'Nodes').map((c) => `${c.kind} ${c.what}`), ['+ node d (id 3, 1 vote)', '- node c (id 3, 1 vote)']);
});

test('an error in the new configuration refuses the plan, whatever else it changes', () => {
  const error: Diagnostic = { rule: 'x/y', severity: 'error', message: 'boom', span: { start: 0, end: 1 } };
  const warning: Diagnostic = { ...error, severity: 'warning' };
  assert.equal(makePlan(model(), model({ version: 2 }), [warning]).verdict, 'safe-change');
  const p = makePlan(model(), model({ version: 2 }), [error, error]);
  assert.equal(p.exitCode, 1);
  assert.deepEqual(p.refusals, ['2 errors in the new configuration']);
});

test('a change that makes one node\'s failure lose quorum is refused; an already unsafe one is not new', () => {
  const p = makePlan(model(), model({ version: 2, nodes: { a: 3, b: 1, c: 1 } }), []);
  assert.equal(p.verdict, 'refused');
  assert.deepEqual(p.safety.newlyUnsafe.map((s) => s.node), ['a']);
  assert.match(p.refusals.join('\n'), /losing node a alone would now lose quorum \(2 votes left, quorum 3\)/);
  assert.match(renderPlanText(p), /✗ losing a loses quorum \(2 votes left, quorum 3\) — new with this change/);
  // Deployed already that way: the risk is not new, so only the change itself is judged.
  const again = makePlan(model({ nodes: { a: 3, b: 1, c: 1 } }), model({ version: 2, nodes: { a: 3, b: 1, c: 1 }, passwd: 'new-secret' }), []);
  assert.equal(again.verdict, 'safe-change');
  assert.deepEqual(again.safety.newlyUnsafe, []);
});

test('a fence device change is shown without the password values', () => {
  const p = makePlan(model(), model({ version: 2, passwd: 'new-secret' }), []);
  const fencing = changes(p, 'Fencing');
  assert.deepEqual(fencing.map((c) => c.what), ['fence device ipmi']);
  assert.match(fencing[0].details.join('\n'), /^passwd "…"/);
  assert.doesNotMatch(renderPlanText(p) + JSON.stringify(planJson(p)), /secret/);
});

test('services: a reconfig attribute is reconfigured in place, any other change restarts', () => {
  const inPlace = diffModels(model(), model({ service: '<service name="web" recovery="relocate"><ip ref="10.0.0.100"/></service>' }));
  assert.deepEqual(changes(inPlace, 'Services'), [{ kind: '~', what: 'service web', details: ['recovery "restart" → "relocate"', 'rgmanager reconfigures service:web in place (no restart)'] }]);
  const restart = diffModels(model(), model({ service: '<service name="web" recovery="restart" max_restarts="3"><ip ref="10.0.0.100"/></service>' }));
  assert.deepEqual(changes(restart, 'Services')[0].details, ['max_restarts set to "3"', 'rgmanager stops and restarts service:web']);
});

test('a change in a resource the service uses by ref= is a change of the service', () => {
  const d = diffModels(model(), model({ resources: '<ip address="10.0.0.100" monitor_link="0"/>' }));
  assert.deepEqual(changes(d, 'Services'), [{ kind: '~', what: 'service web', details: ['resource tree changed', 'rgmanager stops and restarts service:web (its resources changed)'] }]);
});

test('planJson carries the verdict, exit code and only the sections that changed', () => {
  const j = planJson(makePlan(model(), model({ version: 2, nodes: { a: 1, b: 1, c: 1, d: 1 } }), [])) as Record<string, unknown>;
  assert.equal(j.verdict, 'safe-change');
  assert.equal(j.exitCode, 2);
  assert.deepEqual(j.configVersion, { deployed: 1, next: 2 });
  assert.deepEqual((j.changes as { section: string }[]).map((c) => c.section), ['Nodes']);
  assert.deepEqual(j.newlyUnsafe, []);
});

test('every hand-written cluster.conf of the corpus as the deployed side: a plan, never an exception', (t) => {
  const shared = requireShared(t);
  if (!shared) return;
  const dir = join(shared, 'corpus', 'cluster.conf');
  let tried = 0;
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.conf')).sort()) {
    const text = readFileSync(join(dir, f), 'utf8');
    const m = /config_version="(\d+)"/.exec(text);
    if (!m) continue;
    const deployed = analyzeClusterConf(text).root;
    assert.ok(deployed, f);
    // The same file with a higher config_version: nothing else changes, so only its own findings
    // can refuse it (as `quorate plan` counts every finding of `quorate lint`).
    const nextText = text.replace(/config_version="\d+"/, `config_version="${Number(m[1]) + 1}"`);
    const lint = lintSource(nextText, { fileName: 'cluster.conf' });
    assert.ok(lint.model, f);
    const p = makePlan(deployed, lint.model, lint.diagnostics);
    assert.equal(p.changeCount, 0, `${f}: ${JSON.stringify(p.sections.filter((s) => s.changes.length))}`);
    const errors = lint.diagnostics.filter((d) => d.severity === 'error').length;
    assert.equal(p.verdict, errors > 0 ? 'refused' : 'safe-change', f);
    assert.equal(p.exitCode, errors > 0 ? 1 : 2, f);
    assert.match(renderPlanText(p), new RegExp(`config_version ${m[1]} → ${Number(m[1]) + 1}`), f);
    tried++;
  }
  assert.ok(tried >= 10, `tried ${tried} corpus files`);
});
