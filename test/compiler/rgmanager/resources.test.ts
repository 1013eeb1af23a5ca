// The one `ref=` resolver (find_resource_by_ref): by primary value, else by a unique and
// required attribute, the first stored winning; refs to inline resources refused. The loader,
// findResource, the resource rules and plan all resolve through it.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ConfElement } from '../../../compiler/model/conf.ts';
import { ClusterFacts } from '../../../compiler/model/facts.ts';
import { buildResourceTree, findResource, referencedDefinition, RefIndex, type RefCandidate } from '../../../compiler/rgmanager/tree.ts';
import { definitionOf, resourceTrees } from '../../../compiler/rgmanager/resources.ts';
import { lintSource } from '../../../compiler/lint.ts';

type Attrs = Record<string, string>;
function el(tag: string, attrs: Attrs = {}, ...children: ConfElement[]): ConfElement {
  return { tag, attributes: Object.entries(attrs).map(([name, value]) => ({ name, value })), children };
}

function cluster(resources: ConfElement[], ...services: ConfElement[]): ConfElement {
  return el('cluster', { name: 'c', config_version: '1' }, el('rm', {}, el('resources', {}, ...resources), ...services));
}

const candidate = (type: string, id: string, attrs: RefCandidate['attrs']): RefCandidate & { id: string } => ({ type, attrs, id });
const flags = { primary: false, unique: false, required: false };

test('RefIndex: the primary value wins over a unique+required one; the first candidate of each wins', () => {
  const index = new RefIndex<RefCandidate & { id: string }>();
  index.add(candidate('fs', 'a', [{ ...flags, name: 'mountpoint', value: 'x', unique: true, required: true }]));
  index.add(candidate('fs', 'b', [{ ...flags, name: 'name', value: 'x', primary: true }]));
  index.add(candidate('fs', 'c', [{ ...flags, name: 'name', value: 'x', primary: true }]));
  index.add(candidate('ip', 'd', [{ ...flags, name: 'address', value: 'y', primary: true }]));
  assert.equal(index.find('fs', 'x')?.id, 'b');
  assert.equal(index.find('ip', 'x'), undefined);
  assert.equal(index.find('ip', 'y')?.id, 'd');
  // A unique attribute that is not required, or an inherited one, is no key.
  const other = new RefIndex<RefCandidate & { id: string }>();
  other.add(candidate('fs', 'e', [{ ...flags, name: 'device', value: 'z', unique: true }]));
  other.add(candidate('fs', 'f', [{ ...flags, name: 'mountpoint', value: 'w', unique: true, required: true, inherit: true }]));
  assert.equal(other.find('fs', 'z'), undefined);
  assert.equal(other.find('fs', 'w'), undefined);
});

const fsData = () => el('fs', { name: 'data', device: '/dev/sdb1', mountpoint: '/mnt/data' });

test('a ref naming a unique+required value (an fs mountpoint) resolves, in the tree and for the rules', () => {
  const model = cluster([fsData()], el('service', { name: 's' }, el('fs', { ref: '/mnt/data' })));
  const tree = buildResourceTree(model);
  assert.deepEqual(tree.messages, []);
  assert.equal(tree.roots[0]!.children[0]!.resource.attrs.find((a) => a.name === 'name')?.value, 'data');
  assert.equal(referencedDefinition(tree, 'fs', '/mnt/data')?.attrs[0]?.value, 'data');
  const nodes = resourceTrees(new ClusterFacts(model));
  const ref = nodes.find((n) => n.isRef)!;
  assert.equal(definitionOf(nodes, ref)?.element, model.children[0]!.children[0]!.children[0]);
});

test('a ref to an inline resource is refused by the tree resolver', () => {
  const model = cluster([], el('service', { name: 's' }, fsData()), el('service', { name: 't' }, el('fs', { ref: 'data' })));
  const tree = buildResourceTree(model);
  assert.ok(findResource(tree, 'fs', 'data'));
  assert.equal(referencedDefinition(tree, 'fs', 'data'), undefined);
  assert.deepEqual(tree.messages.map((m) => m.text), ['Error: Reference to inlined resource data (type fs) is illegal']);
});

test('resource/undefined-ref and resource/unused follow rgmanager: an fs used by its mountpoint is defined and used', () => {
  const xml = `<?xml version="1.0"?>
<cluster name="c" config_version="1">
  <clusternodes><clusternode name="n1" nodeid="1"/><clusternode name="n2" nodeid="2"/></clusternodes>
  <rm>
    <resources><fs name="data" device="/dev/sdb1" mountpoint="/mnt/data"/></resources>
    <service name="s"><fs ref="/mnt/data"/></service>
    <service name="t"><fs ref="/mnt/other"/></service>
  </rm>
</cluster>
`;
  const ids = lintSource(xml, { kind: 'cluster-conf' }).diagnostics.map((d) => d.rule).filter((r) => r.startsWith('resource/'));
  assert.deepEqual(ids, ['resource/undefined-ref']);
});

test('the resources as written are collected once per facts, and a ref resolves the same on every ask', () => {
  const model = cluster([fsData(), el('fs', { name: 'other', device: '/dev/sdc1', mountpoint: '/mnt/other' })], el('service', { name: 's' }, el('fs', { ref: 'data' }), el('fs', { ref: 'nothing' })));
  const facts = new ClusterFacts(model);
  const nodes = resourceTrees(facts);
  assert.equal(resourceTrees(facts), nodes);
  assert.notEqual(resourceTrees(new ClusterFacts(model)), nodes);
  const [good, bad] = nodes.filter((n) => n.isRef);
  for (let k = 0; k < 2; k++) {
    assert.equal(definitionOf(nodes, good!)?.element, model.children[0]!.children[0]!.children[0]);
    assert.equal(definitionOf(nodes, bad!), undefined);
  }
  // A reference that is not in the list (the importer asks about one it is writing).
  const asked = { element: el('fs', { ref: '/mnt/other' }), agent: good!.agent, parent: undefined, global: false, isRef: true };
  assert.equal(definitionOf(nodes, asked)?.element, model.children[0]!.children[0]!.children[1]);
});
