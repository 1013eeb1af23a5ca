// What deploying a new cluster.conf changes on a running cluster, in the cluster's own terms:
// nodes and the quorum they make, fence devices and methods, services and what rgmanager will
// do to each (reconfigure in place, restart, re-place), failover domains, config_version.
// Both sides are models, so the deployed side may be hand-written XML never seen by Quorate.

import { attr, type ConfElement, child, children } from '../model/conf.ts';
import { ClusterFacts, type NodeFact, type ServiceFact } from '../model/facts.ts';
import { resourceAgent } from '../catalogue/index.ts';
import { afterFailures, fullQuorum, quorumInputs } from '../simulate/quorum.ts';
import { resourceTreeOf } from '../rgmanager/resources.ts';
import { referencedDefinition, type ResourceTree } from '../rgmanager/tree.ts';

export interface Change {
  kind: '+' | '-' | '~';
  /** What changed, in a line a cluster admin reads: "node node3.example.com (id 3, 1 vote)". */
  what: string;
  /** Details: "votes 1 → 2", "rgmanager restarts it". */
  details: string[];
}

export interface QuorumPicture {
  nodes: number;
  expectedVotes: number;
  quorum: number;
  twoNode: boolean;
  qdiskVotes: number;
}

export interface PlanDiff {
  clusterName: string;
  version: { deployed: number | undefined; next: number | undefined };
  quorum: { deployed: QuorumPicture; next: QuorumPicture };
  sections: { title: string; changes: Change[] }[];
  /** Number of changes across all sections (config_version aside). */
  changeCount: number;
}

function quorumPicture(f: ClusterFacts): QuorumPicture {
  return { nodes: f.nodes.length, expectedVotes: f.expectedVotes, quorum: fullQuorum(quorumInputs(f)), twoNode: f.twoNode, qdiskVotes: f.qdiskVotes };
}

export interface SingleFailure {
  node: string;
  votesLeft: number;
  quorum: number;
  quorate: boolean;
}

/** For each node: does the cluster stay quorate when that node alone fails (all others up)? */
export function singleFailures(model: ConfElement): SingleFailure[] {
  const f = new ClusterFacts(model);
  const q = quorumInputs(f);
  return f.nodes.map((n, i) => {
    const s = afterFailures(q, 1 << i);
    return { node: n.name, votesLeft: s.votes, quorum: s.quorum, quorate: s.quorate };
  });
}

function versionOf(model: ConfElement): number | undefined {
  const v = attr(model, 'config_version');
  return v !== undefined && /^\s*\d+\s*$/.test(v) ? Number(v) : undefined;
}

/** Attribute changes between two elements: `name "a" → "b"`, `+ name "b"`, `- name "a"`. */
function attributeChanges(a: ConfElement | undefined, b: ConfElement | undefined, ignore: string[] = []): string[] {
  const out: string[] = [];
  const names = new Set([...(a?.attributes ?? []), ...(b?.attributes ?? [])].map((x) => x.name));
  for (const n of [...names].sort()) {
    if (ignore.includes(n)) continue;
    const va = a ? attr(a, n) : undefined;
    const vb = b ? attr(b, n) : undefined;
    if (va === vb) continue;
    if (va === undefined) out.push(`${n} set to ${JSON.stringify(vb)}`);
    else if (vb === undefined) out.push(`${n} ${JSON.stringify(va)} removed`);
    else out.push(`${n} ${JSON.stringify(va)} → ${JSON.stringify(vb)}`);
  }
  return out;
}

/** A canonical text of an element subtree (attributes sorted), for "did anything change". */
function canonical(e: ConfElement): string {
  const attrs = [...e.attributes].sort((x, y) => (x.name < y.name ? -1 : 1)).map((a) => `${a.name}=${JSON.stringify(a.value)}`);
  return `<${e.tag} ${attrs.join(' ')}>${e.children.map(canonical).join('')}</${e.tag}>`;
}

function byName<T extends { name: string }>(xs: T[]): Map<string, T> {
  return new Map(xs.map((x) => [x.name, x]));
}

function describeNode(n: NodeFact): string {
  return `node ${n.name} (id ${n.nodeid ?? '?'}, ${n.votes} vote${n.votes === 1 ? '' : 's'})`;
}

function methodSummary(f: ClusterFacts, n: NodeFact): string {
  const ms = f.methods(n);
  if (ms.length === 0) return 'no fencing';
  return ms.map((m) => `${attr(m, 'name')}: ${children(m, 'device').map((d) => attr(d, 'name')).join('+')}`).join(', ');
}

/** The resource tree of a service, resolved through `ref=` (as rgmanager resolves it) so a change in a used resource shows. */
function resolvedTree(e: ConfElement, tree: ResourceTree): string {
  const ref = attr(e, 'ref');
  let self = e;
  const def = ref !== undefined ? referencedDefinition(tree, e.tag, ref)?.definition : undefined;
  if (def) self = { ...def, attributes: [...def.attributes, ...e.attributes.filter((a) => a.name.startsWith('__'))] };
  const attrs = [...self.attributes].sort((x, y) => (x.name < y.name ? -1 : 1)).map((a) => `${a.name}=${JSON.stringify(a.value)}`);
  return `<${e.tag} ${attrs.join(' ')}>${e.children.map((c) => resolvedTree(c, tree)).join('')}</${e.tag}>`;
}

function serviceChange(fa: ClusterFacts, fb: ClusterFacts, a: ServiceFact, b: ServiceFact): Change | undefined {
  const details: string[] = [];
  const spec = resourceAgent(b.type);
  const attrDiff = attributeChanges(a.element, b.element);
  const changedNames = new Set<string>();
  for (const n of new Set([...a.element.attributes, ...b.element.attributes].map((x) => x.name))) if (attr(a.element, n) !== attr(b.element, n)) changedNames.add(n);
  details.push(...attrDiff);
  const treeA = a.element.children.map((c) => resolvedTree(c, resourceTreeOf(fa))).join('');
  const treeB = b.element.children.map((c) => resolvedTree(c, resourceTreeOf(fb))).join('');
  const treeChanged = treeA !== treeB;
  if (treeChanged) details.push('resource tree changed');
  if (details.length === 0) return undefined;
  const nonReconfig = [...changedNames].filter((n) => !(spec?.parameters.find((p) => p.name === n)?.reconfig));
  if (treeChanged || nonReconfig.length > 0) details.push(`rgmanager stops and restarts ${b.type}:${b.name}${treeChanged ? ' (its resources changed)' : ''}`);
  else details.push(`rgmanager reconfigures ${b.type}:${b.name} in place (no restart)`);
  if (changedNames.has('domain')) details.push(`placement is re-evaluated: it relocates if its node is no longer preferred by ${b.domainName ?? 'any domain'}`);
  return { kind: '~', what: `${b.type} ${b.name}`, details };
}

export function diffModels(deployed: ConfElement, next: ConfElement): PlanDiff {
  const fa = new ClusterFacts(deployed);
  const fb = new ClusterFacts(next);
  const sections: PlanDiff['sections'] = [];

  // Cluster-wide settings.
  const settings: Change[] = [];
  for (const tag of ['cman', 'totem', 'quorumd', 'fence_daemon', 'logging', 'dlm', 'gfs_controld', 'rm']) {
    const a = child(deployed, tag);
    const b = child(next, tag);
    const d = attributeChanges(a, b);
    const childrenChanged = tag !== 'rm' && (a?.children.map(canonical).join('') ?? '') !== (b?.children.map(canonical).join('') ?? '');
    if (!a && b) settings.push({ kind: '+', what: `<${tag}>`, details: d });
    else if (a && !b) settings.push({ kind: '-', what: `<${tag}>`, details: [] });
    else if (d.length || childrenChanged) settings.push({ kind: '~', what: `<${tag}>`, details: [...d, ...(childrenChanged ? [`nested elements of <${tag}> changed`] : [])] });
  }
  sections.push({ title: 'Cluster settings', changes: settings });

  // Nodes and quorum.
  const nodes: Change[] = [];
  const na = byName(fa.nodes);
  const nb = byName(fb.nodes);
  for (const n of fb.nodes) if (!na.has(n.name)) nodes.push({ kind: '+', what: describeNode(n), details: [] });
  for (const n of fa.nodes) if (!nb.has(n.name)) nodes.push({ kind: '-', what: describeNode(n), details: [] });
  for (const n of fb.nodes) {
    const o = na.get(n.name);
    if (!o) continue;
    const d = attributeChanges(o.element, n.element, ['name']);
    if (d.length) nodes.push({ kind: '~', what: `node ${n.name}`, details: d });
  }
  sections.push({ title: 'Nodes', changes: nodes });

  // Fencing.
  const fencing: Change[] = [];
  const da = new Map(fa.fenceDevices.map((d) => [attr(d, 'name') ?? '', d]));
  const db = new Map(fb.fenceDevices.map((d) => [attr(d, 'name') ?? '', d]));
  for (const [name, d] of db) if (!da.has(name)) fencing.push({ kind: '+', what: `fence device ${name} (${attr(d, 'agent')})`, details: [] });
  for (const [name, d] of da) if (!db.has(name)) fencing.push({ kind: '-', what: `fence device ${name} (${attr(d, 'agent')})`, details: [] });
  for (const [name, d] of db) {
    const o = da.get(name);
    if (!o) continue;
    const diff = attributeChanges(o, d, ['name']).map((x) => (/^passwd/.test(x) ? x.replace(/".*"/g, '"…"') : x));
    if (diff.length) fencing.push({ kind: '~', what: `fence device ${name}`, details: diff });
  }
  for (const n of fb.nodes) {
    const o = na.get(n.name);
    if (!o) continue;
    const before = child(o.element, 'fence');
    const after = child(n.element, 'fence');
    const unfA = child(o.element, 'unfence');
    const unfB = child(n.element, 'unfence');
    const changed = (before ? canonical(before) : '') !== (after ? canonical(after) : '');
    const unfenceChanged = (unfA ? canonical(unfA) : '') !== (unfB ? canonical(unfB) : '');
    if (changed) fencing.push({ kind: '~', what: `fencing of node ${n.name}`, details: [`methods ${methodSummary(fa, o)} → ${methodSummary(fb, n)}`] });
    if (unfenceChanged) fencing.push({ kind: '~', what: `unfencing of node ${n.name}`, details: [] });
  }
  sections.push({ title: 'Fencing', changes: fencing });

  // Failover domains.
  const domains: Change[] = [];
  const doa = byName(fa.domains);
  const dob = byName(fb.domains);
  const members = (d: (typeof fa.domains)[number]) => d.members.map((m) => (d.ordered ? `${m.name}:${m.priority}` : m.name)).join(', ');
  for (const d of fb.domains) if (!doa.has(d.name)) domains.push({ kind: '+', what: `failover domain ${d.name}`, details: [`members ${members(d)}`] });
  for (const d of fa.domains) if (!dob.has(d.name)) domains.push({ kind: '-', what: `failover domain ${d.name}`, details: [] });
  for (const d of fb.domains) {
    const o = doa.get(d.name);
    if (!o) continue;
    const det = attributeChanges(o.element, d.element, ['name']);
    if (members(o) !== members(d)) det.push(`members ${members(o)} → ${members(d)}`);
    if (det.length) domains.push({ kind: '~', what: `failover domain ${d.name}`, details: [...det, 'placement of its services is re-evaluated'] });
  }
  sections.push({ title: 'Failover domains', changes: domains });

  // Services and vms.
  const services: Change[] = [];
  const key = (s: ServiceFact) => `${s.type}:${s.name}`;
  const sa = new Map(fa.services.map((s) => [key(s), s]));
  const sb = new Map(fb.services.map((s) => [key(s), s]));
  for (const s of fb.services) {
    if (sa.has(key(s))) continue;
    const start = s.type === 'vm' ? 'vm is not started until enabled (vm init_on_add=0)' : s.autostart ? 'rgmanager starts it' : 'autostart is off: it stays disabled';
    services.push({ kind: '+', what: `${s.type} ${s.name}`, details: [start] });
  }
  for (const s of fa.services) if (!sb.has(key(s))) services.push({ kind: '-', what: `${s.type} ${s.name}`, details: [s.type === 'vm' ? 'the vm keeps running but is no longer managed (destroy_on_delete=0)' : 'rgmanager stops it'] });
  for (const s of fb.services) {
    const o = sa.get(key(s));
    if (!o) continue;
    const c = serviceChange(fa, fb, o, s);
    if (c) services.push(c);
  }
  sections.push({ title: 'Services', changes: services });

  const changeCount = sections.reduce((n, s) => n + s.changes.length, 0);
  return {
    clusterName: fb.clusterName || fa.clusterName,
    version: { deployed: versionOf(deployed), next: versionOf(next) },
    quorum: { deployed: quorumPicture(fa), next: quorumPicture(fb) },
    sections,
    changeCount,
  };
}
