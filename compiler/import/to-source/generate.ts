// One pass of the importer: chooses the names first (references may point forwards), decides
// what cannot be written natively, then builds the `cluster { }` tree section by section (core
// blocks, fence devices, nodes, rm, domains, global resources, services and vms, the rest) and
// records each unit the self-check may write raw.

import { resourceAgent } from '../../catalogue/index.ts';
import type { SourceFile } from '../../../grammar/syntax.ts';
import type { Placement } from '../../format/index.ts';
import { type ConfElement, attr, child } from '../../model/conf.ts';
import { emptyContainer } from '../canonical.ts';
import { clusterName, CORE_BLOCKS, writeClusterHeader, writeCoreBlock } from './core.ts';
import { type Ctx, IDENT, identFor, reportRaw, reportRawAttribute } from './context.ts';
import { fenceDeviceProblem, nodeProblem, writeFenceDevice, writeNode } from './nodes.ts';
import { domainProblem, globalProblem, rootProblem, writeDomain, writeGlobal, writeRoot } from './resources.ts';
import { TreeBuilder } from './tree.ts';
import { rawAttributes, writeRaw } from './values.ts';

/** <rm>'s own attributes as a unit of their own (the same object every round, for `forced`). */
const rmOwn = new WeakMap<ConfElement, ConfElement>();

interface Names {
  globals: Map<ConfElement, string>;
  roots: Map<ConfElement, string>;
}

/** Names and forced units: everything the tree refers to before it is built. */
function prepare(root: ConfElement, ctx: Ctx): Names {
  const force = (e: ConfElement, problem: string | undefined) => {
    if (problem && !ctx.forced.has(e)) ctx.forced.set(e, problem);
  };
  const nodes = child(root, 'clusternodes')?.children ?? [];
  ctx.nodeNames = new Map();
  const nodeUsed = new Set<string>();
  for (const n of nodes) {
    const host = attr(n, 'name');
    if (n.tag !== 'clusternode' || host === undefined || ctx.nodeNames.has(host)) continue;
    ctx.nodeNames.set(host, identFor(host.split('.')[0]!, nodeUsed, 'node'));
  }
  ctx.fenceNames = new Set();
  ctx.fenceAgents = new Map();
  for (const d of child(root, 'fencedevices')?.children ?? []) {
    force(d, d.tag === 'fencedevice' ? fenceDeviceProblem(d) : `<${d.tag}> is not a fence device`);
    if (!ctx.forced.has(d)) {
      ctx.fenceNames.add(attr(d, 'name')!);
      ctx.fenceAgents.set(attr(d, 'name')!, attr(d, 'agent')!);
    }
  }
  ctx.nativeNodes = new Set();
  for (const n of nodes) {
    force(n, n.tag === 'clusternode' ? nodeProblem(ctx, n) : `<${n.tag}> is not a cluster node`);
    if (!ctx.forced.has(n) && attr(n, 'name') !== undefined) ctx.nativeNodes.add(attr(n, 'name')!);
  }
  const rm = child(root, 'rm');
  ctx.domainNames = new Set();
  for (const d of (rm && child(rm, 'failoverdomains')?.children) ?? []) {
    force(d, d.tag === 'failoverdomain' ? domainProblem(ctx, d) : `<${d.tag}> is not a failover domain`);
    if (!ctx.forced.has(d)) ctx.domainNames.add(attr(d, 'name')!);
  }
  const resUsed = new Set<string>();
  const globals = new Map<ConfElement, string>();
  ctx.globals = { nodes: [], blocks: new Map() };
  for (const g of (rm && child(rm, 'resources')?.children) ?? []) {
    force(g, globalProblem(g));
    if (ctx.forced.has(g)) continue;
    const agent = resourceAgent(g.tag)!;
    const name = attr(g, 'name');
    const primary = agent.primary ? attr(g, agent.primary) : undefined;
    const block = name !== undefined && IDENT.test(name) && !resUsed.has(name) ? (resUsed.add(name), name) : identFor(primary ?? name ?? g.tag, resUsed, g.tag);
    globals.set(g, block);
    ctx.globals.nodes.push({ element: g, agent, parent: undefined, global: true, isRef: false });
    ctx.globals.blocks.set(g, block);
  }
  const roots = rm?.children.filter((c) => c.tag === 'service' || c.tag === 'vm') ?? [];
  const rootUsed = new Set<string>();
  const rootNames = new Map<ConfElement, string>();
  ctx.rootNames = new Map();
  for (const r of roots) {
    const name = attr(r, 'name');
    rootNames.set(r, name !== undefined && IDENT.test(name) && !rootUsed.has(name) ? (rootUsed.add(name), name) : identFor(name ?? r.tag, rootUsed, r.tag));
  }
  for (const r of roots) {
    const name = attr(r, 'name');
    if (name !== undefined && !ctx.forced.has(r)) ctx.rootNames.set(`${r.tag}:${name}`, rootNames.get(r)!);
  }
  for (const r of roots) force(r, rootProblem(ctx, r));
  return { globals, roots: rootNames };
}

export function generate(root: ConfElement, ctx: Ctx): { file: SourceFile; placement: Placement } {
  ctx.units = [];
  ctx.diagnostics = [];
  const names = prepare(root, ctx);
  const b = new TreeBuilder();

  /** A unit: written by `write`, or raw when the self-check (or a problem found earlier) says so. */
  const unit = (e: ConfElement, path: string[], write: () => void) => {
    const mark = b.mark();
    const forced = ctx.forced.get(e);
    if (forced !== undefined) {
      reportRaw(ctx, e, forced);
      writeRaw(b, e, [...path, e.tag].join('/'));
    } else write();
    ctx.units.push({ xml: e, path, entries: b.since(mark) });
  };
  /** A unit the language has no form for. */
  const rawUnit = (e: ConfElement, path: string[], why: string) => {
    if (!ctx.forced.has(e)) ctx.forced.set(e, why);
    unit(e, path, () => undefined);
  };
  const containerAttrs = (c: ConfElement, path: string) => {
    const raw = rawAttributes(c, `${path}.`);
    for (const a of c.attributes) reportRawAttribute(ctx, c, a.name, `the language has no attributes on <${c.tag}>`);
    if (raw.length) b.raw(raw);
  };
  const section = (container: ConfElement | undefined, path: string[], write: (e: ConfElement) => void) => {
    if (!container) return;
    b.blank();
    b.comments(container.comments);
    containerAttrs(container, path.join('.'));
    // An empty <fencedevices/> or <failoverdomains/> (ccs writes them on every cluster) means
    // what none means: nothing to write, and compile writes none (canonical.ts, emptyContainer).
    for (const e of container.children) unit(e, path, () => write(e));
    b.comments(container.trailingComments);
  };

  b.comments(root.comments);
  b.block({ kind: 'cluster', name: clusterName(root) ?? 'imported' }, () => {
    writeClusterHeader(ctx, b, root);
    for (const c of root.children) {
      if (!CORE_BLOCKS.includes(c.tag)) continue;
      b.blank();
      unit(c, [], () => writeCoreBlock(ctx, b, c));
    }
    section(child(root, 'fencedevices'), ['fencedevices'], (e) => writeFenceDevice(ctx, b, e));
    section(child(root, 'clusternodes'), ['clusternodes'], (e) => writeNode(ctx, b, e, ctx.nodeNames.get(attr(e, 'name')!)!));
    const rm = child(root, 'rm');
    if (rm) writeRm(rm);
    for (const c of root.children) {
      if (CORE_BLOCKS.includes(c.tag) || ['clusternodes', 'fencedevices', 'rm'].includes(c.tag)) continue;
      b.blank();
      rawUnit(c, [], `the language has no \`${c.tag}\` in \`cluster\``);
    }
  }, root.trailingComments);
  return b.finish();

  function writeRm(rm: ConfElement): void {
    b.blank();
    b.comments(rm.comments);
    // <rm> with nothing but empty containers is an empty <rm>: `rm { }` keeps it.
    if (rm.attributes.length || rm.trailingComments?.length || rm.children.every((c) => emptyContainer(rm, c))) {
      // `rm { }` carries rm's own attributes.
      let own = rmOwn.get(rm);
      if (!own) rmOwn.set(rm, (own = { ...rm, children: [], comments: [] }));
      const rmBlock = own;
      unit(rmBlock, [], () => writeCoreBlock(ctx, b, rmBlock));
    }
    section(child(rm, 'failoverdomains'), ['rm', 'failoverdomains'], (e) => writeDomain(ctx, b, e));
    const res = child(rm, 'resources');
    if (res) writeGlobals(res);
    for (const c of rm.children) {
      if (c.tag === 'failoverdomains' || c.tag === 'resources') continue;
      b.blank();
      if (c.tag === 'service' || c.tag === 'vm') unit(c, ['rm'], () => writeRoot(ctx, b, c, names.roots.get(c)!));
      else rawUnit(c, ['rm'], `the language has no \`${c.tag}\` in \`rm\``);
    }
  }

  /** Global resources: runs of native ones in `resources { }` blocks, raw ones between them. */
  function writeGlobals(res: ConfElement): void {
    b.blank();
    b.comments(res.comments);
    containerAttrs(res, 'rm.resources');
    const children = res.children;
    for (let i = 0; i < children.length; ) {
      if (ctx.forced.has(children[i]!)) {
        unit(children[i]!, ['rm', 'resources'], () => undefined);
        i++;
        continue;
      }
      const run: ConfElement[] = [];
      while (i < children.length && !ctx.forced.has(children[i]!)) run.push(children[i++]!);
      b.block({ kind: 'resources' }, () => {
        for (const g of run) unit(g, ['rm', 'resources'], () => writeGlobal(ctx, b, g, names.globals.get(g)!));
      });
    }
    b.comments(res.trailingComments);
  }
}
