// Fencing: `fence_device NAME : AGENT { … }` → `<fencedevice>`, a node's `fence { method … }` and
// `unfence { }` blocks with their `device NAME { … }` uses, and the parameters of both, checked
// against the fence agent's metadata. A node's device use and the fence device it names are
// merged by fenced at fence time, so the device use reads the lowered fence devices
// (`LowerContext.fenceDevices`) to warn when a value written on the node is overridden. The node
// itself is cluster.ts's; it calls `lowerNodeFence`/`lowerNodeUnfence` for these two blocks.

import type { Span } from '../diagnostics.ts';
import type { Entry } from '../../grammar/syntax.ts';
import { isAttribute } from '../../grammar/syntax.ts';
import type { FenceAgentSpec } from '../catalogue/types.ts';
import { catalogue, fenceAgent, suggest } from '../catalogue/index.ts';
import { type ConfElement, child, element, getAttribute, setAttribute } from '../model/conf.ts';
import { isRawEntry, lowerRawInBlock } from './raw.ts';
import type { ClusterSymbol } from './symbols.ts';
import { type LowerContext, renameFix, STRING_SPEC } from './context.ts';

/** The agents of the declared fence devices, by device name (a device use reads its parameters). */
export type FenceAgents = Map<string, FenceAgentSpec>;

/** `fence_device NAME : AGENT { … }` → `<fencedevice>`, with the agent when the catalogue knows it. */
export function lowerFenceDevice(ctx: LowerContext, x: Entry): { element: ConfElement; agent?: FenceAgentSpec } | undefined {
  ctx.expectShape(x, { name: 'required', type: 'required', body: 'optional' });
  if (!x.name) return undefined;
  const el = element('fencedevice', x.span);
  el.nameSpan = x.name.span;
  setAttribute(el, 'name', x.name.text, x.name.span);
  // The grammar's names (letter or _, then letters, digits, _ . -) are valid xsd:IDs: no check needed.
  let agent: FenceAgentSpec | undefined;
  if (x.typeName) {
    agent = fenceAgent(x.typeName.text);
    setAttribute(el, 'agent', x.typeName.text, x.typeName.span);
    if (!agent) {
      const s = suggest(x.typeName.text, Object.keys(catalogue.fenceAgents));
      ctx.error('fence/unknown-agent', `\`${x.typeName.text}\` is not a RHEL 6 fence agent${s ? `; did you mean \`${s}\`?` : ''}`, x.typeName.span, s ? renameFix(x.typeName.span, s) : undefined);
    }
  }
  ctx.bodyScope(x, x.typeName?.text ?? 'fencedevice', agent?.parameters.filter((p) => p.name !== 'name' && p.name !== 'agent') ?? [], []);
  for (const a of x.body?.entries ?? []) {
    if (isRawEntry(a)) lowerRawInBlock(a, el, ctx.diagnostics);
    else lowerFenceParameter(ctx, a, el, agent, x.typeName?.text);
  }
  return { element: el, ...(agent ? { agent } : {}) };
}

function lowerFenceParameter(ctx: LowerContext, a: Entry, el: ConfElement, agent: FenceAgentSpec | undefined, agentName: string | undefined): void {
  const k = a.kind.text;
  if (k === 'name' || k === 'agent') {
    ctx.error('structure/unexpected-attribute', `\`${k}\` comes from the declaration header (\`fence_device NAME : AGENT\`)`, a.kind.span);
    return;
  }
  if (!agent) {
    if (isAttribute(a)) ctx.lowerAttribute(a, el, STRING_SPEC(k));
    return;
  }
  const spec = agent.parameters.find((p) => p.name === k);
  if (!spec) {
    if (isAttribute(a)) ctx.lowerUnknownParameter(a, el);
    return;
  }
  if (spec.deprecated) ctx.warn('fence/deprecated-parameter', `\`${k}\` is deprecated for ${agentName}: ${spec.deprecated}`, a.kind.span);
  ctx.lowerAttribute(a, el, spec);
}

/** A node's `fence { method NAME { device … } }` block → its `<fence>`, added to the node `el`. */
export function lowerNodeFence(ctx: LowerContext, a: Entry, el: ConfElement, nodeName: string, nodeSym: ClusterSymbol | undefined, fenceAgents: FenceAgents): void {
  ctx.expectShape(a, { body: 'required' });
  ctx.bodyScope(a, 'fence', [], ['method']);
  const fence = element('fence', a.span);
  const methodNames = new Map<string, Span>();
  for (const m of a.body?.entries ?? []) {
    if (m.kind.text !== 'method') {
      ctx.unknownBlock(m, ['method'], 'in `fence`');
      continue;
    }
    ctx.expectShape(m, { name: 'required', value: 'optional', body: 'required' });
    ctx.bodyScope(m, 'method', [], ['device']);
    if (!m.name) continue;
    const sourceNameTaken = ctx.scope(`method:${nodeName}`).has(m.name.text);
    ctx.declare(`method:${nodeName}`, 'method', m, undefined, nodeSym);
    const written = methodName(ctx, m);
    if (written === undefined) continue;
    const prev = methodNames.get(written.name);
    if (prev) {
      // The same source name twice is reported by declare; two source names for one cluster.conf name here.
      if (!sourceNameTaken) ctx.diagnostics.push({ rule: 'name/duplicate', severity: 'error', message: `fence method "${written.name}" is given twice for this node: fenced finds a method's devices by its name, so it would run the first one twice and never this one`, span: written.span, related: [{ span: prev, message: 'first given here' }] });
      continue;
    }
    methodNames.set(written.name, written.span);
    const method = element('method', m.span);
    setAttribute(method, 'name', written.name, written.span);
    for (const d of m.body?.entries ?? []) {
      if (isRawEntry(d)) {
        lowerRawInBlock(d, method, ctx.diagnostics);
        continue;
      }
      const dev = lowerDeviceUse(ctx, d, fenceAgents, 'method');
      if (dev) method.children.push(dev);
    }
    if (method.children.length === 0 && m.body) {
      ctx.error('fence/empty-method', `method \`${m.name.text}\` has no device: fenced counts it as a failed method`, m.name.span);
    }
    fence.children.push(method);
  }
  if (child(el, 'fence')) ctx.error('name/duplicate', '`fence` is given twice for this node; put all methods in one block', a.kind.span);
  else el.children.push(fence);
}

/**
 * The name a method has in cluster.conf: the string after `=` (`method m1 = "1"`, the way luci and
 * system-config-cluster number methods), else the method's own name. fenced looks a method's
 * devices up with the XPath `method[@name="NAME"]` (cluster `fence/libfence/agent.c`,
 * DEVICE_NAME_PATH, l.19), which a `"` in the name would end early: no device is ever found.
 */
function methodName(ctx: LowerContext, m: Entry): { name: string; span: Span } | undefined {
  if (!m.value) return { name: m.name!.text, span: m.name!.span };
  if (m.value.type !== 'string') {
    ctx.error('type/mismatch', 'a fence method\'s name in cluster.conf is a string: `method m1 = "1" { device … }`', m.value.span);
    return undefined;
  }
  if (m.value.value.includes('"')) {
    ctx.error('type/mismatch', 'a fence method name cannot contain `"`: fenced finds the method\'s devices with the XPath method[@name="…"], which the quote would end, so none of them would ever run', m.value.span);
    return undefined;
  }
  return { name: m.value.value, span: m.value.span };
}

/** A node's `unfence { device … }` block → its `<unfence>`, added to the node `el`. */
export function lowerNodeUnfence(ctx: LowerContext, a: Entry, el: ConfElement, fenceAgents: FenceAgents): void {
  ctx.expectShape(a, { body: 'required' });
  const unfence = element('unfence', a.span);
  ctx.bodyScope(a, 'unfence', [], ['device']);
  for (const d of a.body?.entries ?? []) {
    const dev = lowerDeviceUse(ctx, d, fenceAgents, 'unfence');
    if (dev) unfence.children.push(dev);
  }
  el.children.push(unfence);
}

/** `device xvm { port = "node1" }` inside a method or unfence. */
function lowerDeviceUse(ctx: LowerContext, d: Entry, fenceAgents: FenceAgents, where: string): ConfElement | undefined {
  if (d.kind.text !== 'device') {
    const isDeviceName = ctx.scope('fence_device').has(d.kind.text);
    ctx.error(
      'structure/unknown-block',
      isDeviceName ? `write \`device ${d.kind.text} { ... }\` to use fence device \`${d.kind.text}\`` : `\`${d.kind.text}\` is not allowed in \`${where}\`; expected \`device NAME { ... }\``,
      d.kind.span,
      isDeviceName ? [{ title: `Write device ${d.kind.text}`, edits: [{ span: { start: d.kind.span.start, end: d.kind.span.start }, newText: 'device ' }] }] : undefined,
    );
    return undefined;
  }
  ctx.expectShape(d, { name: 'required', body: 'optional' });
  if (!d.name) return undefined;
  // An undefined device stays in the model under its written name: fence/undefined-device reports it.
  const sym = ctx.bind('fence_device', d.name.text, d.name.span);
  const el = element('device', d.span);
  el.nameSpan = d.name.span;
  if (d.body) el.bodyOpen = d.body.open;
  setAttribute(el, 'name', d.name.text, d.name.span);
  const agent = sym ? fenceAgents.get(sym.name) : undefined;
  ctx.bodyScope(d, sym?.detail ?? 'device', agent?.parameters.filter((p) => p.name !== 'name' && p.name !== 'agent') ?? [], []);
  for (const a of d.body?.entries ?? []) {
    if (isRawEntry(a)) lowerRawInBlock(a, el, ctx.diagnostics);
    else lowerFenceParameter(ctx, a, el, agent, sym?.detail);
  }
  const device = sym ? ctx.fenceDevices.get(sym.name) : undefined;
  for (const p of el.attributes) {
    const shared = device && p.name !== 'name' ? getAttribute(device, p.name) : undefined;
    if (shared) {
      ctx.warn('fence/parameter-overridden', `\`${p.name}\` is also set on fence device \`${sym!.name}\`, whose value wins when fenced runs the agent`, p.span ?? d.name.span);
    }
  }
  return el;
}
