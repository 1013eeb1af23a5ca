// Lowering of the top-level `fence_virtd { }` block of a .cluster file into the typed model.
//
//   fence_virtd {
//     module_path = "/usr/lib64/fence-virt"
//     listener multicast { interface = "private"; port = 1229; key_file = "/etc/cluster/fence_xvm.key" }
//     backend libvirt { uri = "qemu:///system" }
//     group = "cluster1" { uuid = ["node1", "node2"]; ip = ["10.0.0.1"] }
//   }
//
// `listener = NAME` / `backend = NAME` pick one when several plugin blocks are given. Never
// throws; every problem is a diagnostic at its span.

import type { Diagnostic, Fix, Span } from '../diagnostics.ts';
import type { Entry, Value } from '../../grammar/syntax.ts';
import { isAttribute } from '../../grammar/syntax.ts';
import { suggest } from '../catalogue/index.ts';
import type { FenceVirtModel, FvGroup, FvPlugin, FvValue } from '../fence-virt/model.ts';
import type { BodyScope } from './symbols.ts';
import type { AttributeSpec } from '../catalogue/types.ts';
import { checkGroupMembers, checkPadding, checkSelection, checkWritable, findPlugin, type PluginKind, type Selection } from '../fence-virt/checks.ts';
import { BACKENDS, DAEMON_KEYS, describeFvType, type FvKey, GROUP_KEYS, KEY_DOCS, keyOf, LISTENERS } from '../fence-virt/spec.ts';

/** The keys of a block as the editor's completion and hover read them. */
function attributeSpecs(keys: FvKey[]): AttributeSpec[] {
  return keys.map((k) => ({
    name: k.name,
    type: k.type.kind === 'boolean' ? { kind: 'boolean', encoding: '1/0' } : k.type,
    required: false,
    ...(k.default !== undefined ? { default: k.default } : {}),
    doc: KEY_DOCS.get(k.name) ?? k.name,
  }));
}

export function lowerFenceVirtd(entries: Entry[], diagnostics: Diagnostic[], scopes?: BodyScope[]): FenceVirtModel | undefined {
  const blocks = entries.filter((e) => e.kind.text === 'fence_virtd');
  if (blocks.length === 0) return undefined;
  const err = (rule: string, message: string, span: Span, fixes?: Fix[]) => diagnostics.push({ rule, severity: 'error', message, span, ...(fixes ? { fixes } : {}) });
  for (const extra of blocks.slice(1)) {
    err('name/duplicate', 'only one `fence_virtd` block per file: fence_virtd reads only the last block of a name, so merge them', extra.kind.span);
  }
  const e = blocks[0];
  const model: FenceVirtModel = { span: e.span, kindSpan: e.kind.span, daemon: new Map(), listeners: [], backends: [], groups: [] };
  if (e.name) err('structure/unexpected-name', '`fence_virtd` takes no name: one hypervisor runs one fence_virtd', e.name.span);
  if (e.value) err('structure/unexpected-value', '`fence_virtd` is a block: write `fence_virtd { ... }`', e.value.span);
  if (!e.body) {
    err('structure/missing-body', '`fence_virtd` needs a body: `fence_virtd { listener multicast { } backend libvirt { uri = "qemu:///system" } }`', e.kind.span);
    return model;
  }
  scopes?.push({ span: e.body.span, kind: 'fence_virtd', attributes: attributeSpecs(DAEMON_KEYS), blocks: ['listener', 'backend', 'group'] });
  let listenerSel: { name: string; span: Span } | undefined;
  let backendSel: { name: string; span: Span } | undefined;
  /** Kinds with a name fence_virtd has no plugin for (already reported): not also "missing". */
  const unknownNamed = new Set<PluginKind>();
  for (const x of e.body.entries) {
    const k = x.kind.text;
    if ((k === 'listener' || k === 'backend') && x.value && !x.body && !x.name) {
      const sel = selection(x, k === 'listener' ? LISTENERS : BACKENDS, k, diagnostics);
      if (sel === 'unknown') unknownNamed.add(k);
      if (!sel || sel === 'unknown') continue;
      if ((k === 'listener' ? listenerSel : backendSel) !== undefined) {
        err('name/duplicate-attribute', `\`${k}\` is set twice in this block`, x.kind.span);
        continue;
      }
      if (k === 'listener') listenerSel = sel;
      else backendSel = sel;
    } else if (k === 'listener' || k === 'backend') {
      const table = k === 'listener' ? LISTENERS : BACKENDS;
      const keys = x.name ? table.get(x.name.text.toLowerCase()) : undefined;
      if (x.body && x.name && keys) scopes?.push({ span: x.body.span, kind: `${k} ${x.name.text}`, attributes: attributeSpecs(keys), blocks: [] });
      const plugin = lowerPlugin(x, table, k, diagnostics);
      if (plugin === 'unknown') unknownNamed.add(k);
      if (!plugin || plugin === 'unknown') continue;
      const list = k === 'listener' ? model.listeners : model.backends;
      const dup = list.find((p) => p.kind === plugin.kind);
      if (dup) {
        diagnostics.push({ rule: 'name/duplicate', severity: 'error', message: `${k} \`${plugin.kind}\` is configured twice; merge the two blocks`, span: plugin.nameSpan, related: [{ span: dup.nameSpan, message: 'first configured here' }] });
        continue;
      }
      list.push(plugin);
    } else if (k === 'group') {
      if (x.body) scopes?.push({ span: x.body.span, kind: 'group', attributes: attributeSpecs(GROUP_KEYS), blocks: [] });
      const g = lowerGroup(x, diagnostics);
      if (g) model.groups.push(g);
    } else if (keyOf(DAEMON_KEYS, k) && isAttribute(x)) {
      lowerKey(x, keyOf(DAEMON_KEYS, k)!, model.daemon, diagnostics);
    } else if (isAttribute(x) || x.incomplete) {
      const names = [...DAEMON_KEYS.map((d) => d.name)];
      const s = suggest(k, names);
      err('config/unknown-attribute', `\`${k}\` is not a key of \`fence_virtd\`${s ? `; did you mean \`${s}\`?` : ` (it has ${names.map((n) => '`' + n + '`').join(', ')})`}`, x.kind.span, s ? renameFix(x.kind.span, s) : undefined);
    } else {
      const s = suggest(k, ['listener', 'backend', 'group']);
      err('structure/unknown-block', `\`${k}\` is not allowed in \`fence_virtd\`${s ? `; did you mean \`${s}\`?` : '; expected `listener NAME { }`, `backend NAME { }` or `group { }`'}`, x.kind.span, s ? renameFix(x.kind.span, s) : undefined);
    }
  }
  model.listener = resolveSelection(listenerSel, model.listeners);
  model.backend = resolveSelection(backendSel, model.backends);
  const { listener, backend } = model;
  const selected: Selection = {
    ...(listener ? { listener } : unknownNamed.has('listener') ? { listener: 'unknown' as const } : {}),
    ...(backend ? { backend: { ...backend, hasUri: backend.plugin?.values.has('uri') === true } } : unknownNamed.has('backend') ? { backend: 'unknown' as const } : {}),
  };
  checkSelection(selected, {
    at: e.kind.span,
    missing: (what) => {
      const plugins = what === 'listener' ? model.listeners : model.backends;
      return plugins.length === 0
        ? { fix: `add \`${what} ${what === 'listener' ? 'multicast { }' : 'libvirt { uri = "qemu:///system" }'}\`` }
        : { problem: `several ${what}s are configured (${plugins.map((p) => '`' + p.kind + '`').join(', ')}) and none is selected`, fix: `say which one runs with \`${what} = NAME\`` };
    },
    uriFix: (name) => (backend?.plugin ? `add \`uri = "qemu:///system"\` to \`backend ${name} { }\`` : `add \`backend ${name} { uri = "qemu:///system" }\``),
  }, diagnostics);
  return model;
}

function renameFix(span: Span, to: string): Fix[] {
  return [{ title: `Change to ${to}`, edits: [{ span, newText: to }] }];
}

/** `listener = NAME`: the plugin it selects; 'unknown' when fence_virtd has none of that name, undefined when it is no name (both reported). */
function selection(x: Entry, table: ReadonlyMap<string, unknown>, what: PluginKind, diagnostics: Diagnostic[]): { name: string; span: Span } | 'unknown' | undefined {
  const v = x.value!;
  const name = v.type === 'ident' ? v.name : v.type === 'string' ? v.value : undefined;
  if (name === undefined) {
    diagnostics.push({ rule: 'type/mismatch', severity: 'error', message: `\`${what}\` names a ${what} plugin: ${[...table.keys()].map((n) => '`' + n + '`').join(', ')}`, span: v.span });
    return undefined;
  }
  const found = findPlugin(what, name, v.span, diagnostics);
  return found === undefined ? 'unknown' : { name: found, span: v.span };
}

/** The listener or backend fence_virtd runs: the one named with `listener = NAME`, or the only block given. */
function resolveSelection(sel: { name: string; span: Span } | undefined, plugins: FvPlugin[]): { name: string; span: Span; plugin?: FvPlugin } | undefined {
  if (sel) {
    const plugin = plugins.find((p) => p.kind === sel.name);
    return { ...sel, ...(plugin ? { plugin } : {}) };
  }
  if (plugins.length === 1) return { name: plugins[0].kind, span: plugins[0].nameSpan, plugin: plugins[0] };
  return undefined;
}

function lowerPlugin(x: Entry, table: ReadonlyMap<string, FvKey[]>, what: PluginKind, diagnostics: Diagnostic[]): FvPlugin | 'unknown' | undefined {
  if (!x.name) {
    diagnostics.push({ rule: 'structure/missing-name', severity: 'error', message: `\`${what}\` needs the plugin's name: \`${what} ${what === 'listener' ? 'multicast' : 'libvirt'} { ... }\`, or selects one with \`${what} = NAME\``, span: x.kind.span });
    return undefined;
  }
  if (x.typeName) diagnostics.push({ rule: 'structure/unexpected-type', severity: 'error', message: `\`${what}\` takes no \`: TYPE\``, span: x.typeName.span });
  if (x.value) diagnostics.push({ rule: 'structure/unexpected-value', severity: 'error', message: `write \`${what} ${x.name.text} { ... }\` to configure it, or \`${what} = ${x.name.text}\` to select it`, span: x.value.span });
  const kind = findPlugin(what, x.name.text, x.name.span, diagnostics);
  if (kind === undefined) return 'unknown';
  const keys = table.get(kind)!;
  const plugin: FvPlugin = { kind, span: x.span, nameSpan: x.name.span, values: new Map() };
  for (const a of x.body?.entries ?? []) {
    const key = keyOf(keys, a.kind.text);
    if (!key || !(isAttribute(a) || a.incomplete)) {
      unknownKey(a, keys, `${what} ${x.name.text}`, diagnostics);
      continue;
    }
    lowerKey(a, key, plugin.values, diagnostics);
  }
  return plugin;
}

function unknownKey(a: Entry, keys: FvKey[], where: string, diagnostics: Diagnostic[]): void {
  const s = suggest(a.kind.text, keys.map((k) => k.name));
  const list = keys.map((k) => '`' + k.name + '`').join(', ');
  diagnostics.push({
    rule: isAttribute(a) ? 'config/unknown-attribute' : 'structure/unknown-block',
    severity: 'error',
    message: `\`${a.kind.text}\` is not a key of \`${where}\` (fence_virtd would silently ignore it)${s ? `; did you mean \`${s}\`?` : `; it has ${list || 'no keys'}`}`,
    span: a.kind.span,
    ...(s ? { fixes: renameFix(a.kind.span, s) } : {}),
  });
}

function lowerGroup(x: Entry, diagnostics: Diagnostic[]): FvGroup | undefined {
  const g: FvGroup = { span: x.span, values: new Map() };
  if (x.name) {
    g.label = { value: x.name.text, span: x.name.span };
  } else if (x.value) {
    if (x.value.type !== 'string' || !checkText(x.value.value, x.value.span, 'the group label', diagnostics)) {
      if (x.value.type !== 'string') diagnostics.push({ rule: 'type/mismatch', severity: 'error', message: 'a group label is a string: `group = "cluster1" { ... }`', span: x.value.span });
    } else g.label = { value: x.value.value, span: x.value.span };
  }
  if (!x.body) {
    diagnostics.push({ rule: 'structure/missing-body', severity: 'error', message: '`group` needs a body: `group { name = "cluster1"; uuid = ["node1", "node2"] }`', span: x.kind.span });
    return undefined;
  }
  for (const a of x.body.entries) {
    const key = keyOf(GROUP_KEYS, a.kind.text);
    if (!key || !(isAttribute(a) || a.incomplete)) {
      unknownKey(a, GROUP_KEYS, 'group', diagnostics);
      continue;
    }
    if (a.incomplete || !a.value) continue;
    if (g.values.has(key.name)) {
      diagnostics.push({ rule: 'name/duplicate-attribute', severity: 'error', message: `\`${key.name}\` is set twice in this group${key.repeated ? `: give a list, \`${key.name} = ["a", "b"]\`` : ''}`, span: a.kind.span });
      continue;
    }
    const items: Value[] = a.value.type === 'list' && key.repeated ? a.value.items.map((i) => i.value) : [a.value];
    const out: FvValue[] = [];
    for (const v of items) {
      const c = convert(v, key, diagnostics);
      if (c) out.push(c);
    }
    g.values.set(key.name, out);
  }
  checkGroupMembers({ labelled: g.label !== undefined, members: (g.values.get('uuid')?.length ?? 0) + (g.values.get('ip')?.length ?? 0), span: x.kind.span }, diagnostics);
  return g;
}

function lowerKey(a: Entry, key: FvKey, into: Map<string, FvValue>, diagnostics: Diagnostic[]): void {
  if (a.incomplete || !a.value) return; // the parser reported it
  if (into.has(key.name)) {
    diagnostics.push({ rule: 'name/duplicate-attribute', severity: 'error', message: `\`${key.name}\` is set twice in this block (fence_virtd would silently use the last one)`, span: a.kind.span });
    return;
  }
  const v = convert(a.value, key, diagnostics);
  if (v) into.set(key.name, v);
}

/** A value → the exact text fence_virt.conf will carry between the quotes. */
function convert(v: Value, key: FvKey, diagnostics: Diagnostic[]): FvValue | undefined {
  const mismatch = () => {
    diagnostics.push({ rule: 'type/mismatch', severity: 'error', message: `\`${key.name}\` takes ${describeFvType(key.type)}`, span: v.span });
    return undefined;
  };
  const t = key.type;
  switch (t.kind) {
    case 'string':
      if (v.type !== 'string') return mismatch();
      return checkText(v.value, v.span, `\`${key.name}\``, diagnostics) ? { value: v.value, span: v.span } : undefined;
    case 'boolean':
      if (v.type !== 'ident' || (v.name !== 'true' && v.name !== 'false')) {
        diagnostics.push({ rule: 'type/boolean', severity: 'error', message: `\`${key.name}\` takes \`true\` or \`false\` (written "1" / "0")`, span: v.span });
        return undefined;
      }
      return { value: v.name === 'true' ? '1' : '0', span: v.span };
    case 'integer': {
      if (v.type !== 'number' || !/^-?[0-9]+$/.test(v.raw)) return mismatch();
      const n = Number(v.raw);
      if (n < t.min || (t.max !== undefined && n > t.max)) {
        diagnostics.push({ rule: 'type/range', severity: 'error', message: `\`${key.name}\` must be ${describeFvType(t)}${key.name === 'port' && n <= 0 ? ' (fence_virtd: "Invalid port")' : ''}`, span: v.span });
        return undefined;
      }
      return { value: String(n), span: v.span };
    }
    case 'enum': {
      const name = v.type === 'ident' ? v.name : v.type === 'string' ? v.value : undefined;
      if (name === undefined) return mismatch();
      if (!t.values.includes(name)) {
        const s = suggest(name, t.values);
        diagnostics.push({ rule: 'type/enum', severity: 'error', message: `\`${key.name}\` takes ${describeFvType(t)}${s ? `; did you mean \`${s}\`?` : ''}`, span: v.span, ...(s ? { fixes: renameFix(v.span, s) } : {}) });
        return undefined;
      }
      return { value: name, span: v.span };
    }
  }
}

/** fence_virt.conf values are raw bytes between double quotes: no escapes, never empty, no padding the daemon would keep. */
function checkText(s: string, span: Span, what: string, diagnostics: Diagnostic[]): boolean {
  return checkWritable(s, span, what, diagnostics) && checkPadding(s, span, what, false, (trimmed) => JSON.stringify(trimmed), diagnostics);
}
