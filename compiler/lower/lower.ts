// Lowering: the syntax tree of a .cluster file → the cluster.conf model, binding every name and
// type-checking every value against the catalogue on the way (the binder and checker of the
// pipeline). It never throws and never gives up early: each problem becomes a diagnostic at the
// exact span and lowering carries on with the rest, so one pass reports everything.

import type { Diagnostic, Fix, Span } from '../diagnostics.ts';
import type { Body, Entry, SourceFile, Value } from '../../grammar/syntax.ts';
import { isAttribute } from '../../grammar/syntax.ts';
import type { AttributeSpec, FenceAgentSpec, ResourceAgentSpec } from '../catalogue/types.ts';
import { catalogue, element as elementSpec, fenceAgent, resourceAgent, resourceAgentCaseInsensitive, suggest } from '../catalogue/index.ts';
import { type ConfElement, attr, child, children, container, element, getAttribute, setAttribute } from '../model/conf.ts';
import { isSpelledTrue } from '../model/read.ts';
import { convertValue, type SecretHost, type ValueContext } from './values.ts';
import { isRawEntry, lowerRawInBlock, lowerRawInCluster } from './raw.ts';
import type { ClusterSymbol, SymbolKind, SymbolTable } from './symbols.ts';
import type { FenceVirtModel } from '../fence-virt/model.ts';
import { lowerFenceVirtd } from './fence-virtd.ts';

export interface LowerOptions {
  /** Where env("…") and file("…") are read from; absent in the editor (nothing is read). */
  secrets?: SecretHost;
  /** Used when the source has no config_version (`quorate plan --bump`: deployed + 1). */
  defaultConfigVersion?: number;
}

export interface LowerResult {
  /** The cluster.conf model; absent when the file has no `cluster` block at all. */
  cluster?: ConfElement;
  /** The host side of VM fencing (`fence_virtd { }` → fence_virt.conf), when the file has it. */
  fenceVirt?: FenceVirtModel;
  symbols: SymbolTable;
  diagnostics: Diagnostic[];
}

/** The language's name for a meta attribute on a resource → rgmanager's `__` attribute. */
const META_ATTRIBUTES: Record<string, string> = {
  independent_subtree: '__independent_subtree',
  enforce_timeouts: '__enforce_timeouts',
  max_failures: '__max_failures',
  failure_expire_time: '__failure_expire_time',
  max_restarts: '__max_restarts',
  restart_expire_time: '__restart_expire_time',
};

/** Blocks directly inside `cluster { }` that are plain cluster.conf elements. */
const CORE_BLOCKS: Record<string, string> = {
  cman: 'cman',
  totem: 'totem',
  quorumd: 'quorumd',
  fence_daemon: 'fence_daemon',
  dlm: 'dlm',
  gfs_controld: 'gfs_controld',
  logging: 'logging',
  uidgid: 'uidgid',
  clvmd: 'clvmd',
  group: 'group',
  fence_xvmd: 'fence_xvmd',
  rm: 'rm',
};

/** Blocks nested inside core blocks: language kind → element tag. */
const NESTED_CORE_BLOCKS: Record<string, Record<string, string>> = {
  cman: { multicast: 'multicast', altmulticast: 'altmulticast' },
  totem: { interface: 'interface' },
  quorumd: { heuristic: 'heuristic' },
  logging: { daemon: 'logging_daemon' },
};

const CLUSTER_KINDS = [...Object.keys(CORE_BLOCKS), 'config_version', 'node', 'fence_device', 'failover_domain', 'resources', 'service', 'vm'];

export function lower(file: SourceFile, options: LowerOptions = {}): LowerResult {
  return new Lowering(options).run(file);
}

class Lowering {
  readonly diagnostics: Diagnostic[] = [];
  readonly symbols: SymbolTable = { symbols: [], references: [], scopes: [] };
  private readonly values: ValueContext;
  /** Declarations by kind namespace, for resolving references. */
  private readonly scopes = new Map<string, Map<string, ClusterSymbol>>();
  /** Per global resource: its agent and the value of its primary parameter (what `ref=` holds). */
  private readonly globalResources = new Map<ClusterSymbol, { agent: ResourceAgentSpec; primaryValue?: string }>();
  private readonly nodeHostnames = new Map<ClusterSymbol, string>();
  private readonly domainNames = new Map<ClusterSymbol, string>();
  /** Lowered fence devices by name: a node's device inherits their parameters at fence time. */
  private readonly fenceDevices = new Map<string, ConfElement>();

  constructor(private readonly options: LowerOptions) {
    this.values = { diagnostics: this.diagnostics, ...(options.secrets ? { secrets: options.secrets } : {}) };
  }

  run(file: SourceFile): LowerResult {
    const clusters = file.entries.filter((e) => e.kind.text === 'cluster');
    for (const e of file.entries) {
      if (e.kind.text !== 'cluster' && e.kind.text !== 'fence_virtd') this.unknownBlock(e, ['cluster', 'fence_virtd'], 'at the top level');
    }
    const fenceVirt = lowerFenceVirtd(file.entries, this.diagnostics, this.symbols.scopes);
    if (clusters.length === 0) {
      if (!fenceVirt) this.error('structure/missing-cluster', 'a .cluster file describes one cluster: `cluster NAME { ... }` is missing', { start: 0, end: 0 });
      return { ...(fenceVirt ? { fenceVirt } : {}), symbols: this.symbols, diagnostics: this.diagnostics };
    }
    for (const extra of clusters.slice(1)) {
      this.error('structure/duplicate-cluster', 'only one `cluster` block per file: split other clusters into their own files', extra.kind.span);
    }
    const cluster = this.lowerCluster(clusters[0]);
    return { cluster, ...(fenceVirt ? { fenceVirt } : {}), symbols: this.symbols, diagnostics: this.diagnostics };
  }

  // ---- diagnostics helpers

  private error(rule: string, message: string, span: Span, fixes?: Fix[]): void {
    this.diagnostics.push({ rule, severity: 'error', message, span, ...(fixes ? { fixes } : {}) });
  }

  private warn(rule: string, message: string, span: Span, fixes?: Fix[]): void {
    this.diagnostics.push({ rule, severity: 'warning', message, span, ...(fixes ? { fixes } : {}) });
  }

  private renameFix(span: Span, to: string): Fix[] {
    return [{ title: `Change to ${to}`, edits: [{ span, newText: to }] }];
  }

  private unknownBlock(e: Entry, allowed: string[], where: string): void {
    const s = suggest(e.kind.text, allowed);
    this.error(
      'structure/unknown-block',
      `\`${e.kind.text}\` is not allowed ${where}${s ? `; did you mean \`${s}\`?` : `; expected one of: ${allowed.join(', ')}`}`,
      e.kind.span,
      s ? this.renameFix(e.kind.span, s) : undefined,
    );
  }

  /** Reports parts an entry should not have (`totem foo { }`, `totem : x`, `totem = 1 { }`). */
  private expectShape(e: Entry, shape: { name?: 'required' | 'optional' | 'forbidden'; value?: 'optional' | 'forbidden'; body?: 'required' | 'optional'; type?: 'required' | 'forbidden' }): boolean {
    let ok = true;
    const k = e.kind.text;
    if (shape.name === 'required' && !e.name) {
      this.error('structure/missing-name', `\`${k}\` needs a name: \`${k} NAME ${shape.type === 'required' ? ': TYPE ' : ''}{ ... }\``, e.kind.span);
      ok = false;
    }
    if ((shape.name ?? 'forbidden') === 'forbidden' && e.name) {
      this.error('structure/unexpected-name', `\`${k}\` takes no name here${e.value === undefined && !e.body ? ` (is \`=\` missing between \`${k}\` and \`${e.name.text}\`?)` : ''}`, e.name.span);
      ok = false;
    }
    if (shape.type === 'required' && !e.typeName) {
      this.error('structure/missing-type', `\`${k}\` needs its agent after a colon: \`${k} ${e.name?.text ?? 'NAME'} : AGENT { ... }\``, e.name?.span ?? e.kind.span);
      ok = false;
    }
    if ((shape.type ?? 'forbidden') === 'forbidden' && e.typeName) {
      this.error('structure/unexpected-type', `\`${k}\` takes no \`: TYPE\``, e.typeName.span);
      ok = false;
    }
    if ((shape.value ?? 'forbidden') === 'forbidden' && e.value) {
      this.error('structure/unexpected-value', `\`${k}\` is a block, not an attribute: write \`${k} { ... }\``, e.value.span);
      ok = false;
    }
    if (shape.body === 'required' && !e.body) {
      this.error('structure/missing-body', `\`${k}\` needs a body: \`${k}${e.name ? ' ' + e.name.text : ''} { ... }\``, e.kind.span);
      ok = false;
    }
    return ok;
  }

  // ---- symbols

  /** Records what a block body accepts (editor completion and hover read it). */
  private bodyScope(e: Entry, kind: string, attributes: readonly AttributeSpec[], blocks: readonly string[]): void {
    if (e.body) this.symbols.scopes!.push({ span: e.body.span, kind, attributes: [...attributes], blocks: [...blocks] });
  }

  private scope(ns: string): Map<string, ClusterSymbol> {
    let s = this.scopes.get(ns);
    if (!s) this.scopes.set(ns, (s = new Map()));
    return s;
  }

  private declare(ns: string, kind: SymbolKind, e: Entry, detail?: string, parent?: ClusterSymbol): ClusterSymbol | undefined {
    if (!e.name) return undefined;
    const name = e.name.text;
    const sym: ClusterSymbol = { kind, name, nameSpan: e.name.span, span: e.span, ...(detail ? { detail } : {}), ...(parent ? { parent } : {}) };
    const s = this.scope(ns);
    const existing = s.get(name);
    if (existing) {
      this.diagnostics.push({
        rule: 'name/duplicate',
        severity: 'error',
        message: `${kindLabel(kind)} \`${name}\` is declared twice`,
        span: e.name.span,
        related: [{ span: existing.nameSpan, message: 'first declared here' }],
      });
    } else s.set(name, sym);
    this.symbols.symbols.push(sym);
    return sym;
  }

  /**
   * Binds a name used as a value, recording the reference (navigation, rename). Silent when the
   * name is unknown: for names that stay in the model as written (a fence device, a failover
   * domain, a domain member) the rule over the model reports it, on both kinds of input.
   */
  private bind(ns: string, name: string, span: Span): ClusterSymbol | undefined {
    const sym = this.scope(ns).get(name);
    if (sym) this.symbols.references.push({ span, target: sym });
    return sym;
  }

  /**
   * Binds a name that cannot stay in the model unresolved (`use X` of no resource: its agent is
   * unknown; `depend` on no service), and reports `rule` with a did-you-mean when it is unknown.
   */
  private resolve(ns: string, name: string, span: Span, rule: string, what: string): ClusterSymbol | undefined {
    const sym = this.bind(ns, name, span);
    if (sym) return sym;
    const s = suggest(name, [...this.scope(ns).keys()]);
    this.error(rule, `${what} \`${name}\` is not declared${s ? `; did you mean \`${s}\`?` : ''}`, span, s ? this.renameFix(span, s) : undefined);
    return undefined;
  }

  // ---- cluster

  private lowerCluster(e: Entry): ConfElement {
    const cluster = element('cluster', e.span);
    this.expectShape(e, { name: 'required', body: 'required' });
    if (e.name) {
      cluster.nameSpan = e.name.span;
      setAttribute(cluster, 'name', e.name.text, e.name.span);
      this.declare('cluster', 'cluster', e);
    }
    const body = e.body?.entries ?? [];
    this.bodyScope(e, 'cluster', elementSpec('cluster')?.attributes.filter((a) => a.name === 'config_version') ?? [], CLUSTER_KINDS.filter((k) => k !== 'config_version'));
    container(cluster, 'clusternodes');

    // Declarations first, so references may point forwards.
    for (const x of body) {
      if (x.kind.text === 'node') {
        const sym = this.declare('node', 'node', x);
        if (sym) this.nodeHostnames.set(sym, x.value?.type === 'string' ? x.value.value : x.name!.text);
      } else if (x.kind.text === 'fence_device') this.declare('fence_device', 'fence_device', x, x.typeName?.text);
      else if (x.kind.text === 'failover_domain') {
        const sym = this.declare('failover_domain', 'failover_domain', x);
        if (sym) this.domainNames.set(sym, x.name!.text);
      } else if (x.kind.text === 'service' || x.kind.text === 'vm') this.declare('root', x.kind.text, x);
      else if (x.kind.text === 'resources') for (const r of x.body?.entries ?? []) if (r.name) this.declare('resource', 'resource', r, r.kind.text);
    }

    let configVersion: Entry | undefined;
    const fenceAgents = new Map<string, FenceAgentSpec>();
    for (const x of body) {
      const k = x.kind.text;
      if (k === 'config_version') {
        configVersion = x;
        this.lowerAttribute(x, cluster, elementSpec('cluster')?.attributes.find((a) => a.name === 'config_version') ?? INTEGER_SPEC('config_version'), 'config_version');
      } else if (k === 'rm') {
        // Failover domains, resources and services fill the same <rm>; this block adds its attributes.
        const c = this.lowerCoreBlock(x, element('cluster'), 'rm', {});
        const rm = container(cluster, 'rm');
        if (c && rm.span) this.error('name/duplicate', '`rm` is given twice; merge the two blocks', x.kind.span);
        else if (c) {
          rm.attributes.push(...c.attributes);
          rm.span = c.span;
        }
      } else if (CORE_BLOCKS[k]) {
        const c = this.lowerCoreBlock(x, cluster, CORE_BLOCKS[k], NESTED_CORE_BLOCKS[k] ?? {});
        if (c) cluster.children.push(c);
      } else if (k === 'fence_device') {
        const fd = this.lowerFenceDevice(x);
        if (fd) {
          container(cluster, 'fencedevices').children.push(fd.element);
          if (fd.agent && x.name) fenceAgents.set(x.name.text, fd.agent);
          if (x.name && !this.fenceDevices.has(x.name.text)) this.fenceDevices.set(x.name.text, fd.element);
        }
      } else if (k === 'node') {
        // Nodes need the fence devices' agents: lowered after this loop.
      } else if (k === 'failover_domain') {
        const d = this.lowerFailoverDomain(x);
        if (d) container(container(cluster, 'rm'), 'failoverdomains').children.push(d);
      } else if (k === 'resources') {
        this.expectShape(x, { body: 'required' });
        for (const r of x.body?.entries ?? []) {
          const res = this.lowerGlobalResource(r);
          if (res) container(container(cluster, 'rm'), 'resources').children.push(res);
        }
      } else if (k === 'service' || k === 'vm') {
        // Roots reference global resources, so they come after all definitions (below).
      } else if (isRawEntry(x)) {
        // `xml = "…" { }` and `raw { }`: the escape hatch (compiler/lower/raw.ts), after the loop.
      } else if (isAttribute(x)) {
        const s = suggest(k, CLUSTER_KINDS);
        this.error('config/unknown-attribute', `\`${k}\` is not an attribute of \`cluster\`${s ? `; did you mean \`${s}\`?` : ''}`, x.kind.span, s ? this.renameFix(x.kind.span, s) : undefined);
      } else {
        this.unknownBlock(x, CLUSTER_KINDS, 'in `cluster`');
      }
    }
    for (const x of body) if (x.kind.text === 'node') {
      const n = this.lowerNode(x, fenceAgents);
      if (n) container(cluster, 'clusternodes').children.push(n);
    }
    for (const x of body) if (x.kind.text === 'service' || x.kind.text === 'vm') {
      const r = this.lowerRoot(x);
      if (r) container(cluster, 'rm').children.push(r);
    }
    this.deriveQuorum(cluster);
    const rawClusterAttributes = lowerRawInCluster(cluster, body, this.diagnostics);
    // A version given raw (or left out raw, as in a partial cluster.conf such as the rg_test
    // samples) is the admin's: the compiler does not insist on its own.
    const versionGiven = configVersion !== undefined || rawClusterAttributes.has('config_version');
    if (!versionGiven && this.options.defaultConfigVersion !== undefined) {
      setAttribute(cluster, 'config_version', String(this.options.defaultConfigVersion));
    } else if (!versionGiven && e.name) {
      this.error(
        'config/missing-version',
        '`config_version` is missing: cman only accepts a new cluster.conf whose version is greater than the running one, so Quorate never invents it',
        e.name.span,
        e.body ? [{ title: 'Add config_version = 1', edits: [{ span: { start: e.body.open.end, end: e.body.open.end }, newText: '\n  config_version = 1' }] }] : undefined,
      );
    }
    orderChildren(cluster);
    return cluster;
  }

  /** A plain attribute entry → an attribute on `target`. */
  private lowerAttribute(x: Entry, target: ConfElement, spec: AttributeSpec, xmlName = spec.name, label = x.kind.text): void {
    if (x.incomplete) {
      // The parser reported the missing value. Record the attribute as present (nothing is
      // emitted: there is an error) so "missing id"-style checks do not repeat the complaint.
      if (!getAttribute(target, xmlName)) setAttribute(target, xmlName, '', x.kind.span);
      return;
    }
    if (!isAttribute(x)) {
      if (x.body || x.name) this.error('structure/unexpected-block', `\`${label}\` is an attribute: write \`${label} = VALUE\``, x.kind.span);
      else this.error('syntax/missing-value', `\`${label}\` needs a value: \`${label} = VALUE\``, x.kind.span);
      return;
    }
    if (getAttribute(target, xmlName)?.span) {
      this.error('name/duplicate-attribute', `\`${label}\` is set twice in this block`, x.kind.span);
      return;
    }
    const v = convertValue(spec, x.value!, this.values, label);
    if (v !== undefined) setAttribute(target, xmlName, v, x.value!.span);
  }

  /**
   * An attribute the agent does not declare: recorded in the model as written (its name's span
   * too), so the rule that owns the problem (resource/ or fence/unknown-parameter) reports it on
   * .cluster sources and raw cluster.conf alike.
   */
  private lowerUnknownParameter(a: Entry, target: ConfElement): void {
    const v = a.value;
    if (!v || getAttribute(target, a.kind.text)) return;
    const text = v.type === 'string' ? v.value : v.type === 'number' ? v.raw : v.type === 'ident' ? v.name : v.type === 'call' ? `${v.callee.text}()` : '';
    setAttribute(target, a.kind.text, text, v.span);
    getAttribute(target, a.kind.text)!.nameSpan = a.kind.span;
  }

  private lowerCoreBlock(x: Entry, parent: ConfElement, tag: string, nested: Record<string, string>): ConfElement | undefined {
    const spec = elementSpec(tag);
    const multiple = tag === 'uidgid' || tag === 'interface' || tag === 'heuristic' || tag === 'logging_daemon';
    const named = tag === 'logging_daemon' ? 'required' : tag === 'heuristic' ? 'optional' : 'forbidden';
    this.expectShape(x, { name: named, body: 'required' });
    if (!multiple && child(parent, tag)) {
      this.error('name/duplicate', `\`${x.kind.text}\` is given twice; merge the two blocks`, x.kind.span);
      return undefined;
    }
    const el = element(tag, x.span);
    if (x.body) el.bodyOpen = x.body.open;
    this.bodyScope(x, tag, spec?.attributes ?? [], Object.keys(nested));
    if (tag === 'logging_daemon' && x.name) {
      const nameSpec = spec?.attributes.find((a) => a.name === 'name');
      if (nameSpec) {
        const v = convertValue(nameSpec, { type: 'ident', name: x.name.text, span: x.name.span }, this.values, 'daemon');
        if (v !== undefined) setAttribute(el, 'name', v, x.name.span);
      } else setAttribute(el, 'name', x.name.text, x.name.span);
    }
    for (const a of x.body?.entries ?? []) {
      const k = a.kind.text;
      if (isRawEntry(a)) {
        lowerRawInBlock(a, el, this.diagnostics);
        continue;
      }
      if (nested[k]) {
        const c = this.lowerCoreBlock(a, el, nested[k], {});
        if (c) el.children.push(c);
        continue;
      }
      if (tag === 'logging_daemon' && k === 'name') {
        this.error('structure/unexpected-attribute', 'the daemon is named in the block header: `daemon rgmanager { ... }`', a.kind.span);
        continue;
      }
      const attrSpec = spec?.attributes.find((s) => s.name === k);
      if (!attrSpec) {
        if (!isAttribute(a) && a.body) {
          this.unknownBlock(a, Object.keys(nested), `in \`${x.kind.text}\``);
          continue;
        }
        const names = [...(spec?.attributes.map((s) => s.name) ?? []), ...Object.keys(nested)];
        const s = suggest(k, names);
        this.error('config/unknown-attribute', `\`${k}\` is not an attribute of \`${x.kind.text}\`${s ? `; did you mean \`${s}\`?` : ''}`, a.kind.span, s ? this.renameFix(a.kind.span, s) : undefined);
        continue;
      }
      this.lowerAttribute(a, el, attrSpec);
    }
    this.requireAttributes(el, spec?.attributes ?? [], x, 'config/missing-attribute', x.kind.text, ['name']);
    return el;
  }

  private requireAttributes(el: ConfElement, specs: AttributeSpec[], x: Entry, rule: string, what: string, skip: string[] = []): void {
    const missing = specs.filter((s) => s.required && !skip.includes(s.name) && !getAttribute(el, s.name) && s.default === undefined);
    if (missing.length === 0) return;
    const names = missing.map((m) => '`' + m.name + '`').join(', ');
    this.error(rule, `\`${what}${x.name ? ' ' + x.name.text : ''}\` is missing required ${missing.length === 1 ? 'parameter' : 'parameters'} ${names}`, x.name?.span ?? x.kind.span);
  }

  // ---- fencing

  private lowerFenceDevice(x: Entry): { element: ConfElement; agent?: FenceAgentSpec } | undefined {
    this.expectShape(x, { name: 'required', type: 'required', body: 'optional' });
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
        this.error('fence/unknown-agent', `\`${x.typeName.text}\` is not a RHEL 6 fence agent${s ? `; did you mean \`${s}\`?` : ''}`, x.typeName.span, s ? this.renameFix(x.typeName.span, s) : undefined);
      }
    }
    this.bodyScope(x, x.typeName?.text ?? 'fencedevice', agent?.parameters.filter((p) => p.name !== 'name' && p.name !== 'agent') ?? [], []);
    for (const a of x.body?.entries ?? []) {
      if (isRawEntry(a)) lowerRawInBlock(a, el, this.diagnostics);
      else this.lowerFenceParameter(a, el, agent, x.typeName?.text);
    }
    return { element: el, ...(agent ? { agent } : {}) };
  }

  private lowerFenceParameter(a: Entry, el: ConfElement, agent: FenceAgentSpec | undefined, agentName: string | undefined): void {
    const k = a.kind.text;
    if (k === 'name' || k === 'agent') {
      this.error('structure/unexpected-attribute', `\`${k}\` comes from the declaration header (\`fence_device NAME : AGENT\`)`, a.kind.span);
      return;
    }
    if (!agent) {
      if (isAttribute(a)) this.lowerAttribute(a, el, STRING_SPEC(k));
      return;
    }
    const spec = agent.parameters.find((p) => p.name === k);
    if (!spec) {
      if (isAttribute(a)) this.lowerUnknownParameter(a, el);
      return;
    }
    if (spec.deprecated) this.warn('fence/deprecated-parameter', `\`${k}\` is deprecated for ${agentName}: ${spec.deprecated}`, a.kind.span);
    this.lowerAttribute(a, el, spec);
  }

  private lowerNode(x: Entry, fenceAgents: Map<string, FenceAgentSpec>): ConfElement | undefined {
    this.expectShape(x, { name: 'required', value: 'optional', body: 'optional' });
    if (!x.name) return undefined;
    const el = element('clusternode', x.span);
    el.nameSpan = x.name.span;
    el.sourceName = x.name.text;
    if (x.value && x.value.type !== 'string') {
      this.error('type/mismatch', 'a node\'s host name is a string: `node node1 = "node1.example.com" { ... }`', x.value.span);
    }
    const hostname = x.value?.type === 'string' ? x.value.value : x.name.text;
    setAttribute(el, 'name', hostname, x.value?.type === 'string' ? x.value.span : x.name.span);
    const spec = elementSpec('clusternode');
    this.bodyScope(x, 'clusternode', (spec?.attributes ?? []).filter((s) => ['nodeid', 'votes', 'weight'].includes(s.name)).map((s) => (s.name === 'nodeid' ? { ...s, name: 'id' } : s)), ['altname', 'fence', 'unfence']);
    const nodeSym = this.scope('node').get(x.name.text);
    for (const a of x.body?.entries ?? []) {
      const k = a.kind.text;
      if (isRawEntry(a)) lowerRawInBlock(a, el, this.diagnostics);
      else if (k === 'id') this.lowerAttribute(a, el, spec?.attributes.find((s) => s.name === 'nodeid') ?? INTEGER_SPEC('nodeid', 1), 'nodeid', 'id');
      else if (k === 'votes' || k === 'weight') {
        const s = spec?.attributes.find((p) => p.name === k);
        if (s) this.lowerAttribute(a, el, s);
      } else if (k === 'altname') {
        // A second `altname` is reported by lowerCoreBlock (name/duplicate: cman has two rings).
        const alt = this.lowerCoreBlock(a, el, 'altname', {});
        if (alt) el.children.push(alt);
      } else if (k === 'fence') {
        this.expectShape(a, { body: 'required' });
        this.bodyScope(a, 'fence', [], ['method']);
        const fence = element('fence', a.span);
        const methodNames = new Map<string, Span>();
        for (const m of a.body?.entries ?? []) {
          if (m.kind.text !== 'method') {
            this.unknownBlock(m, ['method'], 'in `fence`');
            continue;
          }
          this.expectShape(m, { name: 'required', body: 'required' });
          this.bodyScope(m, 'method', [], ['device']);
          if (!m.name) continue;
          this.declare(`method:${x.name.text}`, 'method', m, undefined, nodeSym);
          const prev = methodNames.get(m.name.text);
          if (prev) continue; // name/duplicate already reported; fenced would run the first twice
          methodNames.set(m.name.text, m.name.span);
          const method = element('method', m.span);
          setAttribute(method, 'name', m.name.text, m.name.span);
          for (const d of m.body?.entries ?? []) {
            if (isRawEntry(d)) {
              lowerRawInBlock(d, method, this.diagnostics);
              continue;
            }
            const dev = this.lowerDeviceUse(d, fenceAgents, 'method');
            if (dev) method.children.push(dev);
          }
          if (method.children.length === 0 && m.body) {
            this.error('fence/empty-method', `method \`${m.name.text}\` has no device: fenced counts it as a failed method`, m.name.span);
          }
          fence.children.push(method);
        }
        if (child(el, 'fence')) this.error('name/duplicate', '`fence` is given twice for this node; put all methods in one block', a.kind.span);
        else el.children.push(fence);
      } else if (k === 'unfence') {
        this.expectShape(a, { body: 'required' });
        const unfence = element('unfence', a.span);
        this.bodyScope(a, 'unfence', [], ['device']);
        for (const d of a.body?.entries ?? []) {
          const dev = this.lowerDeviceUse(d, fenceAgents, 'unfence');
          if (dev) unfence.children.push(dev);
        }
        el.children.push(unfence);
      } else if (isAttribute(a) || !a.body) {
        const s = suggest(k, ['id', 'votes', 'weight']);
        this.error('config/unknown-attribute', `\`${k}\` is not an attribute of \`node\`${s ? `; did you mean \`${s}\`?` : ' (a node has id, votes, weight, altname, fence and unfence)'}`, a.kind.span, s ? this.renameFix(a.kind.span, s) : undefined);
      } else this.unknownBlock(a, ['altname', 'fence', 'unfence'], 'in `node`');
    }
    return el;
  }

  /** `device xvm { port = "node1" }` inside a method or unfence. */
  private lowerDeviceUse(d: Entry, fenceAgents: Map<string, FenceAgentSpec>, where: string): ConfElement | undefined {
    if (d.kind.text !== 'device') {
      const isDeviceName = this.scope('fence_device').has(d.kind.text);
      this.error(
        'structure/unknown-block',
        isDeviceName ? `write \`device ${d.kind.text} { ... }\` to use fence device \`${d.kind.text}\`` : `\`${d.kind.text}\` is not allowed in \`${where}\`; expected \`device NAME { ... }\``,
        d.kind.span,
        isDeviceName ? [{ title: `Write device ${d.kind.text}`, edits: [{ span: { start: d.kind.span.start, end: d.kind.span.start }, newText: 'device ' }] }] : undefined,
      );
      return undefined;
    }
    this.expectShape(d, { name: 'required', body: 'optional' });
    if (!d.name) return undefined;
    // An undefined device stays in the model under its written name: fence/undefined-device reports it.
    const sym = this.bind('fence_device', d.name.text, d.name.span);
    const el = element('device', d.span);
    el.nameSpan = d.name.span;
    if (d.body) el.bodyOpen = d.body.open;
    setAttribute(el, 'name', d.name.text, d.name.span);
    const agent = sym ? fenceAgents.get(sym.name) : undefined;
    this.bodyScope(d, sym?.detail ?? 'device', agent?.parameters.filter((p) => p.name !== 'name' && p.name !== 'agent') ?? [], []);
    for (const a of d.body?.entries ?? []) {
      if (isRawEntry(a)) lowerRawInBlock(a, el, this.diagnostics);
      else this.lowerFenceParameter(a, el, agent, sym?.detail);
    }
    const device = sym ? this.fenceDevices.get(sym.name) : undefined;
    for (const p of el.attributes) {
      const shared = device && p.name !== 'name' ? getAttribute(device, p.name) : undefined;
      if (shared) {
        this.warn('fence/parameter-overridden', `\`${p.name}\` is also set on fence device \`${sym!.name}\`, whose value wins when fenced runs the agent`, p.span ?? d.name.span);
      }
    }
    return el;
  }

  // ---- failover domains

  private lowerFailoverDomain(x: Entry): ConfElement | undefined {
    this.expectShape(x, { name: 'required', body: 'required' });
    if (!x.name) return undefined;
    const el = element('failoverdomain', x.span);
    el.nameSpan = x.name.span;
    setAttribute(el, 'name', x.name.text, x.name.span);
    const spec = elementSpec('failoverdomain');
    const prioritySpec = elementSpec('failoverdomainnode')?.attributes.find((a) => a.name === 'priority') ?? INTEGER_SPEC('priority', 1, 100);
    this.bodyScope(x, 'failoverdomain', [...(spec?.attributes.filter((a) => a.name !== 'name') ?? []), { name: 'members', type: { kind: 'string' }, required: false, doc: 'The nodes of the domain, optionally with priorities (1 is the most preferred): `members = [node2: 1, node1: 2]`.' }], []);
    for (const a of x.body?.entries ?? []) {
      const k = a.kind.text;
      if (isRawEntry(a)) {
        lowerRawInBlock(a, el, this.diagnostics);
        continue;
      }
      if (k === 'members') {
        if (!isAttribute(a) || a.value?.type !== 'list') {
          this.error('type/mismatch', '`members` is a list of nodes, optionally with priorities: `members = [node2: 1, node1: 2]`', a.value?.span ?? a.kind.span);
          continue;
        }
        const seen = new Set<string>();
        for (const item of a.value.items) {
          if (item.value.type !== 'ident') {
            this.error('type/mismatch', 'a member is a node name declared with `node`', item.value.span);
            continue;
          }
          const sym = this.bind('node', item.value.name, item.value.span);
          if (!sym) {
            // Not a declared node: kept as written, and domain/unknown-node reports it.
            const m = element('failoverdomainnode', item.span);
            setAttribute(m, 'name', item.value.name, item.value.span);
            if (item.weight) {
              const v = convertValue(prioritySpec, item.weight, this.values, 'priority');
              if (v !== undefined) setAttribute(m, 'priority', v, item.weight.span);
            }
            el.children.push(m);
            continue;
          }
          if (seen.has(sym.name)) {
            this.error('domain/duplicate-node', `node \`${sym.name}\` is listed twice: rgmanager stops reading this domain's members there`, item.value.span);
            continue;
          }
          seen.add(sym.name);
          const m = element('failoverdomainnode', item.span);
          setAttribute(m, 'name', this.nodeHostnames.get(sym) ?? sym.name, item.value.span);
          if (item.weight) {
            const v = convertValue(prioritySpec, item.weight, this.values, 'priority');
            if (v !== undefined) setAttribute(m, 'priority', v, item.weight.span);
          }
          el.children.push(m);
        }
        continue;
      }
      const attrSpec = spec?.attributes.find((s) => s.name === k);
      if (!attrSpec || k === 'name') {
        const s = suggest(k, ['ordered', 'restricted', 'nofailback', 'members']);
        this.error('config/unknown-attribute', `\`${k}\` is not an attribute of \`failover_domain\`${s ? `; did you mean \`${s}\`?` : ''}`, a.kind.span, s ? this.renameFix(a.kind.span, s) : undefined);
        continue;
      }
      this.lowerAttribute(a, el, attrSpec);
    }
    return el;
  }

  // ---- resources

  private agentFor(e: Entry, where: string): ResourceAgentSpec | undefined {
    const exact = resourceAgent(e.kind.text);
    if (exact) return exact;
    const other = resourceAgentCaseInsensitive(e.kind.text);
    const s = other?.name ?? suggest(e.kind.text, Object.keys(catalogue.resourceAgents));
    this.error(
      'resource/unknown-type',
      `\`${e.kind.text}\` is not a resource agent${s ? `; did you mean \`${s}\`?` : ''} (${where})`,
      e.kind.span,
      s ? this.renameFix(e.kind.span, s) : undefined,
    );
    return undefined;
  }

  private lowerGlobalResource(r: Entry): ConfElement | undefined {
    const agent = this.agentFor(r, 'in `resources`');
    if (!agent) return undefined;
    if (agent.name === 'service' || agent.name === 'vm') {
      this.error('structure/misplaced', `a ${agent.name} is declared at cluster level: \`${agent.name} NAME { ... }\``, r.kind.span);
      return undefined;
    }
    this.expectShape(r, { name: 'required', body: 'optional' });
    const el = this.lowerResourceBody(r, agent, { global: true, root: false });
    const sym = r.name ? this.scope('resource').get(r.name.text) : undefined;
    if (sym && sym.nameSpan === r.name!.span) {
      this.globalResources.set(sym, { agent, ...(agent.primary && attr(el, agent.primary) !== undefined ? { primaryValue: attr(el, agent.primary)! } : {}) });
    }
    return el;
  }

  private lowerRoot(x: Entry): ConfElement | undefined {
    const agent = resourceAgent(x.kind.text)!;
    this.expectShape(x, { name: 'required', body: 'optional' });
    if (!x.name) return undefined;
    return this.lowerResourceBody(x, agent, { global: false, root: true });
  }

  /** The parameters and children of a resource (global definition, inline resource or root). */
  private lowerResourceBody(x: Entry, agent: ResourceAgentSpec, where: { global: boolean; root: boolean; parent?: ResourceAgentSpec }): ConfElement {
    const el = element(agent.name, x.span);
    if (x.name) el.nameSpan = x.name.span;
    const params = new Map(agent.parameters.map((p) => [p.name, p]));
    const metas = where.root || where.global ? [] : Object.entries(META_ATTRIBUTES).flatMap(([k, m]) => catalogue.resourceMetaAttributes.filter((s) => s.name === m).map((s) => ({ ...s, name: k })));
    const childKinds = Object.keys(catalogue.resourceAgents).filter((n) => n !== 'service' && n !== 'vm' && !agent.children.some((c) => c.type === n && c.forbid));
    this.bodyScope(x, agent.name, [...agent.parameters, ...metas], [...childKinds, 'use', 'action']);
    const entries = x.body?.entries ?? [];
    const setsName = entries.some((a) => a.kind.text === 'name' && isAttribute(a));
    if (x.name && params.has('name') && !setsName) setAttribute(el, 'name', x.name.text, x.name.span);

    for (const a of entries) {
      const k = a.kind.text;
      if (isRawEntry(a)) {
        lowerRawInBlock(a, el, this.diagnostics);
        continue;
      }
      if (isAttribute(a) || a.incomplete || (!a.body && !a.name)) {
        if (!isAttribute(a)) {
          this.lowerAttribute(a, el, STRING_SPEC(k));
          continue;
        }
        if (k === 'domain' && where.root) {
          if (a.value!.type !== 'ident') {
            this.error('type/mismatch', '`domain` names a failover_domain: `domain = prefernode2`', a.value!.span);
            continue;
          }
          // An undefined domain stays as written: service/undefined-domain reports it.
          const sym = this.bind('failover_domain', a.value!.name, a.value!.span);
          setAttribute(el, 'domain', sym ? (this.domainNames.get(sym) ?? sym.name) : a.value!.name, a.value!.span);
          continue;
        }
        if (k === 'depend' && where.root) {
          if (a.value!.type !== 'ident') {
            this.error('type/mismatch', '`depend` names another service or vm: `depend = database`', a.value!.span);
            continue;
          }
          const sym = this.resolve('root', a.value!.name, a.value!.span, 'service/undefined-depend', 'service or vm');
          if (sym) setAttribute(el, 'depend', `${sym.kind}:${sym.name}`, a.value!.span);
          continue;
        }
        const meta = META_ATTRIBUTES[k];
        if (meta && !(where.root && params.has(k))) {
          if (where.root) {
            this.warn('resource/meta-on-root', `\`${k}\` has no effect on a ${agent.name}: rgmanager reads it only on resources inside one`, a.kind.span);
            continue;
          }
          if (where.global) {
            this.error('resource/meta-on-definition', `\`${k}\` belongs where the resource is used (\`use ${x.name?.text ?? 'NAME'} { ${k} = … }\`), not in its definition`, a.kind.span);
            continue;
          }
          this.lowerMeta(a, el, k, meta);
          continue;
        }
        const spec = params.get(k);
        if (!spec) {
          this.lowerUnknownParameter(a, el);
          continue;
        }
        if (spec.name === 'name' && x.name && getAttribute(el, 'name')?.span === x.name.span) {
          // An explicit name overrides the block's name.
          el.attributes = el.attributes.filter((p) => p.name !== 'name');
        }
        this.lowerAttribute(a, el, spec);
        continue;
      }
      if (k === 'action') {
        const act = this.lowerAction(a);
        if (act) el.children.push(act);
        continue;
      }
      if (where.global) {
        this.warn('resource/ignored-child', `rgmanager ignores resources nested in a \`resources\` definition; nest them where \`${x.name?.text ?? 'it'}\` is used`, a.kind.span);
        continue;
      }
      const c = k === 'use' ? this.lowerUse(a) : this.lowerInlineChild(a, agent);
      if (c) el.children.push(c);
    }
    return el;
  }

  private lowerMeta(a: Entry, el: ConfElement, k: string, xmlName: string): void {
    const spec = catalogue.resourceMetaAttributes.find((m) => m.name === xmlName);
    if (k === 'independent_subtree') {
      const v = a.value!;
      const word = v.type === 'ident' ? v.name : undefined;
      const mapped = word === 'true' ? '1' : word === 'false' ? '0' : word === 'non_critical' ? '2' : undefined;
      if (mapped === undefined) {
        this.error('type/enum', '`independent_subtree` is `true`, `false` or `non_critical`', v.span);
        return;
      }
      setAttribute(el, xmlName, mapped, v.span);
      return;
    }
    if (!spec) return;
    this.lowerAttribute(a, el, spec, xmlName, k);
  }

  private lowerAction(a: Entry): ConfElement | undefined {
    this.expectShape(a, { name: 'required', body: 'optional' });
    if (!a.name) return undefined;
    const el = element('action', a.span);
    setAttribute(el, 'name', a.name.text, a.name.span);
    const spec = elementSpec('action');
    for (const p of a.body?.entries ?? []) {
      const s = spec?.attributes.find((x) => x.name === p.kind.text && x.name !== 'name');
      if (!s) {
        const sug = suggest(p.kind.text, ['depth', 'interval', 'timeout']);
        this.error('config/unknown-attribute', `\`${p.kind.text}\` is not an attribute of \`action\`${sug ? `; did you mean \`${sug}\`?` : ''}`, p.kind.span);
        continue;
      }
      this.lowerAttribute(p, el, s);
    }
    return el;
  }

  /** A service or vm cannot be nested; a child the parent forbids stays (resource/forbidden-child reports it). */
  private checkChildAllowed(e: Entry, child: ResourceAgentSpec): boolean {
    if (child.name === 'service' || child.name === 'vm') {
      this.error('structure/misplaced', `a ${child.name} cannot be nested; declare it at cluster level`, e.kind.span);
      return false;
    }
    return true;
  }

  private lowerInlineChild(e: Entry, parent: ResourceAgentSpec): ConfElement | undefined {
    const agent = this.agentFor(e, `inside ${parent.name}`);
    if (!agent || !this.checkChildAllowed(e, agent)) return undefined;
    this.expectShape(e, { name: 'optional', body: 'optional' });
    return this.lowerResourceBody(e, agent, { global: false, root: false, parent });
  }

  /** `use wwwfs { independent_subtree = true; children… }` → `<fs ref="wwwfs" …>`. */
  private lowerUse(u: Entry): ConfElement | undefined {
    this.expectShape(u, { name: 'required', body: 'optional' });
    if (!u.name) return undefined;
    // A `use` of no declared resource has no agent, so it cannot stay in the model as a `ref`.
    const sym = this.resolve('resource', u.name.text, u.name.span, 'resource/undefined-use', 'resource');
    if (!sym) return undefined;
    const def = this.globalResources.get(sym);
    if (!def) return undefined;
    if (!this.checkChildAllowed(u, def.agent)) return undefined;
    const el = element(def.agent.name, u.span);
    el.nameSpan = u.name.span;
    el.sourceName = sym.name;
    if (def.primaryValue !== undefined) setAttribute(el, 'ref', def.primaryValue, u.name.span);
    for (const a of u.body?.entries ?? []) {
      const k = a.kind.text;
      if (isRawEntry(a)) {
        lowerRawInBlock(a, el, this.diagnostics);
        continue;
      }
      if (isAttribute(a)) {
        const meta = META_ATTRIBUTES[k];
        if (meta) this.lowerMeta(a, el, k, meta);
        else if (def.agent.parameters.some((p) => p.name === k)) {
          this.warn('resource/ignored-on-ref', `rgmanager ignores \`${k}\` where a resource is used by reference; set it in the definition of \`${sym.name}\``, a.kind.span, [
            { title: 'Remove it', edits: [{ span: a.span, newText: '' }] },
          ]);
        } else this.lowerUnknownParameter(a, el);
        continue;
      }
      if (k === 'action') {
        this.warn('resource/ignored-on-ref', `rgmanager reads actions only where a resource is defined; move this action into \`${sym.name}\``, a.kind.span);
        continue;
      }
      const c = k === 'use' ? this.lowerUse(a) : this.lowerInlineChild(a, def.agent);
      if (c) el.children.push(c);
    }
    return el;
  }

  // ---- derived values

  /**
   * two_node and expected_votes, when not written: a cluster of exactly two one-vote nodes
   * without a quorum disk gets two_node=1 and expected_votes=1; with a quorum disk
   * expected_votes is the nodes' votes plus the disk's (qdisk(5) asks for it explicitly).
   */
  private deriveQuorum(cluster: ConfElement): void {
    const nodes = children(child(cluster, 'clusternodes')!, 'clusternode');
    const votes = nodes.map((n) => Number(attr(n, 'votes') ?? '1'));
    const total = votes.reduce((a, b) => a + b, 0);
    const quorumd = child(cluster, 'quorumd');
    const cman = child(cluster, 'cman');
    const twoNodeWritten = cman && getAttribute(cman, 'two_node');
    const expectedWritten = cman && getAttribute(cman, 'expected_votes');
    let twoNode = isSpelledTrue(twoNodeWritten?.value, '1/0');
    const derived = element('cman');
    if (!twoNodeWritten && !quorumd && nodes.length === 2 && votes.every((v) => v === 1)) {
      twoNode = true;
      setAttribute(derived, 'two_node', '1');
    }
    if (!expectedWritten) {
      if (twoNode) setAttribute(derived, 'expected_votes', '1');
      else if (quorumd) {
        const qv = attr(quorumd, 'votes');
        const qdiskVotes = qv !== undefined ? Number(qv) : votes.every((v) => v === 1) ? Math.max(nodes.length - 1, 0) : 0;
        setAttribute(derived, 'expected_votes', String(total + qdiskVotes));
      }
    }
    if (derived.attributes.length === 0) return;
    const target = cman ?? container(cluster, 'cman');
    for (const a of derived.attributes) setAttribute(target, a.name, a.value);
  }
}

function kindLabel(kind: SymbolKind): string {
  return { cluster: 'cluster', node: 'node', fence_device: 'fence device', failover_domain: 'failover domain', resource: 'resource', service: 'service or vm', vm: 'service or vm', method: 'fence method' }[kind];
}

const STRING_SPEC = (name: string): AttributeSpec => ({ name, type: { kind: 'string' }, required: false, doc: '' });
const INTEGER_SPEC = (name: string, min?: number, max?: number): AttributeSpec => ({
  name,
  type: { kind: 'integer', ...(min !== undefined ? { min } : {}), ...(max !== undefined ? { max } : {}) },
  required: false,
  doc: '',
});

/** Children in the order ccs writes them (the catalogue's element order); lists keep source order. */
function orderChildren(e: ConfElement): void {
  const order = elementSpec(e.tag)?.children;
  if (order && order.length > 0) {
    const rank = (tag: string) => {
      // Services and vms interleave in the order written.
      const t = tag === 'vm' ? 'service' : tag;
      const i = order.indexOf(t);
      return i < 0 ? order.length : i;
    };
    e.children = e.children
      .map((c, i) => ({ c, i }))
      .sort((a, b) => rank(a.c.tag) - rank(b.c.tag) || a.i - b.i)
      .map((x) => x.c);
  }
  for (const c of e.children) if (c.tag === 'rm' || c.tag === 'cluster') orderChildren(c);
}

export type { Body, Value };
