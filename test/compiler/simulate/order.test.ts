// rgmanager's resource tree and start/stop order on hand-built models (domain-facts §7.2-7.4,
// §9.3, Corrections 3): levels, untyped children, wrong-case tags, forbid, refs, maxinstances,
// missing required attributes, and properties that must hold for any tree.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readClusterConf } from '../../../compiler/import/read-xml.ts';
import type { ConfElement } from '../../../compiler/model/conf.ts';
import { requireShared } from '../../helpers.ts';
import { buildResourceTree } from '../../../compiler/rgmanager/tree.ts';
import {
  operationOrder,
  orderRuns,
  orderTargets,
  rgTestNoop,
  serviceNames,
  startOrder,
  stopOrder,
} from '../../../compiler/simulate/order.ts';

type Attrs = Record<string, string>;
function el(tag: string, attrs: Attrs = {}, ...children: ConfElement[]): ConfElement {
  return { tag, attributes: Object.entries(attrs).map(([name, value]) => ({ name, value })), children };
}
const cluster = (...rm: ConfElement[]) => el('cluster', { name: 'c', config_version: '1' }, el('rm', {}, ...rm));
const lines = (steps: { type: string; name: string }[] | undefined) => (steps ?? []).map((s) => `${s.type}:${s.name}`);

test('service children start by the service levels, untyped ones after them in file order', () => {
  const c = cluster(
    el('service', { name: 's' },
      el('apache', { name: 'web' }),
      el('script', { name: 'sc', file: '/x' }),
      el('ip', { address: '10.0.0.1' }),
      el('fs', { name: 'f', mountpoint: '/m', device: '/dev/a' }),
      el('mysql', { name: 'db' }),
      el('lvm', { name: 'lv', vg_name: 'vg' }),
      el('smb', { name: 'smb1' }),
    ),
  );
  assert.deepEqual(lines(startOrder(c, 's')), ['service:s', 'lvm:lv', 'fs:f', 'ip:10.0.0.1', 'smb:smb1', 'script:sc', 'apache:web', 'mysql:db']);
  // Stop: untyped in reverse, then by stop level (script 1, ip 2, smb 3, …, lvm 9), the service last.
  assert.deepEqual(lines(stopOrder(c, 's')), ['mysql:db', 'apache:web', 'script:sc', 'ip:10.0.0.1', 'smb:smb1', 'fs:f', 'lvm:lv', 'service:s']);
});

test('children of an agent that declares none run in file order, reversed on stop', () => {
  const c = cluster(el('service', { name: 's' }, el('script', { name: 'outer', file: '/o' }, el('ip', { address: '1.1.1.1' }), el('fs', { name: 'f', mountpoint: '/m', device: '/d' }), el('script', { name: 'inner', file: '/i' }))));
  assert.deepEqual(lines(startOrder(c, 's')), ['service:s', 'script:outer', 'ip:1.1.1.1', 'fs:f', 'script:inner']);
  assert.deepEqual(lines(stopOrder(c, 's')), ['script:inner', 'fs:f', 'ip:1.1.1.1', 'script:outer', 'service:s']);
});

test('steps carry depth and the element they come from', () => {
  const fs = el('fs', { name: 'f', mountpoint: '/m', device: '/d' }, el('nfsexport', { name: 'e' }, el('nfsclient', { name: 'cl', target: '*' })));
  const c = cluster(el('service', { name: 's' }, fs));
  const steps = startOrder(c, 's')!;
  assert.deepEqual(steps.map((s) => s.depth), [0, 1, 2, 3]);
  assert.equal(steps[1]!.element, fs);
  assert.equal(steps[1]!.definition, fs);
  assert.ok(steps.every((s) => s.op === 'start'));
  assert.equal(startOrder(c, 'nope'), undefined);
  assert.equal(stopOrder(c, 'nope'), undefined);
});

test('a wrong-case tag is loaded as untyped but ordered at its type level, after the right-case ones', () => {
  const c = cluster(
    el('service', { name: 's' },
      el('IP', { address: '10.0.0.9' }),
      el('ip', { address: '10.0.0.1' }),
      // forbid is checked case-sensitively: NFSExport under ip is loaded.
      el('ip', { address: '10.0.0.2' }, el('NFSExport', { name: 'ne' }), el('nfsexport', { name: 'dropped' })),
    ),
  );
  assert.deepEqual(lines(startOrder(c, 's')), ['service:s', 'ip:10.0.0.1', 'ip:10.0.0.2', 'nfsexport:ne', 'ip:10.0.0.9']);
});

test('forbidden children are not loaded at all', () => {
  const c = cluster(el('service', { name: 's' }, el('ip', { address: '10.0.0.1' }, el('nfsclient', { name: 'c', target: '*' }), el('script', { name: 'sc', file: '/x' }))));
  assert.deepEqual(lines(startOrder(c, 's')), ['service:s', 'ip:10.0.0.1', 'script:sc']);
});

test('a missing required attribute ends the typed siblings of that type, silently', () => {
  const c = cluster(
    el('service', { name: 's' },
      el('fs', { name: 'f1', mountpoint: '/1', device: '/d1' }),
      el('fs', { name: 'f2', mountpoint: '/2' }),
      el('fs', { name: 'f3', mountpoint: '/3', device: '/d3' }),
      el('ip', { address: '10.0.0.1' }),
    ),
  );
  const tree = buildResourceTree(c);
  assert.deepEqual(tree.messages, []);
  assert.deepEqual(lines(operationOrder(tree, 'start')), ['service:s', 'fs:f1', 'ip:10.0.0.1']);
});

test('an untyped child that fails to load ends all later untyped siblings, with its XPath', () => {
  const bad = el('apache', { server_root: '/x' });
  const c = cluster(el('service', { name: 's' }, el('apache', { name: 'a1' }), bad, el('mysql', { name: 'm' }), el('ip', { address: '10.0.0.2' })));
  const tree = buildResourceTree(c);
  assert.deepEqual(tree.messages.map((m) => m.text), ['No resource found @ /cluster/rm/child::*[1]/child::*[2]']);
  assert.equal(tree.messages[0]!.element, bad);
  assert.deepEqual(lines(operationOrder(tree, 'start')), ['service:s', 'ip:10.0.0.2', 'apache:a1']);
});

test('an empty attribute value counts as missing', () => {
  const c = cluster(el('service', { name: 's' }, el('script', { name: 'a', file: '' }), el('script', { name: 'b', file: '/b' })));
  assert.deepEqual(lines(startOrder(c, 's')), ['service:s']);
});

test('refs: definitions from <resources>, the same type only, with rgmanager messages for bad ones', () => {
  const c = cluster(
    el('resources', {},
      el('script', { name: 'rs', file: '/etc/init.d/rs' }),
      el('ip', { address: '10.1.1.1' }),
      el('script', { name: 'dup', file: '/etc/init.d/rs' }),
    ),
    el('service', { name: 's1' }, el('script', { ref: 'nonexist' }), el('script', { ref: 'rs' }), el('script', { name: 'inl', file: '/i' }), el('ip', { ref: '10.1.1.1' })),
    el('service', { name: 's2' }, el('script', { ref: 'inl' }), el('ip', { ref: '10.1.1.1' }), el('script', { ref: '/etc/init.d/rs', file: 'ignored' }), el('ip', { ref: 'rs' })),
  );
  const tree = buildResourceTree(c);
  assert.deepEqual(tree.messages.map((m) => m.text), [
    'Error: Unique attribute collision. type=script attr=file value=/etc/init.d/rs',
    'Error storing script resource',
    'Error: Reference to nonexistent resource nonexist (type script)',
    // s2's typed children load by the service's type order: ip before script.
    // ip has maxinstances=1; rgmanager names the primary *attribute* here.
    'Warning: Max references exceeded for resource address (type ip)',
    'Error: Reference to nonexistent resource rs (type ip)',
    'Error: Reference to inlined resource inl (type script) is illegal',
  ]);
  assert.deepEqual(lines(startOrder(c, 's1')), ['service:s1', 'ip:10.1.1.1', 'script:rs', 'script:inl']);
  // A ref may name a unique+required attribute (script file) instead of the primary.
  assert.deepEqual(lines(startOrder(c, 's2')), ['service:s2', 'script:rs']);
  const rs = tree.resources.find((r) => r.type === 'script' && r.attrs[0]!.value === 'rs')!;
  assert.equal(rs.refs, 2);
  assert.deepEqual(rs.attrs.find((a) => a.name === 'file')?.value, '/etc/init.d/rs');
});

test('rg_test output: load messages, then Starting/…/complete; a resource target runs every use of it', () => {
  const c = cluster(
    el('resources', {}, el('script', { name: 'shared', file: '/s' })),
    el('service', { name: 'a' }, el('script', { ref: 'shared' })),
    el('service', { name: 'b' }, el('ip', { address: '10.0.0.1' }, el('script', { ref: 'shared' })), el('script', { ref: 'missing' })),
  );
  const tree = buildResourceTree(c);
  assert.equal(rgTestNoop(tree, 'start', 'service', 'b'), 'Error: Reference to nonexistent resource missing (type script)\nStarting b...\n[start] service:b\n[start] ip:10.0.0.1\n[start] script:shared\nStart of b complete\n');
  assert.equal(rgTestNoop(tree, 'stop', 'script', 'shared'), 'Error: Reference to nonexistent resource missing (type script)\nStopping shared...\n[stop] script:shared\n[stop] script:shared\nStop of shared complete\n');
  assert.equal(rgTestNoop(tree, 'start', 'service', 'zz'), 'Error: Reference to nonexistent resource missing (type script)\nNo resource zz of type service found\n');
  const runs = orderRuns(c, 'stop', orderTargets(c));
  assert.deepEqual(runs.map((r) => [r.name, r.found, lines(r.steps)]), [
    ['a', true, ['script:shared', 'service:a']],
    ['b', true, ['script:shared', 'ip:10.0.0.1', 'service:b']],
  ]);
});

test('a root <Service> loads (names are matched ignoring case) but is not listed by default', () => {
  const c = cluster(el('service', { name: 's1' }), el('Service', { name: 's2' }, el('ip', { address: '10.0.0.3' })), el('failoverdomains'));
  const tree = buildResourceTree(c);
  assert.deepEqual(serviceNames(tree), ['s1']);
  assert.deepEqual(lines(startOrder(c, 's2')), ['service:s2', 'ip:10.0.0.3']);
});

test('a service referenced twice: the second root is dropped (maxinstances 1)', () => {
  const c = cluster(el('resources', {}, el('service', { name: 'x' })), el('service', { ref: 'x' }), el('service', { ref: 'x' }));
  const tree = buildResourceTree(c);
  assert.deepEqual(tree.messages.map((m) => m.text), ['Warning: Max references exceeded for resource name (type service)']);
  assert.equal(tree.roots.length, 1);
});

test('no <rm>, no <cluster> root, or nothing loadable: an empty tree, never an exception', () => {
  assert.deepEqual(buildResourceTree(el('cluster')).roots, []);
  assert.deepEqual(buildResourceTree(el('notcluster', {}, el('rm', {}, el('service', { name: 's' })))).roots, []);
  assert.deepEqual(buildResourceTree(cluster(el('service'))).messages.map((m) => m.text), ['No resource found @ /cluster/rm/child::*[1]']);
});

// A seeded generator of arbitrary resource trees (right and wrong case, refs, junk elements).
function rng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

test('any tree: start and stop visit the same positions; parents start before and stop after their children', () => {
  const tags = ['fs', 'ip', 'script', 'nfsexport', 'nfsclient', 'apache', 'IP', 'Script', 'lvm', 'clusterfs', 'netfs', 'nfsserver', 'smb', 'mysql', 'bogus', 'action'];
  for (let seed = 1; seed <= 300; seed++) {
    const r = rng(seed);
    let n = 0;
    const gen = (depth: number): ConfElement => {
      const tag = tags[Math.floor(r() * tags.length)]!;
      const id = `r${n++}`;
      const attrs: Attrs = r() < 0.15 ? { ref: `r${Math.floor(r() * (n + 2))}` } : { name: id, address: id, file: `/${id}`, mountpoint: `/${id}`, device: `/d/${id}`, target: '*', vg_name: 'v', host: 'h', export: '/e' };
      if (r() < 0.05) delete attrs.name;
      const kids = depth < 3 ? Array.from({ length: Math.floor(r() * 4) }, () => gen(depth + 1)) : [];
      return el(tag, attrs, ...kids);
    };
    const services = Array.from({ length: 1 + Math.floor(r() * 3) }, (_, i) => el('service', { name: `s${i}` }, ...Array.from({ length: Math.floor(r() * 5) }, () => gen(1))));
    const resources = el('resources', {}, ...Array.from({ length: Math.floor(r() * 4) }, () => gen(3)));
    const c = cluster(resources, ...services);
    const tree = buildResourceTree(c);
    for (const name of serviceNames(tree)) {
      const start = startOrder(c, name)!;
      const stop = stopOrder(c, name)!;
      assert.deepEqual(lines(start).sort(), lines(stop).sort(), `seed ${seed}`);
      assert.equal(start[0]!.type, 'service');
      assert.equal(stop.at(-1)!.type, 'service');
      // A step at depth d is preceded (start) / followed (stop) by its parent at depth d-1.
      for (let i = 1; i < start.length; i++) assert.ok(start.slice(0, i).some((s) => s.depth === start[i]!.depth - 1), `seed ${seed}`);
      for (let i = 0; i < stop.length - 1; i++) assert.ok(stop.slice(i + 1).some((s) => s.depth === stop[i]!.depth - 1), `seed ${seed}`);
    }
  }
});

test('inheritance: values come from the parent (X) or the nearest ancestor of a type (T%X), as the agent sees them', () => {
  const c = cluster(
    el('service', { name: 'svc', nfslock: '1' },
      el('fs', { name: 'f', mountpoint: '/export', device: '/dev/a' }, el('nfsexport', { name: 'e' }, el('nfsclient', { name: 'cl', target: '*' }))),
      el('nfsexport', { name: 'bare' }),
      el('script', { name: 'sc', file: '/x' }, el('nfsexport', { name: 'under-script', path: '/explicit' })),
    ),
  );
  const steps = startOrder(c, 'svc')!;
  const attrs = (name: string) => Object.fromEntries(steps.find((s) => s.name === name)!.attributes.map((a) => [a.name, a.inheritedVia ? `${a.value} <- ${a.inheritedVia}` : a.value]));
  assert.equal(attrs('e').path, '/export <- mountpoint');
  assert.equal(attrs('e').device, '/dev/a <- device');
  assert.equal(attrs('cl').path, '/export <- path');
  assert.equal(attrs('cl').svcname, 'svc <- service%name');
  // Directly under the service nothing supplies a mountpoint: the agent gets no path.
  assert.equal(attrs('bare').path, undefined);
  // An explicit value beats inheritance.
  assert.equal(attrs('under-script').path, '/explicit');
  assert.equal(attrs('f').nfslock, '1 <- nfslock');
});

test('per-position flags: independent, non-critical (cleared when used twice, with rgmanager message), enforce timeouts', () => {
  const c = cluster(
    el('resources', {}, el('script', { name: 'shared', file: '/s' }), el('ip', { address: '10.0.0.1' })),
    el('service', { name: 'a', __independent_subtree: '1' },
      el('script', { ref: 'shared', __independent_subtree: 'non-critical' }),
      el('ip', { ref: '10.0.0.1', __independent_subtree: '2', __enforce_timeouts: '1' }),
      el('script', { name: 'indep', file: '/i', __independent_subtree: 'yes' }),
    ),
    el('service', { name: 'b' }, el('script', { ref: 'shared' })),
  );
  const tree = buildResourceTree(c);
  assert.deepEqual(tree.messages.map((m) => m.text), ['Non-critical flag for script:shared is being cleared due to multiple references.']);
  const flags = Object.fromEntries(startOrder(c, 'a', tree)!.map((s) => [s.name, s.flags]));
  assert.deepEqual(flags, {
    a: {}, // ignored on a root
    '10.0.0.1': { nonCritical: true, independent: true, enforceTimeouts: true },
    shared: { nonCritical: true, independent: true }, // the first position keeps what it got
    indep: { independent: true },
  });
  assert.deepEqual(startOrder(c, 'b', tree)!.map((s) => s.flags), [{}, {}]);
});

test('every real cluster.conf of the corpus: a tree and orders, no exception, every service found', (t) => {
  const shared = requireShared(t);
  if (!shared) return;
  const dir = join(shared, 'corpus', 'cluster.conf');
  const files = readdirSync(dir).filter((f) => f.endsWith('.conf'));
  assert.ok(files.length > 10);
  let services = 0;
  for (const f of files) {
    const root = readClusterConf(readFileSync(join(dir, f), 'utf8')).root;
    if (!root) continue;
    for (const op of ['start', 'stop'] as const) {
      for (const run of orderRuns(root, op)) {
        assert.ok(run.found, `${f} ${run.name}`);
        assert.equal(run.steps[op === 'start' ? 0 : run.steps.length - 1]!.type, 'service', f);
        services++;
      }
    }
  }
  assert.ok(services > 20, `only ${services} service runs`);
});
