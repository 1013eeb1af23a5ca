// The simulator against the rules of domain-facts §2, §6 and its Corrections: quorum that never
// decreases, two_node, quorum disk votes, BEST-only failover with sets of possible owners,
// restricted/ordered/exclusive placement, the case-sensitive member match, timelines.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { modelOf, simulateFailure, simulateModel, type ScenarioDetail } from '../../../compiler/lint.ts';
import type { ConfElement } from '../../../compiler/model/conf.ts';

function conf(opts: { nodes?: number; votes?: number[]; top?: string; rm?: string; names?: string[] }): ConfElement {
  const n = opts.nodes ?? 3;
  const nodes = Array.from({ length: n }, (_, i) => {
    const name = opts.names?.[i] ?? `node${i + 1}`;
    return `<clusternode name="${name}" nodeid="${i + 1}"${opts.votes ? ` votes="${opts.votes[i]}"` : ''}><fence><method name="m"><device name="xvm" port="${name}"/></method></fence></clusternode>`;
  }).join('\n');
  const text = `<cluster name="t" config_version="1">${opts.top ?? ''}<clusternodes>${nodes}</clusternodes><fencedevices><fencedevice name="xvm" agent="fence_xvm"/></fencedevices><rm>${opts.rm ?? ''}</rm></cluster>`;
  const { model } = modelOf(text, 'cluster-conf');
  assert.ok(model);
  return model;
}

function fail(model: ConfElement, ...nodes: string[]): ScenarioDetail {
  const d = simulateFailure(model, nodes);
  assert.ok(!('unknown' in d));
  return d as ScenarioDetail;
}

const svc = (d: ScenarioDetail, name: string) => d.services.find((s) => s.service === name)!;

test('quorum does not decrease: 4 nodes with expected_votes=2 need 3 votes once all are up (Correction 2)', () => {
  const m = conf({ nodes: 4, top: '<cman expected_votes="2"/>' });
  const s = simulateModel(m);
  assert.equal(s.quorum.quorum, 3);
  assert.equal(fail(m, 'node1').quorum.quorate, true);
  const two = fail(m, 'node1', 'node2');
  assert.deepEqual(two.quorum, { votes: 2, quorum: 3, quorate: false });
  assert.deepEqual(two.fencing, [], 'an inquorate partition fences nobody');
});

test('two_node: one survivor keeps quorum 1; without two_node it loses quorum', () => {
  assert.equal(fail(conf({ nodes: 2, top: '<cman two_node="1" expected_votes="1"/>' }), 'node1').quorum.quorate, true);
  assert.equal(fail(conf({ nodes: 2 }), 'node1').quorum.quorate, false);
});

test('quorum disk votes count for the survivors (auto votes = nodes − 1)', () => {
  const m = conf({ nodes: 3, top: '<cman expected_votes="5"/><totem token="33000"/><quorumd label="q" interval="2" tko="5"/>' });
  const s = simulateModel(m);
  assert.equal(s.quorum.qdiskVotes, 2);
  assert.equal(s.quorum.quorum, 3);
  assert.deepEqual(fail(m, 'node1', 'node2').quorum, { votes: 3, quorum: 3, quorate: true });
});

const ordered = '<failoverdomains><failoverdomain name="d" ordered="1" restricted="0"><failoverdomainnode name="node1" priority="1"/><failoverdomainnode name="node2" priority="2"/></failoverdomain></failoverdomains>';

test('ordered domain: the most preferred online member runs it; failover goes only to a BEST node', () => {
  const m = conf({ nodes: 3, rm: `${ordered}<service name="web" domain="d"/>` });
  assert.deepEqual(simulateModel(m).baseline, [{ service: 'web', state: 'started', owners: ['node1'] }]);
  const d = fail(m, 'node1');
  assert.deepEqual(svc(d, 'web').owners, ['node2']);
  assert.equal(svc(d, 'web').moved, true);
  // With both members down, node3 (not a member, unrestricted) scores BEST.
  assert.deepEqual(svc(fail(m, 'node1', 'node2'), 'web').state, 'stopped', 'inquorate with 1 of 3 votes');
  const big = conf({ nodes: 5, rm: `${ordered}<service name="web" domain="d"/>` });
  assert.deepEqual(svc(fail(big, 'node1', 'node2'), 'web').owners, ['node3', 'node4', 'node5'], 'several BEST nodes: the set of possible owners');
});

test('unordered domain or no domain: every BEST node may win the race', () => {
  const m = conf({ nodes: 3, rm: '<failoverdomains><failoverdomain name="u" ordered="0"><failoverdomainnode name="node1"/><failoverdomainnode name="node3"/></failoverdomain></failoverdomains><service name="a" domain="u"/><service name="b"/>' });
  const base = simulateModel(m).baseline;
  assert.deepEqual(base[0]!.owners, ['node1', 'node3']);
  assert.deepEqual(base[1]!.owners, ['node1', 'node2', 'node3']);
  // The service stays where it runs when another node fails: still node1 or node3.
  assert.deepEqual(svc(fail(m, 'node2'), 'a').owners, ['node1', 'node3']);
});

test('restricted domain with no member up: the service stops', () => {
  const m = conf({ nodes: 3, rm: '<failoverdomains><failoverdomain name="r" restricted="1"><failoverdomainnode name="node1"/></failoverdomain></failoverdomains><service name="db" domain="r"/>' });
  const d = svc(fail(m, 'node1'), 'db');
  assert.equal(d.state, 'stopped');
  assert.match(d.reason!, /restricted domain unavailable/);
  const s = simulateModel(m);
  const f = s.findings.find((x) => x.kind === 'service-down' && x.service === 'db')!;
  assert.equal(f.minFailures, 1);
  assert.deepEqual(f.examples, [['node1']]);
});

test('exclusive: a BEST node taken by an exclusive service is not replaced by an idle GOOD node (Correction 1)', () => {
  const m = conf({
    nodes: 3,
    rm: '<failoverdomains><failoverdomain name="only1" restricted="1"><failoverdomainnode name="node1"/></failoverdomain><failoverdomain name="pref1" ordered="1"><failoverdomainnode name="node1" priority="1"/></failoverdomain></failoverdomains><service name="x" domain="only1" exclusive="1"/><service name="y" domain="pref1"/>',
  });
  const [x, y] = simulateModel(m).baseline;
  assert.deepEqual(x!.owners, ['node1']);
  assert.equal(y!.state, 'stopped');
  assert.match(y!.reason!, /taken by an exclusive service/);
});

test('a member name differing in case makes every node GOOD: the service never starts (Correction 4)', () => {
  const m = conf({ nodes: 2, top: '<cman two_node="1" expected_votes="1"/>', rm: '<failoverdomains><failoverdomain name="d" ordered="1"><failoverdomainnode name="Node1" priority="1"/></failoverdomain></failoverdomains><service name="web" domain="d"/>' });
  assert.equal(simulateModel(m).baseline[0]!.state, 'stopped');
  // Without the domain member online (NODE1 never matches a node either way) it would run anywhere.
});

test('autostart="0": disabled, and it stays disabled through failures', () => {
  const m = conf({ nodes: 3, rm: '<service name="web" autostart="0"/>' });
  assert.equal(simulateModel(m).baseline[0]!.state, 'disabled');
  assert.equal(svc(fail(m, 'node2'), 'web').state, 'disabled');
});

test('exhaustive up to 16 nodes; beyond, a stated, deterministic sample', () => {
  const m5 = simulateModel(conf({ nodes: 5 }));
  assert.equal(m5.method.kind, 'exhaustive');
  assert.equal(m5.method.scenarios, 31);
  const q = m5.findings.find((f) => f.kind === 'quorum-lost')!;
  assert.equal(q.minFailures, 3);
  assert.equal(q.count, 10);
  const m20 = conf({ nodes: 20 });
  const a = simulateModel(m20);
  assert.equal(a.method.kind, 'sampled');
  assert.match((a.method as { description: string }).description, /every single and double failure, plus \d+ random failure sets/);
  assert.deepEqual(simulateModel(m20), a);
  assert.equal(a.findings.find((f) => f.kind === 'quorum-lost')!.minFailures, 10);
});

test('timeline: token + consensus + post_fail_delay + fence delay + fence estimate', () => {
  const m = conf({ nodes: 3, top: '<totem token="20000"/><fence_daemon post_fail_delay="3"/>', rm: '<service name="web"/>' });
  const d = fail(m, 'node2');
  const t = d.fencing[0]!.timeline;
  assert.deepEqual(
    t.steps.map((s) => s.ms),
    [20000, 22000, 3000, 0, 5000, 0],
  );
  assert.equal(t.totalMs, 50000);
  const manual = conf({ nodes: 3 });
  const fd = manual.children.find((c) => c.tag === 'fencedevices')!.children[0]!;
  fd.attributes.find((a) => a.name === 'agent')!.value = 'fence_manual';
  assert.match(fail(manual, 'node1').fencing[0]!.timeline.blocked!, /fence_ack_manual/);
});

test('unknown node names are returned, not guessed', () => {
  assert.deepEqual(simulateFailure(conf({}), ['node9']), { unknown: ['node9'] });
});

test('class-level placement (no exclusive services) gives exactly the per-service result', () => {
  const domains =
    '<failoverdomains><failoverdomain name="o" ordered="1"><failoverdomainnode name="node1" priority="1"/><failoverdomainnode name="node2" priority="2"/></failoverdomain>' +
    '<failoverdomain name="r" restricted="1"><failoverdomainnode name="node5"/><failoverdomainnode name="node6"/></failoverdomain>' +
    '<failoverdomain name="u" ordered="0"><failoverdomainnode name="node3"/><failoverdomainnode name="node4"/></failoverdomain></failoverdomains>';
  const services = Array.from({ length: 12 }, (_, i) => `<service name="s${i}"${['', ' domain="o"', ' domain="r"', ' domain="u"'][i % 4]}${i === 7 ? ' autostart="0"' : ''}/>`).join('');
  const m = conf({ nodes: 7, rm: domains + services });
  const fast = simulateModel(m);
  const reference = simulateModel(m, { perService: true });
  assert.deepEqual({ ...fast, method: { ...fast.method, work: undefined } }, { ...reference, method: { ...reference.method, work: undefined } }, 'the same findings (the work differs)');
  assert.ok(fast.findings.some((f) => f.kind === 'service-down' && f.service === 's2' && f.minFailures === 2));
});

test('depend: a service waits for its dependency, wherever the dependency is written', () => {
  const m = conf({ nodes: 3, rm: '<failoverdomains><failoverdomain name="r" restricted="1"><failoverdomainnode name="node1"/></failoverdomain></failoverdomains><service name="web" depend="service:db"/><service name="db" domain="r"/>' });
  const base = simulateModel(m).baseline;
  assert.equal(base[0]!.state, 'started', 'db is written after web but starts first');
  const d = fail(m, 'node1');
  assert.equal(svc(d, 'db').state, 'stopped');
  // web was running elsewhere or on node1; where it survives it keeps running (depend_mode hard needs central_processing).
  assert.ok(svc(d, 'web').state === 'started' || /waits for service:db/.test(svc(d, 'web').reason ?? ''));
});

test('progress is reported as scenarios complete, ending at the total', () => {
  const calls: [number, number][] = [];
  const s = simulateModel(conf({ nodes: 13, rm: '<service name="a"/>' }), { onProgress: (d, t) => calls.push([d, t]) });
  assert.equal(s.method.scenarios, 8191);
  assert.ok(calls.length >= 2);
  assert.deepEqual(calls.at(-1), [8191, 8191]);
  for (let i = 1; i < calls.length; i++) assert.ok(calls[i]![0] >= calls[i - 1]![0]);
});
