// The shared state of one lowering run and the helpers every part of lowering uses: reporting
// diagnostics (with rename fixes), checking an entry's shape, the symbol table (declaring names,
// binding and resolving references, the body scopes the editor reads) and lowering one plain
// attribute. It sits under every other file of lowering (see lower.ts for the order) and imports
// none of them, so each part — cluster, fencing, domains, resources, derived values — can use it
// without reaching into another part.

import type { Diagnostic, Fix, Span } from '../diagnostics.ts';
import type { Entry } from '../../grammar/syntax.ts';
import { isAttribute } from '../../grammar/syntax.ts';
import type { AttributeSpec, ResourceAgentSpec } from '../catalogue/types.ts';
import { suggest } from '../catalogue/index.ts';
import { type ConfElement, getAttribute, setAttribute } from '../model/conf.ts';
import { convertValue, type SecretHost, type ValueContext } from './values.ts';
import type { ClusterSymbol, SymbolKind, SymbolTable } from './symbols.ts';

/** How an entry may be written: which of name, `: TYPE`, `= value` and `{ body }` it takes. */
export interface EntryShape {
  name?: 'required' | 'optional' | 'forbidden';
  value?: 'optional' | 'forbidden';
  body?: 'required' | 'optional';
  type?: 'required' | 'forbidden';
}

export class LowerContext {
  readonly diagnostics: Diagnostic[] = [];
  readonly symbols: SymbolTable = { symbols: [], references: [], scopes: [] };
  readonly values: ValueContext;
  /** Declarations by kind namespace, for resolving references. */
  private readonly scopes = new Map<string, Map<string, ClusterSymbol>>();
  /** Per global resource: its agent and the value of its primary parameter (what `ref=` holds). */
  readonly globalResources = new Map<ClusterSymbol, { agent: ResourceAgentSpec; primaryValue?: string }>();
  readonly nodeHostnames = new Map<ClusterSymbol, string>();
  readonly domainNames = new Map<ClusterSymbol, string>();
  /** Lowered fence devices by name: a node's device inherits their parameters at fence time. */
  readonly fenceDevices = new Map<string, ConfElement>();

  constructor(secrets?: SecretHost) {
    this.values = { diagnostics: this.diagnostics, ...(secrets ? { secrets } : {}) };
  }

  // ---- diagnostics helpers

  error(rule: string, message: string, span: Span, fixes?: Fix[]): void {
    this.diagnostics.push({ rule, severity: 'error', message, span, ...(fixes ? { fixes } : {}) });
  }

  warn(rule: string, message: string, span: Span, fixes?: Fix[]): void {
    this.diagnostics.push({ rule, severity: 'warning', message, span, ...(fixes ? { fixes } : {}) });
  }

  unknownBlock(e: Entry, allowed: string[], where: string): void {
    const s = suggest(e.kind.text, allowed);
    this.error(
      'structure/unknown-block',
      `\`${e.kind.text}\` is not allowed ${where}${s ? `; did you mean \`${s}\`?` : `; expected one of: ${allowed.join(', ')}`}`,
      e.kind.span,
      s ? renameFix(e.kind.span, s) : undefined,
    );
  }

  /** Reports parts an entry should not have (`totem foo { }`, `totem : x`, `totem = 1 { }`). */
  expectShape(e: Entry, shape: EntryShape): boolean {
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
  bodyScope(e: Entry, kind: string, attributes: readonly AttributeSpec[], blocks: readonly string[]): void {
    if (e.body) this.symbols.scopes!.push({ span: e.body.span, kind, attributes: [...attributes], blocks: [...blocks] });
  }

  /** The declarations of one namespace (`node`, `fence_device`, `resource`, `method:NODE`…). */
  scope(ns: string): Map<string, ClusterSymbol> {
    let s = this.scopes.get(ns);
    if (!s) this.scopes.set(ns, (s = new Map()));
    return s;
  }

  declare(ns: string, kind: SymbolKind, e: Entry, detail?: string, parent?: ClusterSymbol): ClusterSymbol | undefined {
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
  bind(ns: string, name: string, span: Span): ClusterSymbol | undefined {
    const sym = this.scope(ns).get(name);
    if (sym) this.symbols.references.push({ span, target: sym });
    return sym;
  }

  /**
   * Binds a name that cannot stay in the model unresolved (`use X` of no resource: its agent is
   * unknown; `depend` on no service), and reports `rule` with a did-you-mean when it is unknown.
   */
  resolve(ns: string, name: string, span: Span, rule: string, what: string): ClusterSymbol | undefined {
    const sym = this.bind(ns, name, span);
    if (sym) return sym;
    const s = suggest(name, [...this.scope(ns).keys()]);
    this.error(rule, `${what} \`${name}\` is not declared${s ? `; did you mean \`${s}\`?` : ''}`, span, s ? renameFix(span, s) : undefined);
    return undefined;
  }

  // ---- attributes

  /** A plain attribute entry → an attribute on `target`. */
  lowerAttribute(x: Entry, target: ConfElement, spec: AttributeSpec, xmlName = spec.name, label = x.kind.text): void {
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
  lowerUnknownParameter(a: Entry, target: ConfElement): void {
    const v = a.value;
    if (!v || getAttribute(target, a.kind.text)) return;
    const text = v.type === 'string' ? v.value : v.type === 'number' ? v.raw : v.type === 'ident' ? v.name : v.type === 'call' ? `${v.callee.text}()` : '';
    setAttribute(target, a.kind.text, text, v.span);
    getAttribute(target, a.kind.text)!.nameSpan = a.kind.span;
  }
}

/** The quick fix that replaces the text at `span` by the suggested name. */
export function renameFix(span: Span, to: string): Fix[] {
  return [{ title: `Change to ${to}`, edits: [{ span, newText: to }] }];
}

function kindLabel(kind: SymbolKind): string {
  return { cluster: 'cluster', node: 'node', fence_device: 'fence device', failover_domain: 'failover domain', resource: 'resource', service: 'service or vm', vm: 'service or vm', method: 'fence method' }[kind];
}

/** The type of an attribute the catalogue does not describe: taken as a string. */
export const STRING_SPEC = (name: string): AttributeSpec => ({ name, type: { kind: 'string' }, required: false, doc: '' });
/** The fallback type of an integer attribute, should the catalogue lack it. */
export const INTEGER_SPEC = (name: string, min?: number, max?: number): AttributeSpec => ({
  name,
  type: { kind: 'integer', ...(min !== undefined ? { min } : {}), ...(max !== undefined ? { max } : {}) },
  required: false,
  doc: '',
});
