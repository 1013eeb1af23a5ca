// The incremental placement the exhaustive simulation uses gives, for every failure set, exactly
// what placing every service with `place` gives — on generated clusters with exclusive services
// (sharing domains with others, alone in a restricted one-node domain, in no domain), ordered
// domains with tied priorities, restricted and nofailback domains, member names that differ in
// case, disabled services. And `simulateModel` gives byte-identical findings either way.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { modelOf, simulateModel } from '../../../compiler/lint.ts';
import type { ConfElement } from '../../../compiler/model/conf.ts';
import { ClusterFacts } from '../../../compiler/model/facts.ts';
import { IncrementalPlacement } from '../../../compiler/simulate/incremental.ts';
import { mulberry32 } from '../../../compiler/simulate/index.ts';
import { place, placementClasses, PlacementModel, type ServicePlacement } from '../../../compiler/simulate/placement.ts';

/** The simulation without its work figures: the two paths do different work for the same findings. */
function findingsOf(s: ReturnType<typeof simulateModel>): string {
  const { work: _work, ...method } = s.method;
  return JSON.stringify({ ...s, method });
}

interface Shape {
  nodes: number;
  domains: { name: string; ordered: boolean; restricted: boolean; nofailback: boolean; members: { name: string; priority: number }[] }[];
  services: { domain?: string; exclusive: boolean; autostart: boolean; depend?: string }[];
}

function clusterConf(s: Shape): string {
  const names = Array.from({ length: s.nodes }, (_, i) => `node${i + 1}`);
  const nodes = names.map((n, i) => `<clusternode name="${n}" nodeid="${i + 1}"><fence><method name="m"><device name="xvm" port="${n}"/></method></fence></clusternode>`).join('');
  const domains = s.domains
    .map(
      (d) =>
        `<failoverdomain name="${d.name}" ordered="${d.ordered ? 1 : 0}" restricted="${d.restricted ? 1 : 0}" nofailback="${d.nofailback ? 1 : 0}">` +
        d.members.map((m) => `<failoverdomainnode name="${m.name}"${d.ordered ? ` priority="${m.priority}"` : ''}/>`).join('') +
        '</failoverdomain>',
    )
    .join('');
  const services = s.services
    .map((v, i) => `<service name="s${i}"${v.domain ? ` domain="${v.domain}"` : ''}${v.exclusive ? ' exclusive="1"' : ''}${v.autostart ? '' : ' autostart="0"'}${v.depend ? ` depend="${v.depend}"` : ''} recovery="relocate"/>`)
    .join('');
  return `<cluster name="t" config_version="1"><clusternodes>${nodes}</clusternodes><fencedevices><fencedevice name="xvm" agent="fence_xvm"/></fencedevices><rm><failoverdomains>${domains}</failoverdomains>${services}</rm></cluster>`;
}

function randomShape(seed: number): Shape {
  const rnd = mulberry32(seed);
  const pick = (k: number) => Math.floor(rnd() * k);
  const nodes = 3 + pick(5);
  const domains: Shape['domains'] = [];
  const domainCount = 1 + pick(4);
  for (let d = 0; d < domainCount; d++) {
    const members: { name: string; priority: number }[] = [];
    for (let i = 1; i <= nodes; i++)
      if (rnd() < 0.45) members.push({ name: rnd() < 0.05 ? `Node${i}` : `node${i}`, priority: 1 + pick(3) });
    if (!members.length) members.push({ name: `node${1 + pick(nodes)}`, priority: 1 });
    domains.push({ name: `d${d}`, ordered: rnd() < 0.5, restricted: rnd() < 0.5, nofailback: rnd() < 0.3, members });
  }
  // A one-node restricted domain: an exclusive service there surely occupies that node.
  domains.push({ name: 'solo', ordered: false, restricted: true, nofailback: false, members: [{ name: `node${1 + pick(nodes)}`, priority: 1 }] });
  const services: Shape['services'] = [];
  const serviceCount = 6 + pick(20);
  for (let i = 0; i < serviceCount; i++) {
    const r = pick(domains.length + 1);
    services.push({ ...(r < domains.length ? { domain: domains[r]!.name } : {}), exclusive: rnd() < 0.3, autostart: rnd() >= 0.08 });
  }
  return { nodes, domains, services };
}

/** The bench's shape, small: an ordered domain of all nodes, an unordered half, a restricted pair, none; one in `every` exclusive. */
function benchShape(nodes: number, count: number, every: number): Shape {
  const names = Array.from({ length: nodes }, (_, i) => `node${i + 1}`);
  return {
    nodes,
    domains: [
      { name: 'all', ordered: true, restricted: false, nofailback: false, members: names.map((name, i) => ({ name, priority: i + 1 })) },
      { name: 'half', ordered: false, restricted: false, nofailback: false, members: names.slice(0, nodes >> 1).map((name) => ({ name, priority: 1 })) },
      { name: 'pair', ordered: false, restricted: true, nofailback: true, members: names.slice(-2).map((name) => ({ name, priority: 1 })) },
    ],
    services: Array.from({ length: count }, (_, s) => ({ ...(s % 4 < 3 ? { domain: ['all', 'half', 'pair'][s % 4]! } : {}), exclusive: s % every === every - 1, autostart: true })),
  };
}

function modelFor(shape: Shape): ConfElement {
  const { model } = modelOf(clusterConf(shape), 'cluster-conf');
  assert.ok(model);
  return model;
}

// Two exclusive services of one class with a non-exclusive service between them: once node1,
// node4 and node5 fail, neither keeps a surviving owner, the first may start on node2, node3,
// node6 or node7, then the other lands on node2 alone, so the second must not take node2.
const busyBetween: Shape = {
  nodes: 7,
  domains: [
    { name: 'u', ordered: false, restricted: false, nofailback: false, members: ['node4', 'node5'].map((name) => ({ name, priority: 1 })) },
    { name: 'o', ordered: true, restricted: false, nofailback: false, members: [{ name: 'node1', priority: 1 }, { name: 'node2', priority: 2 }] },
  ],
  services: [
    { domain: 'u', exclusive: true, autostart: true },
    { domain: 'o', exclusive: false, autostart: true },
    { domain: 'u', exclusive: true, autostart: true },
  ],
};

const shapes: [string, Shape][] = [
  ['busy between two exclusive services of one class', busyBetween],
  ...Array.from({ length: 40 }, (_, k): [string, Shape] => [`random #${k}`, randomShape(1000 + k)]),
  ['bench-shaped, 1 in 5 exclusive', benchShape(7, 40, 5)],
  ['bench-shaped, 1 in 2 exclusive', benchShape(6, 30, 2)],
  ['bench-shaped, no exclusive', benchShape(7, 40, 1000)],
];

test('incremental placement equals placing every service, in every failure set', () => {
  const seen = { exclusiveTakesNode: 0, exclusiveConflict: 0, stopped: 0, grouped: 0 };
  for (const [label, shape] of shapes) {
    const pm = new PlacementModel(new ClusterFacts(modelFor(shape)));
    const n = pm.nodeNames.length;
    const baseline = place(pm, pm.nodeNames.map(() => true));
    const classes = placementClasses(pm, baseline);
    assert.ok(IncrementalPlacement.applies(pm), label);
    const inc = new IncrementalPlacement(pm, baseline);
    if (inc.units.length < pm.services.length) seen.grouped++;
    for (let mask = 1; mask < 1 << n; mask++) {
      const online = pm.nodeNames.map((_, i) => !(mask & (1 << i)));
      const expected: ServicePlacement[] = place(pm, online, baseline);
      inc.run(online);
      const got = inc.placements();
      assert.deepStrictEqual(got, expected, `${label}, failed ${pm.nodeNames.filter((_, i) => !online[i]).join(',')}`);
      assert.deepStrictEqual(place(pm, online, baseline, classes), expected, `${label}: class-cached place`);
      expected.forEach((p, i) => {
        if (p.state === 'stopped') seen.stopped++;
        if (p.exclusiveConflict) seen.exclusiveConflict++;
        if (pm.services[i]!.fact.exclusive && p.state === 'started' && p.owners.length === 1 && p !== baseline[i]) seen.exclusiveTakesNode++;
      });
    }
  }
  // The generated clusters exercise what the incremental placement shortcuts.
  assert.ok(seen.exclusiveTakesNode > 0 && seen.exclusiveConflict > 0 && seen.stopped > 0 && seen.grouped > 0, JSON.stringify(seen));
});

test('simulateModel: the incremental findings are byte-identical to the per-service ones', () => {
  for (const [label, shape] of shapes) {
    const m = modelFor(shape);
    const fast = simulateModel(m);
    const reference = simulateModel(m, { perService: true });
    assert.equal(findingsOf(fast), findingsOf(reference), label);
  }
});

test('services with the same name keep the per-service order of findings', () => {
  // Two services named alike in different classes (not a valid cluster, but the order must not depend on the path).
  const shape = benchShape(5, 12, 3);
  const text = clusterConf(shape).replace('name="s5"', 'name="s2"').replace('name="s9"', 'name="s2"');
  const { model } = modelOf(text, 'cluster-conf');
  assert.ok(model);
  assert.equal(findingsOf(simulateModel(model)), findingsOf(simulateModel(model, { perService: true })));
});

test('dependencies: the incremental placement does not apply, the simulation places every service', () => {
  const shape = benchShape(5, 10, 4);
  shape.services[0]!.depend = 'service:s3';
  const m = modelFor(shape);
  const pm = new PlacementModel(new ClusterFacts(m));
  assert.equal(IncrementalPlacement.applies(pm), false);
  assert.equal(findingsOf(simulateModel(m)), findingsOf(simulateModel(m, { perService: true })));
});
