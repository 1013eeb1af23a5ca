// The `cluster NAME { }` block: declaring every name first (so references may point forwards),
// then lowering each entry to its place in the model — `config_version`, the core blocks that are
// plain cluster.conf elements (cman, totem, quorumd, fence_daemon, logging, rm, …, with their
// nested blocks and required attributes), the nodes — and handing fence devices, failover
// domains, resources and roots to their own files. Last come the derived values (derived.ts), the
// escape hatch written directly in `cluster` (raw.ts) and the ccs order of the children. The
// order of the steps matters: nodes need the fence devices' agents, roots need every global
// resource, the quorum derivation needs every node.

import type { Entry } from '../../grammar/syntax.ts';
import { isAttribute } from '../../grammar/syntax.ts';
import type { AttributeSpec } from '../catalogue/types.ts';
import { element as elementSpec, suggest } from '../catalogue/index.ts';
import { type ConfElement, child, container, element, getAttribute, setAttribute } from '../model/conf.ts';
import { convertValue } from './values.ts';
import { isRawEntry, lowerRawInBlock, lowerRawInCluster } from './raw.ts';
import { INTEGER_SPEC, type LowerContext, renameFix } from './context.ts';
import { type FenceAgents, lowerFenceDevice, lowerNodeFence, lowerNodeUnfence } from './fencing.ts';
import { lowerFailoverDomain } from './domains.ts';
import { lowerGlobalResource, lowerRoot } from './resources.ts';
import { deriveQuorum, orderChildren } from './derived.ts';

/** Blocks directly inside `cluster { }` that are plain cluster.conf elements. */
const CORE_BLOCKS: ReadonlyMap<string, string> = new Map([
  ['cman', 'cman'],
  ['totem', 'totem'],
  ['quorumd', 'quorumd'],
  ['fence_daemon', 'fence_daemon'],
  ['dlm', 'dlm'],
  ['gfs_controld', 'gfs_controld'],
  ['logging', 'logging'],
  ['uidgid', 'uidgid'],
  ['clvmd', 'clvmd'],
  ['group', 'group'],
  ['fence_xvmd', 'fence_xvmd'],
  ['rm', 'rm'],
]);

/** Blocks nested inside core blocks: language kind → element tag. */
const NESTED_CORE_BLOCKS: ReadonlyMap<string, ReadonlyMap<string, string>> = new Map([
  ['cman', new Map([['multicast', 'multicast'], ['altmulticast', 'altmulticast']])],
  ['totem', new Map([['interface', 'interface']])],
  ['quorumd', new Map([['heuristic', 'heuristic']])],
  ['logging', new Map([['daemon', 'logging_daemon']])],
]);
const NO_NESTED: ReadonlyMap<string, string> = new Map();

const CLUSTER_KINDS = [...CORE_BLOCKS.keys(), 'config_version', 'node', 'fence_device', 'failover_domain', 'resources', 'service', 'vm'];

/**
 * The cluster block → `<cluster>`. `defaultConfigVersion` is used when the source has no
 * config_version (`quorate plan --bump`: deployed + 1).
 */
export function lowerCluster(ctx: LowerContext, e: Entry, defaultConfigVersion: number | undefined): ConfElement {
  const cluster = element('cluster', e.span);
  ctx.expectShape(e, { name: 'required', body: 'required' });
  if (e.name) {
    cluster.nameSpan = e.name.span;
    setAttribute(cluster, 'name', e.name.text, e.name.span);
    ctx.declare('cluster', 'cluster', e);
  }
  const body = e.body?.entries ?? [];
  ctx.bodyScope(e, 'cluster', elementSpec('cluster')?.attributes.filter((a) => a.name === 'config_version') ?? [], CLUSTER_KINDS.filter((k) => k !== 'config_version'));
  container(cluster, 'clusternodes');

  // Declarations first, so references may point forwards.
  for (const x of body) {
    if (x.kind.text === 'node') {
      const sym = ctx.declare('node', 'node', x);
      if (sym) ctx.nodeHostnames.set(sym, x.value?.type === 'string' ? x.value.value : x.name!.text);
    } else if (x.kind.text === 'fence_device') ctx.declare('fence_device', 'fence_device', x, x.typeName?.text);
    else if (x.kind.text === 'failover_domain') {
      const sym = ctx.declare('failover_domain', 'failover_domain', x);
      if (sym) ctx.domainNames.set(sym, x.name!.text);
    } else if (x.kind.text === 'service' || x.kind.text === 'vm') ctx.declare('root', x.kind.text, x);
    else if (x.kind.text === 'resources') for (const r of x.body?.entries ?? []) if (r.name) ctx.declare('resource', 'resource', r, r.kind.text);
  }

  let configVersion: Entry | undefined;
  const fenceAgents: FenceAgents = new Map();
  for (const x of body) {
    const k = x.kind.text;
    if (k === 'config_version') {
      configVersion = x;
      ctx.lowerAttribute(x, cluster, elementSpec('cluster')?.attributes.find((a) => a.name === 'config_version') ?? INTEGER_SPEC('config_version'), 'config_version');
    } else if (k === 'rm') {
      // Failover domains, resources and services fill the same <rm>; this block adds its attributes.
      const c = lowerCoreBlock(ctx, x, element('cluster'), 'rm', NO_NESTED);
      const rm = container(cluster, 'rm');
      if (c && rm.span) ctx.error('name/duplicate', '`rm` is given twice; merge the two blocks', x.kind.span);
      else if (c) {
        rm.attributes.push(...c.attributes);
        rm.span = c.span;
      }
    } else if (CORE_BLOCKS.has(k)) {
      const c = lowerCoreBlock(ctx, x, cluster, CORE_BLOCKS.get(k)!, NESTED_CORE_BLOCKS.get(k) ?? NO_NESTED);
      if (c) cluster.children.push(c);
    } else if (k === 'fence_device') {
      const fd = lowerFenceDevice(ctx, x);
      if (fd) {
        container(cluster, 'fencedevices').children.push(fd.element);
        if (fd.agent && x.name) fenceAgents.set(x.name.text, fd.agent);
        if (x.name && !ctx.fenceDevices.has(x.name.text)) ctx.fenceDevices.set(x.name.text, fd.element);
      }
    } else if (k === 'node') {
      // Nodes need the fence devices' agents: lowered after this loop.
    } else if (k === 'failover_domain') {
      const d = lowerFailoverDomain(ctx, x);
      if (d) container(container(cluster, 'rm'), 'failoverdomains').children.push(d);
    } else if (k === 'resources') {
      ctx.expectShape(x, { body: 'required' });
      for (const r of x.body?.entries ?? []) {
        const res = lowerGlobalResource(ctx, r);
        if (res) container(container(cluster, 'rm'), 'resources').children.push(res);
      }
    } else if (k === 'service' || k === 'vm') {
      // Roots reference global resources, so they come after all definitions (below).
    } else if (isRawEntry(x)) {
      // `xml = "…" { }` and `raw { }`: the escape hatch (compiler/lower/raw.ts), after the loop.
    } else if (isAttribute(x)) {
      const s = suggest(k, CLUSTER_KINDS);
      ctx.error('config/unknown-attribute', `\`${k}\` is not an attribute of \`cluster\`${s ? `; did you mean \`${s}\`?` : ''}`, x.kind.span, s ? renameFix(x.kind.span, s) : undefined);
    } else {
      ctx.unknownBlock(x, CLUSTER_KINDS, 'in `cluster`');
    }
  }
  for (const x of body) if (x.kind.text === 'node') {
    const n = lowerNode(ctx, x, fenceAgents);
    if (n) container(cluster, 'clusternodes').children.push(n);
  }
  for (const x of body) if (x.kind.text === 'service' || x.kind.text === 'vm') {
    const r = lowerRoot(ctx, x);
    if (r) container(cluster, 'rm').children.push(r);
  }
  deriveQuorum(cluster);
  const rawClusterAttributes = lowerRawInCluster(cluster, body, ctx.diagnostics);
  // A version given raw (or left out raw, as in a partial cluster.conf such as the rg_test
  // samples) is the admin's: the compiler does not insist on its own.
  const versionGiven = configVersion !== undefined || rawClusterAttributes.has('config_version');
  if (!versionGiven && defaultConfigVersion !== undefined) {
    setAttribute(cluster, 'config_version', String(defaultConfigVersion));
  } else if (!versionGiven && e.name) {
    ctx.error(
      'config/missing-version',
      '`config_version` is missing: cman only accepts a new cluster.conf whose version is greater than the running one, so Quorate never invents it',
      e.name.span,
      e.body ? [{ title: 'Add config_version = 1', edits: [{ span: { start: e.body.open.end, end: e.body.open.end }, newText: '\n  config_version = 1' }] }] : undefined,
    );
  }
  orderChildren(cluster);
  return cluster;
}

/** A core block (and, recursively, its nested blocks) → its element; `parent` is where it goes, to refuse a second one. */
function lowerCoreBlock(ctx: LowerContext, x: Entry, parent: ConfElement, tag: string, nested: ReadonlyMap<string, string>): ConfElement | undefined {
  const spec = elementSpec(tag);
  const multiple = tag === 'uidgid' || tag === 'interface' || tag === 'heuristic' || tag === 'logging_daemon';
  const named = tag === 'logging_daemon' ? 'required' : tag === 'heuristic' ? 'optional' : 'forbidden';
  ctx.expectShape(x, { name: named, body: 'required' });
  if (!multiple && child(parent, tag)) {
    ctx.error('name/duplicate', `\`${x.kind.text}\` is given twice; merge the two blocks`, x.kind.span);
    return undefined;
  }
  const el = element(tag, x.span);
  if (x.body) el.bodyOpen = x.body.open;
  ctx.bodyScope(x, tag, spec?.attributes ?? [], [...nested.keys()]);
  if (tag === 'logging_daemon' && x.name) {
    const nameSpec = spec?.attributes.find((a) => a.name === 'name');
    if (nameSpec) {
      const v = convertValue(nameSpec, { type: 'ident', name: x.name.text, span: x.name.span }, ctx.values, 'daemon');
      if (v !== undefined) setAttribute(el, 'name', v, x.name.span);
    } else setAttribute(el, 'name', x.name.text, x.name.span);
  }
  for (const a of x.body?.entries ?? []) {
    const k = a.kind.text;
    if (isRawEntry(a)) {
      lowerRawInBlock(a, el, ctx.diagnostics);
      continue;
    }
    const nestedTag = nested.get(k);
    if (nestedTag !== undefined) {
      const c = lowerCoreBlock(ctx, a, el, nestedTag, NO_NESTED);
      if (c) el.children.push(c);
      continue;
    }
    if (tag === 'logging_daemon' && k === 'name') {
      ctx.error('structure/unexpected-attribute', 'the daemon is named in the block header: `daemon rgmanager { ... }`', a.kind.span);
      continue;
    }
    const attrSpec = spec?.attributes.find((s) => s.name === k);
    if (!attrSpec) {
      if (!isAttribute(a) && a.body) {
        ctx.unknownBlock(a, [...nested.keys()], `in \`${x.kind.text}\``);
        continue;
      }
      const names = [...(spec?.attributes.map((s) => s.name) ?? []), ...nested.keys()];
      const s = suggest(k, names);
      ctx.error('config/unknown-attribute', `\`${k}\` is not an attribute of \`${x.kind.text}\`${s ? `; did you mean \`${s}\`?` : ''}`, a.kind.span, s ? renameFix(a.kind.span, s) : undefined);
      continue;
    }
    ctx.lowerAttribute(a, el, attrSpec);
  }
  requireAttributes(ctx, el, spec?.attributes ?? [], x, 'config/missing-attribute', x.kind.text, ['name']);
  return el;
}

/** Reports the required attributes the block left out (those the catalogue gives a default are not required). */
function requireAttributes(ctx: LowerContext, el: ConfElement, specs: AttributeSpec[], x: Entry, rule: string, what: string, skip: string[] = []): void {
  const missing = specs.filter((s) => s.required && !skip.includes(s.name) && !getAttribute(el, s.name) && s.default === undefined);
  if (missing.length === 0) return;
  const names = missing.map((m) => '`' + m.name + '`').join(', ');
  ctx.error(rule, `\`${what}${x.name ? ' ' + x.name.text : ''}\` is missing required ${missing.length === 1 ? 'parameter' : 'parameters'} ${names}`, x.name?.span ?? x.kind.span);
}

/** `node NAME = "host" { id = 1; fence { … } }` → `<clusternode>`; the fence blocks are fencing.ts's. */
function lowerNode(ctx: LowerContext, x: Entry, fenceAgents: FenceAgents): ConfElement | undefined {
  ctx.expectShape(x, { name: 'required', value: 'optional', body: 'optional' });
  if (!x.name) return undefined;
  const el = element('clusternode', x.span);
  el.nameSpan = x.name.span;
  el.sourceName = x.name.text;
  if (x.value && x.value.type !== 'string') {
    ctx.error('type/mismatch', 'a node\'s host name is a string: `node node1 = "node1.example.com" { ... }`', x.value.span);
  }
  const hostname = x.value?.type === 'string' ? x.value.value : x.name.text;
  setAttribute(el, 'name', hostname, x.value?.type === 'string' ? x.value.span : x.name.span);
  const spec = elementSpec('clusternode');
  ctx.bodyScope(x, 'clusternode', (spec?.attributes ?? []).filter((s) => ['nodeid', 'votes', 'weight'].includes(s.name)).map((s) => (s.name === 'nodeid' ? { ...s, name: 'id' } : s)), ['altname', 'fence', 'unfence']);
  const nodeSym = ctx.scope('node').get(x.name.text);
  for (const a of x.body?.entries ?? []) {
    const k = a.kind.text;
    if (isRawEntry(a)) lowerRawInBlock(a, el, ctx.diagnostics);
    else if (k === 'id') ctx.lowerAttribute(a, el, spec?.attributes.find((s) => s.name === 'nodeid') ?? INTEGER_SPEC('nodeid', 1), 'nodeid', 'id');
    else if (k === 'votes' || k === 'weight') {
      const s = spec?.attributes.find((p) => p.name === k);
      if (s) ctx.lowerAttribute(a, el, s);
    } else if (k === 'altname') {
      // A second `altname` is reported by lowerCoreBlock (name/duplicate: cman has two rings).
      const alt = lowerCoreBlock(ctx, a, el, 'altname', NO_NESTED);
      if (alt) el.children.push(alt);
    } else if (k === 'fence') lowerNodeFence(ctx, a, el, x.name.text, nodeSym, fenceAgents);
    else if (k === 'unfence') lowerNodeUnfence(ctx, a, el, fenceAgents);
    else if (isAttribute(a) || !a.body) {
      const s = suggest(k, ['id', 'votes', 'weight']);
      ctx.error('config/unknown-attribute', `\`${k}\` is not an attribute of \`node\`${s ? `; did you mean \`${s}\`?` : ' (a node has id, votes, weight, altname, fence and unfence)'}`, a.kind.span, s ? renameFix(a.kind.span, s) : undefined);
    } else ctx.unknownBlock(a, ['altname', 'fence', 'unfence'], 'in `node`');
  }
  return el;
}
