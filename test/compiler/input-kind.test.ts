// The one decision of what an input is: .cluster source, raw cluster.conf or fence_virt.conf.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { clusterInputKind, inputKindOf } from '../../compiler/api.ts';

const fenceVirt = 'fence_virtd {\n\tlistener = "multicast";\n\tbackend = "libvirt";\n}\n';

test('by name first for fence_virt.conf, then by content, then by name for XML', () => {
  assert.equal(inputKindOf('/etc/fence_virt.conf', ''), 'fence-virt-conf');
  assert.equal(inputKindOf('host1.fence_virt.conf', '<cluster/>'), 'fence-virt-conf');
  assert.equal(inputKindOf('virt.conf', fenceVirt), 'fence-virt-conf');
  assert.equal(inputKindOf('-', fenceVirt), 'fence-virt-conf');
  assert.equal(inputKindOf('site.cluster', fenceVirt), 'cluster', 'a .cluster file with only a fence_virtd block is source');
  assert.equal(inputKindOf('-', `${fenceVirt}cluster lab {\n}\n`), 'cluster');
  assert.equal(inputKindOf('site.cluster', '\uFEFF  <cluster name="c"/>'), 'cluster-conf', 'XML content wins over the name');
  assert.equal(inputKindOf('cluster.conf', 'not xml at all'), 'cluster-conf', 'a broken cluster.conf gets XML diagnostics');
  assert.equal(inputKindOf('x.XML', ''), 'cluster-conf');
  assert.equal(inputKindOf(undefined, 'cluster c { }'), 'cluster');
});

test('bytes are judged like text; commands that read only clusters ignore fence_virt.conf', () => {
  const bytes = new TextEncoder().encode(fenceVirt);
  assert.equal(inputKindOf('virt.conf', bytes), 'fence-virt-conf');
  assert.equal(clusterInputKind('virt.conf', bytes), 'cluster-conf');
  assert.equal(clusterInputKind('-', fenceVirt), 'cluster');
  assert.equal(clusterInputKind('-', new TextEncoder().encode('\n<cluster/>')), 'cluster-conf');
});
