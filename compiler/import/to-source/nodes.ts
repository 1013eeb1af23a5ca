// Nodes and fencing: `fence_device NAME : AGENT { }` from <fencedevices>, and `node NAME { }`
// from <clusternode> with its altname, fence methods and unfence devices. Each *Problem
// function says why an element cannot be written natively (it is then written raw).

import { element as elementSpec, fenceAgent } from '../../catalogue/index.ts';
import { type ConfElement, attr } from '../../model/conf.ts';
import { type Ctx, IDENT, identFor, reportRaw, reportRawAttribute } from './context.ts';
import { str, type TreeBuilder } from './tree.ts';
import { rawAttributes, writeAttributes, writeRaw } from './values.ts';

export function fenceDeviceProblem(e: ConfElement): string | undefined {
  const n = attr(e, 'name');
  const a = attr(e, 'agent');
  if (n === undefined || !IDENT.test(n)) return 'its name is not an identifier';
  if (a === undefined || !IDENT.test(a)) return 'it has no usable agent';
  if (!fenceAgent(a)) return `${a} is not a RHEL 6 fence agent the language knows (a custom agent)`;
  if (e.children.length) return 'it has child elements';
  return undefined;
}

export function writeFenceDevice(ctx: Ctx, b: TreeBuilder, e: ConfElement): void {
  b.comments(e.comments);
  const agent = fenceAgent(attr(e, 'agent')!)!;
  b.block({ kind: 'fence_device', name: attr(e, 'name')!, typeName: attr(e, 'agent')! }, () => {
    writeAttributes(ctx, b, e, agent.parameters, ['name', 'agent']);
  }, e.trailingComments);
}

/** Can a node be written natively? (otherwise the reason) */
export function nodeProblem(ctx: Ctx, e: ConfElement): string | undefined {
  const seen = new Set<string>();
  for (const c of e.children) {
    if (!['altname', 'fence', 'unfence'].includes(c.tag)) continue; // written as a raw `xml` child
    if (seen.has(c.tag)) return `<${c.tag}> is given twice`;
    seen.add(c.tag);
    if (c.tag === 'altname' && c.children.length) return '<altname> has children';
    if (c.tag === 'fence') {
      const methods = new Set<string>();
      for (const m of c.children) {
        const n = attr(m, 'name');
        if (m.tag !== 'method') return `<${m.tag}> in <fence> is not a method`;
        if (n !== undefined && methods.has(n)) return `fence method ${n} is given twice`;
        if (n !== undefined) methods.add(n);
        if (m.children.length === 0) return `fence method ${n ?? ''} has no device`;
      }
    }
    if (c.tag === 'unfence') for (const d of c.children) {
      const p = deviceProblem(ctx, d);
      if (p) return p;
    }
  }
  return undefined;
}

function deviceProblem(ctx: Ctx, d: ConfElement): string | undefined {
  const n = attr(d, 'name');
  if (d.tag !== 'device' || n === undefined || !ctx.fenceNames.has(n)) return `<${d.tag}${n ? ` name="${n}"` : ''}> does not name a fence device the language declares`;
  if (d.children.length) return `<device name="${n}"> has children`;
  return undefined;
}

export function writeNode(ctx: Ctx, b: TreeBuilder, e: ConfElement, name: string): void {
  b.comments(e.comments);
  const host = attr(e, 'name') ?? name;
  b.block({ kind: 'node', name, ...(host === name ? {} : { value: str(host) }) }, () => {
    const spec = elementSpec('clusternode')?.attributes ?? [];
    // `id` first, as people write it; the attribute order means nothing to cman.
    const byId = { ...e, attributes: [...e.attributes].sort((x, y) => Number(y.name === 'nodeid') - Number(x.name === 'nodeid')) };
    writeAttributes(ctx, b, byId, spec.filter((s) => ['nodeid', 'votes', 'weight'].includes(s.name)), ['name'], new Map([['nodeid', 'id']]));
    for (const c of e.children) {
      b.comments(c.comments);
      if (c.tag === 'altname') {
        b.block({ kind: 'altname' }, () => writeAttributes(ctx, b, c, elementSpec('altname')?.attributes ?? [], []), c.trailingComments);
      } else if (c.tag === 'fence') {
        b.block({ kind: 'fence' }, () => writeMethods(ctx, b, c), c.trailingComments);
      } else if (c.tag === 'unfence') {
        b.block({ kind: 'unfence' }, () => writeDevices(ctx, b, c), c.trailingComments);
      } else {
        reportRaw(ctx, c, `the language has no \`${c.tag}\` in a \`node\``);
        writeRaw(b, c, c.tag);
      }
    }
  }, e.trailingComments);
}

function writeMethods(ctx: Ctx, b: TreeBuilder, fence: ConfElement): void {
  const used = new Set(fence.children.map((m) => attr(m, 'name')).filter((n): n is string => n !== undefined && IDENT.test(n)));
  for (const m of fence.children) {
    b.comments(m.comments);
    const n = attr(m, 'name');
    // A name that is not an identifier (luci and system-config-cluster write "1", "2", …) is
    // written after `=`: `method method1 = "1"`, as a node's host name is.
    const native = n !== undefined && IDENT.test(n);
    const head = native ? { kind: 'method', name: n } : { kind: 'method', name: identFor(`method${n ?? ''}`, used, 'method'), ...(n !== undefined ? { value: str(n) } : {}) };
    b.block(head, () => {
      const kept = { ...m, attributes: m.attributes.filter((a) => a.name !== 'name') };
      for (const a of kept.attributes) reportRawAttribute(ctx, m, a.name, 'the language has no such method attribute');
      const raw = rawAttributes(kept);
      if (raw.length) b.raw(raw);
      writeDevices(ctx, b, m);
    }, m.trailingComments);
  }
}

function writeDevices(ctx: Ctx, b: TreeBuilder, parent: ConfElement): void {
  for (const d of parent.children) {
    b.comments(d.comments);
    const problem = deviceProblem(ctx, d);
    if (problem) {
      reportRaw(ctx, d, problem);
      writeRaw(b, d, d.tag);
      continue;
    }
    const dname = attr(d, 'name')!;
    const agent = fenceAgent(ctx.fenceAgents.get(dname) ?? '');
    b.block({ kind: 'device', name: dname }, () => {
      writeAttributes(ctx, b, d, agent?.parameters ?? d.attributes.map((a) => ({ name: a.name, type: { kind: 'string' as const }, required: false, doc: '' })), ['name']);
    }, d.trailingComments);
  }
}
