// cluster.conf → idiomatic .cluster source (`quorate import`). Named references instead of
// repeated names (`device ipmi1`, `use webfs`, `domain = prefer1`, `members = [n1: 1]`),
// durations with units, booleans as true/false, resource trees nested, global resources kept
// global, XML comments as `#` comments. What the language cannot say is kept with the escape
// hatch (`xml = "…" { }`, `raw { }`, compiler/lower/raw.ts) and reported as an `import/*`
// warning at its position in the XML — nothing is dropped.
//
// The importer checks itself: it lowers what it wrote and compares the model with the XML it
// read; any unit (a node, a device, a domain, a resource, a service, a core block) that does not
// come back identical is written raw instead, and the reason is reported. Pure; never throws.

import type { AttributeSpec, ResourceAgentSpec } from '../catalogue/types.ts';
import { catalogue, element as elementSpec, fenceAgent, resourceAgent } from '../catalogue/index.ts';
import { byPosition, type Diagnostic, type Span } from '../diagnostics.ts';
import type { Value } from '../../grammar/syntax.ts';
import { parse } from '../../grammar/parser.ts';
import { lower } from '../lower/lower.ts';
import { convertValue } from '../lower/values.ts';
import { decodeSource } from '../text/decode.ts';
import { type ConfElement, attr, child } from '../model/conf.ts';
import { analyzeClusterConf } from './index.ts';
import { canonical } from './canonical.ts';

export interface ImportResult {
  /** The .cluster source; absent when the XML has no root element at all. */
  source?: string;
  /** Malformed-XML and schema findings, plus one `import/*` warning per construct kept raw. */
  diagnostics: Diagnostic[];
  /** The model read from the XML (for callers that also lint it). */
  root?: ConfElement;
}

const IDENT = /^[A-Za-z_][A-Za-z0-9_.\-]*$/;
const XML_NAME = /^[A-Za-z_][A-Za-z0-9_.\-]*$/;

const CORE_BLOCKS = ['cman', 'totem', 'quorumd', 'fence_daemon', 'dlm', 'gfs_controld', 'logging', 'uidgid', 'clvmd', 'group', 'fence_xvmd'];
const NESTED: Record<string, Record<string, string>> = {
  cman: { multicast: 'multicast', altmulticast: 'altmulticast' },
  totem: { interface: 'interface' },
  quorumd: { heuristic: 'heuristic' },
  logging: { logging_daemon: 'daemon' },
};
const META: Record<string, string> = {
  __independent_subtree: 'independent_subtree',
  __enforce_timeouts: 'enforce_timeouts',
  __max_failures: 'max_failures',
  __failure_expire_time: 'failure_expire_time',
  __max_restarts: 'max_restarts',
  __restart_expire_time: 'restart_expire_time',
};

export function quoted(s: string): string {
  return '"' + s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\t/g, '\\t').replace(/\r/g, '\\r') + '"';
}

/** A written value for `spec` that the compiler turns back into exactly `xml`, if there is one. */
export function nativeValue(spec: AttributeSpec, xml: string): string | undefined {
  const candidates: Array<[string, Value]> = [];
  const span = { start: 0, end: 0 };
  const ident = (t: string): [string, Value] => [t, { type: 'ident', name: t, span }];
  const num = (t: string): [string, Value] => [t, { type: 'number', raw: t, span }];
  const str = (t: string): [string, Value] => [quoted(t), { type: 'string', value: t, span }];
  const t = spec.type;
  const canonicalInt = /^(0|-?[1-9][0-9]*)$/.test(xml);
  switch (t.kind) {
    case 'boolean':
      candidates.push(ident('true'), ident('false'));
      break;
    case 'duration':
      if (canonicalInt && !xml.startsWith('-')) {
        const n = Number(xml);
        if (t.unit === 'ms') candidates.push(num(n !== 0 && n % 1000 === 0 ? `${n / 1000}s` : n === 0 ? '0s' : `${n}ms`));
        else candidates.push(num(n !== 0 && n % 3600 === 0 ? `${n / 3600}h` : n !== 0 && n % 60 === 0 ? `${n / 60}m` : `${n}s`));
      }
      break;
    case 'integer':
      if (canonicalInt) candidates.push(num(xml));
      break;
    case 'enum':
      if (IDENT.test(xml)) candidates.push(ident(xml));
      else if (/^-?[0-9][A-Za-z0-9_.]*$/.test(xml)) candidates.push(num(xml));
      candidates.push(str(xml));
      break;
    case 'string':
      candidates.push(str(xml));
      break;
  }
  for (const [text, v] of candidates) {
    const diagnostics: Diagnostic[] = [];
    const out = convertValue(spec, v, { diagnostics });
    if (out === xml && !diagnostics.some((d) => d.severity === 'error')) return text;
  }
  return undefined;
}

// --- Output ----------------------------------------------------------------------------------

class Out {
  readonly lines: string[] = [];
  line(depth: number, text: string): void {
    this.lines.push('  '.repeat(depth) + text);
  }
  comments(depth: number, comments: readonly string[] | undefined): void {
    for (const c of comments ?? []) for (const l of c.split(/\r?\n/)) this.line(depth, ('# ' + l.trim()).trimEnd());
  }
}

interface Unit {
  xml: ConfElement;
  /** Path of the container the unit lives in, from <cluster>. */
  path: string[];
  /** Lines [from, to) of the unit in the output. */
  from: number;
  to: number;
}

interface Ctx {
  diagnostics: Diagnostic[];
  /** Units that must be written raw, with the reason. */
  forced: Map<ConfElement, string>;
  /** cman attributes the compiler derives that the XML does not have. */
  absent: Set<string>;
  units: Unit[];
  nodeNames: Map<string, string>;
  /** Host names of the nodes written natively. */
  nativeNodes: Set<string>;
  fenceNames: Set<string>;
  domainNames: Set<string>;
  /** `${tag}\0${primary value}` → resource block name. */
  globals: Map<string, string>;
  rootNames: Map<string, string>;
  used: Set<string>;
}

function span(e: ConfElement): Span {
  return e.nameSpan ?? e.span ?? { start: 0, end: 0 };
}

function warn(ctx: Ctx, rule: string, message: string, at: Span): void {
  ctx.diagnostics.push({ rule, severity: 'warning', message, span: at });
}

function identFor(wanted: string, used: Set<string>, fallback: string): string {
  let base = wanted.replace(/[^A-Za-z0-9_.\-]/g, '_');
  if (!/^[A-Za-z_]/.test(base)) base = `${fallback}_${base}`;
  if (!IDENT.test(base)) base = fallback;
  let name = base;
  for (let i = 2; used.has(name); i++) name = `${base}-${i}`;
  used.add(name);
  return name;
}

/** A raw element (and its subtree) as `xml = "…" { }`. */
function writeRaw(out: Out, depth: number, e: ConfElement, path: string): void {
  out.comments(depth, e.comments);
  const attrs = e.attributes.filter((a) => XML_NAME.test(a.name)).map((a) => `${a.name} = ${quoted(a.value)}`);
  if (e.text !== undefined && e.text.trim() !== '') attrs.push(`xml_text = ${quoted(e.text)}`);
  if (e.children.length === 0 && !e.trailingComments?.length) {
    out.line(depth, `xml = ${quoted(path)} {${attrs.length ? ' ' + attrs.join('; ') + ' ' : ' '}}`);
    return;
  }
  out.line(depth, `xml = ${quoted(path)} {`);
  for (const a of attrs) out.line(depth + 1, a);
  for (const c of e.children) writeRaw(out, depth + 1, c, c.tag);
  out.comments(depth + 1, e.trailingComments);
  out.line(depth, '}');
}

function reportRaw(ctx: Ctx, e: ConfElement, why: string): void {
  warn(ctx, 'import/raw-element', `<${e.tag}> is kept as a raw \`xml\` block: ${why}`, span(e));
}

function reportRawAttribute(ctx: Ctx, e: ConfElement, name: string, why: string): void {
  const a = e.attributes.find((x) => x.name === name);
  warn(ctx, 'import/raw-attribute', `${name}="${a?.value ?? ''}" on <${e.tag}> is kept in a \`raw { }\` block: ${why}`, a?.nameSpan ?? a?.span ?? span(e));
}

/** Attributes through their specs; what does not convert goes to a `raw { }` line. */
function writeAttributes(ctx: Ctx, out: Out, depth: number, e: ConfElement, specs: readonly AttributeSpec[], skip: readonly string[], rename: Record<string, string> = {}): void {
  const raw: string[] = [];
  for (const a of e.attributes) {
    if (skip.includes(a.name)) continue;
    const spec = specs.find((s) => s.name === a.name);
    const v = spec ? nativeValue(spec, a.value) : undefined;
    if (v !== undefined) out.line(depth, `${rename[a.name] ?? a.name} = ${v}`);
    else {
      if (!XML_NAME.test(a.name)) continue;
      raw.push(`${a.name} = ${quoted(a.value)}`);
      reportRawAttribute(ctx, e, a.name, spec ? `the value is not ${spec.type.kind === 'boolean' ? 'a boolean as cman reads it' : `a valid ${spec.type.kind}`}` : 'the language does not know this attribute');
    }
  }
  if (raw.length) out.line(depth, `raw { ${raw.join('; ')} }`);
}

function open(out: Out, depth: number, head: string): void {
  out.line(depth, `${head} {`);
}

function close(out: Out, depth: number, e: ConfElement): void {
  out.comments(depth + 1, e.trailingComments);
  out.line(depth, '}');
}

/** Collapses `x {\n}` into `x { }` and one-attribute bodies into one line, for readability. */
function tidy(lines: string[]): string[] {
  const res: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    const next = lines[i + 1];
    const after = lines[i + 2];
    if (l.endsWith(' {') && next !== undefined && next.trim() === '}' && indent(next) === indent(l)) {
      // `use x { }` says no more than `use x`.
      res.push(/^\s*use \S+ \{$/.test(l) ? l.slice(0, -2) : l + ' }');
      i++;
      continue;
    }
    if (l.endsWith(' {') && next !== undefined && after !== undefined && after.trim() === '}' && indent(after) === indent(l) && !next.trim().startsWith('#') && !next.trim().endsWith('{') && !next.trim().endsWith('}') && l.length + next.trim().length < 96) {
      res.push(`${l} ${next.trim()} }`);
      i += 2;
      continue;
    }
    res.push(l);
  }
  return res;
}

function indent(l: string): number {
  return l.length - l.trimStart().length;
}

// --- Units -----------------------------------------------------------------------------------

function unit(ctx: Ctx, out: Out, e: ConfElement, path: string[], write: () => void): void {
  const from = out.lines.length;
  const forced = ctx.forced.get(e);
  if (forced !== undefined) {
    reportRaw(ctx, e, forced);
    writeRaw(out, 1, e, [...path, e.tag].join('/'));
  } else write();
  ctx.units.push({ xml: e, path, from, to: out.lines.length });
}

function writeCoreBlock(ctx: Ctx, out: Out, depth: number, e: ConfElement): void {
  const spec = elementSpec(e.tag);
  const nested = NESTED[e.tag] ?? {};
  out.comments(depth, e.comments);
  let head = e.tag;
  let skip: string[] = [];
  if (e.tag === 'logging_daemon') {
    const name = attr(e, 'name');
    const nameSpec = spec?.attributes.find((a) => a.name === 'name');
    if (name !== undefined && IDENT.test(name) && (!nameSpec || nativeValue(nameSpec, name) === name)) {
      head = `daemon ${name}`;
      skip = ['name'];
    } else {
      // A daemon block needs its name in the header; without a usable one, keep it raw.
      writeRaw(out, depth, e, e.tag);
      reportRaw(ctx, e, 'its name is not one the language accepts');
      return;
    }
  } else if (depth > 1 && !Object.values(NESTED).some((n) => n[e.tag])) head = e.tag;
  else if (Object.values(NESTED).some((n) => n[e.tag])) head = Object.values(NESTED).find((n) => n[e.tag])![e.tag]!;
  open(out, depth, head);
  writeAttributes(ctx, out, depth + 1, e, spec?.attributes ?? [], skip);
  for (const c of e.children) {
    if (nested[c.tag]) writeCoreBlock(ctx, out, depth + 1, c);
    else {
      reportRaw(ctx, c, `the language has no \`${c.tag}\` inside \`${head}\``);
      writeRaw(out, depth + 1, c, c.tag);
    }
  }
  close(out, depth, e);
}

function writeNode(ctx: Ctx, out: Out, e: ConfElement, name: string): void {
  out.comments(1, e.comments);
  const host = attr(e, 'name') ?? name;
  open(out, 1, host === name ? `node ${name}` : `node ${name} = ${quoted(host)}`);
  const spec = elementSpec('clusternode')?.attributes ?? [];
  // `id` first, as people write it; the attribute order means nothing to cman.
  const byId = { ...e, attributes: [...e.attributes].sort((a, b) => Number(b.name === 'nodeid') - Number(a.name === 'nodeid')) };
  writeAttributes(ctx, out, 2, byId, spec.filter((s) => ['nodeid', 'votes', 'weight'].includes(s.name)), ['name'], { nodeid: 'id' });
  for (const c of e.children) {
    out.comments(2, c.comments);
    if (c.tag === 'altname') {
      open(out, 2, 'altname');
      writeAttributes(ctx, out, 3, c, elementSpec('altname')?.attributes ?? [], []);
      close(out, 2, c);
    } else if (c.tag === 'fence' || c.tag === 'unfence') {
      open(out, 2, c.tag);
      const devices = (parent: ConfElement, depth: number) => {
        for (const d of parent.children) {
          out.comments(depth, d.comments);
          const problem = deviceProblem(ctx, d);
          if (problem) {
            reportRaw(ctx, d, problem);
            writeRaw(out, depth, d, d.tag);
            continue;
          }
          const dname = attr(d, 'name')!;
          const agent = fenceAgent(fenceAgentOf(ctx, dname) ?? '');
          open(out, depth, `device ${dname}`);
          writeAttributes(ctx, out, depth + 1, d, agent?.parameters ?? d.attributes.map((a) => ({ name: a.name, type: { kind: 'string' as const }, required: false, doc: '' })), ['name']);
          close(out, depth, d);
        }
      };
      if (c.tag === 'fence') {
        const used = new Set(c.children.map((m) => attr(m, 'name')).filter((n): n is string => n !== undefined && IDENT.test(n)));
        for (const m of c.children) {
          out.comments(3, m.comments);
          const n = attr(m, 'name');
          const native = n !== undefined && IDENT.test(n);
          open(out, 3, `method ${native ? n : identFor(`method${n ?? ''}`, used, 'method')}`);
          const raw = m.attributes.filter((a) => (a.name !== 'name' || !native) && XML_NAME.test(a.name)).map((a) => `${a.name} = ${quoted(a.value)}`);
          for (const a of m.attributes) if (a.name !== 'name' || !native) reportRawAttribute(ctx, m, a.name, a.name === 'name' ? 'a method name the language takes must be an identifier' : 'the language has no such method attribute');
          if (raw.length) out.line(4, `raw { ${raw.join('; ')} }`);
          devices(m, 4);
          close(out, 3, m);
        }
      }
      else devices(c, 3);
      close(out, 2, c);
    } else {
      reportRaw(ctx, c, `the language has no \`${c.tag}\` in a \`node\``);
      writeRaw(out, 2, c, c.tag);
    }
  }
  close(out, 1, e);
}

const fenceAgents = new WeakMap<Ctx, Map<string, string>>();
function fenceAgentOf(ctx: Ctx, device: string): string | undefined {
  return fenceAgents.get(ctx)?.get(device);
}

/** Can a node be written natively? (otherwise the reason) */
function nodeProblem(ctx: Ctx, e: ConfElement): string | undefined {
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

function fenceDeviceProblem(e: ConfElement): string | undefined {
  const n = attr(e, 'name');
  const a = attr(e, 'agent');
  if (n === undefined || !IDENT.test(n)) return 'its name is not an identifier';
  if (a === undefined || !IDENT.test(a)) return 'it has no usable agent';
  if (!fenceAgent(a)) return `${a} is not a RHEL 6 fence agent the language knows (a custom agent)`;
  if (e.children.length) return 'it has child elements';
  return undefined;
}

function writeFenceDevice(ctx: Ctx, out: Out, e: ConfElement): void {
  out.comments(1, e.comments);
  const agent = fenceAgent(attr(e, 'agent')!)!;
  open(out, 1, `fence_device ${attr(e, 'name')} : ${attr(e, 'agent')}`);
  writeAttributes(ctx, out, 2, e, agent.parameters, ['name', 'agent']);
  close(out, 1, e);
}

function domainProblem(ctx: Ctx, e: ConfElement): string | undefined {
  const n = attr(e, 'name');
  if (n === undefined || !IDENT.test(n)) return 'its name is not an identifier';
  const seen = new Set<string>();
  for (const m of e.children) {
    const host = attr(m, 'name');
    if (m.tag !== 'failoverdomainnode' || host === undefined || !ctx.nativeNodes.has(host) || seen.has(host)) return `<${m.tag}${host ? ` name="${host}"` : ''}> is not a node of this cluster listed once`;
    seen.add(host);
    if (m.attributes.some((a) => a.name !== 'name' && a.name !== 'priority') || m.children.length) return `<failoverdomainnode name="${host}"> has more than a name and a priority`;
  }
  return undefined;
}

function writeDomain(ctx: Ctx, out: Out, e: ConfElement): void {
  out.comments(1, e.comments);
  open(out, 1, `failover_domain ${attr(e, 'name')}`);
  writeAttributes(ctx, out, 2, e, elementSpec('failoverdomain')?.attributes ?? [], ['name']);
  const members = e.children.map((m) => {
    const p = attr(m, 'priority');
    return `${ctx.nodeNames.get(attr(m, 'name')!)}${p !== undefined ? `: ${p}` : ''}`;
  });
  if (members.length) out.line(2, `members = [${members.join(', ')}]`);
  close(out, 1, e);
}

function globalProblem(e: ConfElement): string | undefined {
  const agent = resourceAgent(e.tag);
  if (agent && (agent.name === 'service' || agent.name === 'vm')) return `a ${agent.name} defined in <resources> (and used with ref=) has no form in the language`;
  if (!agent) return `<${e.tag}> is not a resource agent the language knows`;
  if (agent.parameters.some((p) => p.name === 'name') && attr(e, 'name') === undefined) return 'it has no name, which the language always writes';
  const meta = e.attributes.find((a) => META[a.name]);
  if (meta) return `${meta.name} belongs where the resource is used`;
  return undefined;
}

function writeAction(ctx: Ctx, out: Out, depth: number, a: ConfElement): void {
  const n = attr(a, 'name');
  out.comments(depth, a.comments);
  if (n === undefined || !IDENT.test(n) || a.children.length) {
    reportRaw(ctx, a, 'an action without a usable name');
    writeRaw(out, depth, a, a.tag);
    return;
  }
  open(out, depth, `action ${n}`);
  writeAttributes(ctx, out, depth + 1, a, (elementSpec('action')?.attributes ?? []).filter((s) => s.name !== 'name'), ['name']);
  close(out, depth, a);
}

function writeGlobal(ctx: Ctx, out: Out, e: ConfElement, blockName: string): void {
  const agent = resourceAgent(e.tag)!;
  out.comments(2, e.comments);
  const name = attr(e, 'name');
  const usesName = agent.parameters.some((p) => p.name === 'name');
  open(out, 2, `${e.tag} ${blockName}`);
  const skip = usesName && name === blockName ? ['name'] : [];
  writeAttributes(ctx, out, 3, e, agent.parameters, skip);
  for (const c of e.children) {
    if (c.tag === 'action') writeAction(ctx, out, 3, c);
    else {
      reportRaw(ctx, c, 'rgmanager ignores resources nested in a global definition; kept as written');
      writeRaw(out, 3, c, c.tag);
    }
  }
  close(out, 2, e);
}

/** A resource inside a service (inline, a `use`, an action, or raw). */
function writeResource(ctx: Ctx, out: Out, depth: number, e: ConfElement, parent: ResourceAgentSpec): void {
  if (e.tag === 'action') {
    writeAction(ctx, out, depth, e);
    return;
  }
  const agent = resourceAgent(e.tag);
  const forbidden = agent && parent.children.some((c) => c.type === agent.name && c.forbid);
  if (!agent || agent.name === 'service' || agent.name === 'vm' || forbidden) {
    out.comments(depth, e.comments);
    reportRaw(ctx, e, !agent ? `<${e.tag}> is not a resource agent the language knows (a custom or misspelt agent)` : forbidden ? `${parent.name} forbids ${agent.name} children` : `a ${agent.name} cannot be nested`);
    writeRaw(out, depth, e, e.tag);
    return;
  }
  const ref = attr(e, 'ref');
  if (ref !== undefined) {
    const target = ctx.globals.get(`${e.tag}\0${ref}`);
    const others = e.attributes.filter((a) => a.name !== 'ref' && !META[a.name]);
    if (target === undefined || others.length) {
      out.comments(depth, e.comments);
      reportRaw(ctx, e, target === undefined ? `no global ${e.tag} resource is "${ref}"` : `rgmanager ignores ${others[0]!.name} on a reference`);
      writeRaw(out, depth, e, e.tag);
      return;
    }
    out.comments(depth, e.comments);
    open(out, depth, `use ${target}`);
    writeMetas(ctx, out, depth + 1, e);
    for (const c of e.children) {
      if (c.tag === 'action') {
        reportRaw(ctx, c, 'an action on a reference is ignored by rgmanager');
        writeRaw(out, depth + 1, c, c.tag);
      } else writeResource(ctx, out, depth + 1, c, agent);
    }
    close(out, depth, e);
    return;
  }
  out.comments(depth, e.comments);
  const name = attr(e, 'name');
  const usesName = agent.parameters.some((p) => p.name === 'name');
  const inlineName = usesName && name !== undefined && IDENT.test(name);
  open(out, depth, inlineName ? `${e.tag} ${name}` : e.tag);
  writeAttributes(ctx, out, depth + 1, e, agent.parameters, inlineName ? ['name', ...Object.keys(META)] : Object.keys(META));
  writeMetas(ctx, out, depth + 1, e);
  for (const c of e.children) writeResource(ctx, out, depth + 1, c, agent);
  close(out, depth, e);
}

function writeMetas(ctx: Ctx, out: Out, depth: number, e: ConfElement): void {
  const raw: string[] = [];
  for (const a of e.attributes) {
    const lang = META[a.name];
    if (!lang) continue;
    let v: string | undefined;
    if (a.name === '__independent_subtree') v = { '1': 'true', '0': 'false', '2': 'non_critical' }[a.value];
    else {
      const spec = catalogue.resourceMetaAttributes.find((m) => m.name === a.name);
      v = spec ? nativeValue(spec, a.value) : undefined;
    }
    if (v !== undefined) out.line(depth, `${lang} = ${v}`);
    else {
      raw.push(`${a.name} = ${quoted(a.value)}`);
      reportRawAttribute(ctx, e, a.name, 'the value is not one the language writes');
    }
  }
  if (raw.length) out.line(depth, `raw { ${raw.join('; ')} }`);
}

function rootProblem(ctx: Ctx, e: ConfElement): string | undefined {
  if (attr(e, 'ref') !== undefined) return `a ${e.tag} that refers to one in <resources> (ref="${attr(e, 'ref')}") has no form in the language`;
  if (attr(e, 'name') === undefined) return `a ${e.tag} without a name has no form in the language`;
  const domain = attr(e, 'domain');
  if (domain !== undefined && !ctx.domainNames.has(domain)) return `domain "${domain}" is not a failover domain the language declares`;
  const depend = attr(e, 'depend');
  if (depend !== undefined && !ctx.rootNames.has(depend)) return `depend "${depend}" does not name a service or vm of this cluster`;
  const meta = e.attributes.find((a) => META[a.name] && !resourceAgent(e.tag)!.parameters.some((p) => p.name === a.name));
  if (meta) return `${meta.name} has no effect on a ${e.tag}`;
  return undefined;
}

function writeRoot(ctx: Ctx, out: Out, e: ConfElement, blockName: string): void {
  const agent = resourceAgent(e.tag)!;
  out.comments(1, e.comments);
  open(out, 1, `${e.tag} ${blockName}`);
  const name = attr(e, 'name');
  const skip = ['domain', 'depend', ...(name === blockName ? ['name'] : [])];
  const domain = attr(e, 'domain');
  if (domain !== undefined) out.line(2, `domain = ${domain}`);
  const depend = attr(e, 'depend');
  if (depend !== undefined) out.line(2, `depend = ${ctx.rootNames.get(depend)}`);
  writeAttributes(ctx, out, 2, e, agent.parameters, skip);
  for (const c of e.children) writeResource(ctx, out, 2, c, agent);
  close(out, 1, e);
}

// --- The whole file ------------------------------------------------------------------------

/** <rm>'s own attributes as a unit of their own (the same object every round, for `forced`). */
const rmOwn = new WeakMap<ConfElement, ConfElement>();

function generate(root: ConfElement, ctx: Ctx): string {
  const out = new Out();
  ctx.units = [];
  ctx.used = new Set();
  ctx.diagnostics = [];
  const agents = new Map<string, string>();
  fenceAgents.set(ctx, agents);

  // Names first: references may point forwards.
  const nodes = child(root, 'clusternodes')?.children ?? [];
  ctx.nodeNames = new Map();
  const nodeUsed = new Set<string>();
  for (const n of nodes) {
    const host = attr(n, 'name');
    if (n.tag !== 'clusternode' || host === undefined || ctx.nodeNames.has(host)) continue;
    ctx.nodeNames.set(host, identFor(host.split('.')[0]!, nodeUsed, 'node'));
  }
  const devices = child(root, 'fencedevices')?.children ?? [];
  ctx.fenceNames = new Set();
  for (const d of devices) {
    if (d.tag !== 'fencedevice') continue;
    const p = fenceDeviceProblem(d);
    if (p && !ctx.forced.has(d)) ctx.forced.set(d, p);
    if (!ctx.forced.has(d)) {
      ctx.fenceNames.add(attr(d, 'name')!);
      agents.set(attr(d, 'name')!, attr(d, 'agent')!);
    }
  }
  ctx.nativeNodes = new Set();
  for (const n of nodes) {
    const p = n.tag === 'clusternode' ? nodeProblem(ctx, n) : `<${n.tag}> is not a cluster node`;
    if (p && !ctx.forced.has(n)) ctx.forced.set(n, p);
    if (!ctx.forced.has(n) && attr(n, 'name') !== undefined) ctx.nativeNodes.add(attr(n, 'name')!);
  }
  const rm = child(root, 'rm');
  const domains = (rm && child(rm, 'failoverdomains')?.children) ?? [];
  ctx.domainNames = new Set();
  for (const d of domains) {
    const p = d.tag === 'failoverdomain' ? domainProblem(ctx, d) : `<${d.tag}> is not a failover domain`;
    if (p && !ctx.forced.has(d)) ctx.forced.set(d, p);
    if (!ctx.forced.has(d)) ctx.domainNames.add(attr(d, 'name')!);
  }
  const resUsed = new Set<string>();
  const globals = (rm && child(rm, 'resources')?.children) ?? [];
  const globalNames = new Map<ConfElement, string>();
  ctx.globals = new Map();
  for (const g of globals) {
    const p = globalProblem(g);
    if (p && !ctx.forced.has(g)) ctx.forced.set(g, p);
    if (ctx.forced.has(g)) continue;
    const agent = resourceAgent(g.tag)!;
    const name = attr(g, 'name');
    const primary = agent.primary ? attr(g, agent.primary) : undefined;
    const block = name !== undefined && IDENT.test(name) && !resUsed.has(name) ? (resUsed.add(name), name) : identFor(primary ?? name ?? g.tag, resUsed, g.tag);
    globalNames.set(g, block);
    if (primary !== undefined && !ctx.globals.has(`${g.tag}\0${primary}`)) ctx.globals.set(`${g.tag}\0${primary}`, block);
  }
  const roots = rm?.children.filter((c) => c.tag === 'service' || c.tag === 'vm') ?? [];
  const rootUsed = new Set<string>();
  const rootNames = new Map<ConfElement, string>();
  ctx.rootNames = new Map();
  for (const r of roots) {
    const name = attr(r, 'name');
    const block = name !== undefined && IDENT.test(name) && !rootUsed.has(name) ? (rootUsed.add(name), name) : identFor(name ?? r.tag, rootUsed, r.tag);
    rootNames.set(r, block);
  }
  for (const r of roots) {
    const name = attr(r, 'name');
    if (name !== undefined && !ctx.forced.has(r)) ctx.rootNames.set(`${r.tag}:${name}`, rootNames.get(r)!);
  }
  for (const r of roots) {
    const p = rootProblem(ctx, r);
    if (p && !ctx.forced.has(r)) ctx.forced.set(r, p);
  }

  // The cluster block.
  out.comments(0, root.comments);
  const name = attr(root, 'name');
  const nativeName = name !== undefined && IDENT.test(name) && name.length <= 15;
  out.line(0, `cluster ${nativeName ? name : 'imported'} {`);
  const clusterRaw: string[] = [];
  if (!nativeName) {
    clusterRaw.push(name === undefined ? 'name = absent' : `name = ${quoted(name)}`);
    if (name === undefined) warn(ctx, 'import/raw-attribute', '<cluster> has no name (a partial cluster.conf): kept absent with `raw { name = absent }`', span(root));
    else reportRawAttribute(ctx, root, 'name', 'the cluster name is not an identifier of at most 15 characters');
  }
  const version = attr(root, 'config_version');
  const versionSpec = elementSpec('cluster')?.attributes.find((a) => a.name === 'config_version');
  const v = version !== undefined && versionSpec ? nativeValue(versionSpec, version) : undefined;
  if (v !== undefined) out.line(1, `config_version = ${v}`);
  else if (version === undefined) {
    clusterRaw.push('config_version = absent');
    warn(ctx, 'import/raw-attribute', 'this cluster.conf has no config_version (a partial file): kept absent with `raw { config_version = absent }`', span(root));
  } else {
    clusterRaw.push(`config_version = ${quoted(version)}`);
    reportRawAttribute(ctx, root, 'config_version', 'the value is not a valid version number');
  }
  for (const a of root.attributes) {
    if (a.name === 'name' || a.name === 'config_version' || !XML_NAME.test(a.name)) continue;
    clusterRaw.push(`${a.name} = ${quoted(a.value)}`);
    reportRawAttribute(ctx, root, a.name, 'the language does not know this attribute of <cluster>');
  }
  if (!child(root, 'clusternodes')) {
    clusterRaw.push('clusternodes = absent');
    warn(ctx, 'import/raw-attribute', '<cluster> has no <clusternodes> (a partial cluster.conf): kept absent with `raw { clusternodes = absent }`', span(root));
  }
  for (const a of ctx.absent) clusterRaw.push(`cman.${a} = absent`);
  if (clusterRaw.length) out.line(1, `raw { ${clusterRaw.join('; ')} }`);

  const containerAttrs = (c: ConfElement | undefined, path: string) => {
    if (!c) return;
    const raw = c.attributes.filter((a) => XML_NAME.test(a.name)).map((a) => `${path}.${a.name} = ${quoted(a.value)}`);
    for (const a of c.attributes) reportRawAttribute(ctx, c, a.name, `the language has no attributes on <${c.tag}>`);
    if (raw.length) out.line(1, `raw { ${raw.join('; ')} }`);
  };

  for (const c of root.children) {
    if (CORE_BLOCKS.includes(c.tag)) {
      out.line(0, '');
      unit(ctx, out, c, [], () => writeCoreBlock(ctx, out, 1, c));
    }
  }

  const section = (container: ConfElement | undefined, path: string[], write: (e: ConfElement) => void) => {
    if (!container) return;
    out.line(0, '');
    out.comments(1, container.comments);
    containerAttrs(container, path.join('.'));
    if (container.children.length === 0 && !['clusternodes', 'rm'].includes(container.tag)) {
      reportRaw(ctx, container, `an empty <${container.tag}> is not something the language writes`);
      writeRaw(out, 1, container, path.join('/'));
    }
    for (const e of container.children) unit(ctx, out, e, path, () => write(e));
    out.comments(1, container.trailingComments);
  };

  section(child(root, 'fencedevices'), ['fencedevices'], (e) => writeFenceDevice(ctx, out, e));
  section(child(root, 'clusternodes'), ['clusternodes'], (e) => writeNode(ctx, out, e, ctx.nodeNames.get(attr(e, 'name')!)!));

  if (rm) {
    out.line(0, '');
    out.comments(1, rm.comments);
    const rmRaw = [...rm.attributes];
    if (rmRaw.length || rm.trailingComments?.length || rm.children.length === 0) {
      // `rm { }` carries rm's own attributes.
      let own = rmOwn.get(rm);
      if (!own) rmOwn.set(rm, (own = { ...rm, children: [], comments: [] }));
      const rmBlock = own;
      unit(ctx, out, rmBlock, [], () => writeCoreBlock(ctx, out, 1, rmBlock));
    }
    section(child(rm, 'failoverdomains'), ['rm', 'failoverdomains'], (e) => writeDomain(ctx, out, e));
    const res = child(rm, 'resources');
    if (res) {
      out.line(0, '');
      out.comments(1, res.comments);
      containerAttrs(res, 'rm.resources');
      if (res.children.length === 0) {
        reportRaw(ctx, res, 'an empty <resources> is not something the language writes');
        writeRaw(out, 1, res, 'rm/resources');
      }
      let inBlock = false;
      for (const g of res.children) {
        if (ctx.forced.has(g)) {
          if (inBlock) out.line(1, '}');
          inBlock = false;
          unit(ctx, out, g, ['rm', 'resources'], () => undefined);
        } else {
          if (!inBlock) out.line(1, 'resources {');
          inBlock = true;
          unit(ctx, out, g, ['rm', 'resources'], () => writeGlobal(ctx, out, g, globalNames.get(g)!));
        }
      }
      if (inBlock) out.line(1, '}');
      out.comments(1, res.trailingComments);
    }
    for (const c of rm.children) {
      if (c.tag === 'failoverdomains' || c.tag === 'resources') continue;
      out.line(0, '');
      if (c.tag === 'service' || c.tag === 'vm') unit(ctx, out, c, ['rm'], () => writeRoot(ctx, out, c, rootNames.get(c)!));
      else {
        if (!ctx.forced.has(c)) ctx.forced.set(c, `the language has no \`${c.tag}\` in \`rm\``);
        unit(ctx, out, c, ['rm'], () => undefined);
      }
    }
  }

  for (const c of root.children) {
    if (CORE_BLOCKS.includes(c.tag) || ['clusternodes', 'fencedevices', 'rm'].includes(c.tag)) continue;
    out.line(0, '');
    if (!ctx.forced.has(c)) ctx.forced.set(c, `the language has no \`${c.tag}\` in \`cluster\``);
    unit(ctx, out, c, [], () => undefined);
  }
  out.comments(1, root.trailingComments);
  out.line(0, '}');
  return tidy(out.lines.filter((l, i, all) => !(l === '' && (all[i - 1] === '' || all[i - 1]?.endsWith('{'))))).join('\n') + '\n';
}

/** Where in the generated text each line starts (for mapping compile errors back to units). */
function lineOf(lineStarts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lineStarts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function modelAt(model: ConfElement, path: string[]): ConfElement | undefined {
  let e: ConfElement | undefined = model;
  for (const p of path) e = e && child(e, p);
  return e;
}

/** Converts a raw cluster.conf to .cluster source. */
export function importClusterConf(text: string): ImportResult {
  const analysis = analyzeClusterConf(text);
  const root = analysis.root;
  if (!root) return { diagnostics: analysis.diagnostics };
  if (root.tag !== 'cluster') {
    const d: Diagnostic = { rule: 'import/not-cluster-conf', severity: 'error', message: `the root element is <${root.tag}>, not <cluster>: this is not a cluster.conf`, span: span(root) };
    return { diagnostics: [...analysis.diagnostics, d].sort(byPosition), root };
  }
  const ctx: Ctx = { diagnostics: [], forced: new Map(), absent: new Set(), units: [], nodeNames: new Map(), nativeNodes: new Set(), fenceNames: new Set(), domainNames: new Set(), globals: new Map(), rootNames: new Map(), used: new Set() };
  let source = '';
  try {
    for (let round = 0; round < 8; round++) {
      source = generate(root, ctx);
      const parsed = parse(source);
      const lowered = lower(parsed.file, {});
      const errors = [...parsed.diagnostics, ...lowered.diagnostics].filter((d) => d.severity === 'error');
      let changed = false;
      const lineStarts = [0];
      for (let i = 0; i < source.length; i++) if (source.charCodeAt(i) === 10) lineStarts.push(i + 1);
      for (const d of errors) {
        // A node without an id stays a node: the file is wrong (the schema says so too), and the
        // source should say it where it is rather than hide it in raw XML.
        if (d.rule === 'config/nodeid' && /has no `id`/.test(d.message)) continue;
        const line = lineOf(lineStarts, d.span.start);
        const u = ctx.units.find((x) => line >= x.from && line < x.to && !ctx.forced.has(x.xml));
        if (u) {
          ctx.forced.set(u.xml, `the language reports: ${d.message}`);
          changed = true;
        }
      }
      if (changed) continue;
      if (errors.length > 0 || !lowered.cluster) break;
      const model = lowered.cluster;
      // What the compiler derives (two_node, expected_votes) and the file leaves out: `absent`.
      const cman = child(model, 'cman');
      const xmlCman = child(root, 'cman');
      for (const a of cman?.attributes ?? []) {
        if (!a.span && !(xmlCman && xmlCman.attributes.some((x) => x.name === a.name)) && !ctx.absent.has(a.name)) {
          ctx.absent.add(a.name);
          changed = true;
        }
      }
      if (changed) continue;
      // Units that do not come back identical are written raw.
      const produced = new Map<string, Set<string>>();
      for (const u of ctx.units) {
        if (ctx.forced.has(u.xml)) continue;
        const key = `${u.path.join('/')}>${u.xml.tag}`;
        let got = produced.get(key);
        if (!got) {
          const container = modelAt(model, u.path);
          got = new Set(container?.children.filter((c) => c.tag === u.xml.tag).map((c) => canonical(u.xml.tag === 'rm' && u.path.length === 0 ? { ...c, children: [] } : c)));
          produced.set(key, got);
        }
        const want = canonical(u.path.length === 0 && u.xml.tag === 'rm' ? { ...u.xml, children: [] } : u.xml);
        if (!got.has(want)) {
          ctx.forced.set(u.xml, 'the language would not write it back identically');
          changed = true;
        }
      }
      if (!changed) break;
    }
  } catch (e) {
    return { diagnostics: [...analysis.diagnostics, { rule: 'import/internal', severity: 'error', message: `import failed: ${(e as Error).message}`, span: span(root) }], root };
  }
  for (const a of ctx.absent)
    warn(ctx, 'import/raw-attribute', `the compiler would derive ${a} for this cluster, which the file leaves out: kept out with \`raw { cman.${a} = absent }\``, span(child(root, 'cman') ?? root));
  return { source, diagnostics: [...analysis.diagnostics, ...dedupe(ctx.diagnostics)].sort(byPosition), root };
}

function dedupe(ds: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return ds.filter((d) => {
    const k = `${d.rule}|${d.span.start}|${d.span.end}|${d.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** Bytes as read from disk: undecodable input gets its diagnostics and is not imported. */
export function importClusterConfBytes(bytes: Uint8Array): ImportResult & { text?: string } {
  const decoded = decodeSource(bytes);
  if (decoded.diagnostics.length > 0 || decoded.text === undefined) return { diagnostics: decoded.diagnostics, ...(decoded.text !== undefined ? { text: decoded.text } : {}) };
  return { ...importClusterConf(decoded.text), text: decoded.text };
}
