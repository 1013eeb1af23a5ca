// What fence_virtd refuses or silently gets wrong, written once for both of its readers: the
// fence_virt.conf checker (conf.ts) and the lowering of a .cluster `fence_virtd { }` block
// (compiler/lower/fence-virtd.ts). Each fence-virt/* id below is reported here and nowhere else;
// the callers read their own syntax into the shapes these functions take and pass the fix text
// in that syntax (`listener = "multicast";` in fence_virt.conf, `listener multicast { }` in a
// .cluster file).
//
// Daemon references (fence-virt 0.3.2 = RHEL 6's line; fence-agents 4.12.1 = Debian's):
// server/main.c:138-152 `Failed to determine backend.` for a missing backend and (sic) listener;
// server/plugin.c:135,152 plugins looked up with strcasecmp; server/main.c:181-190 `Could not
// find listener/backend "X"`; server/libvirt.c:443-454 the libvirt backend's `uri`.

import type { Diagnostic, Span } from '../diagnostics.ts';
import { suggest } from '../catalogue/index.ts';
import { BACKENDS, describeFvType, type FvKey, LISTENERS } from './spec.ts';

export type PluginKind = 'listener' | 'backend';

const PLUGINS: Record<PluginKind, ReadonlyMap<string, FvKey[]>> = { listener: LISTENERS, backend: BACKENDS };
const names = (what: PluginKind) => [...PLUGINS[what].keys()];

/**
 * The plugin fence_virtd loads for `name` (its canonical name: the daemon compares names with
 * strcasecmp), or undefined after reporting that it has none ("Could not find backend").
 */
export function findPlugin(what: PluginKind, name: string, span: Span, diagnostics: Diagnostic[]): string | undefined {
  const found = names(what).find((n) => n === name.toLowerCase());
  if (found) return found;
  const s = suggest(name, names(what));
  diagnostics.push({
    rule: what === 'listener' ? 'fence-virt/unknown-listener' : 'fence-virt/unknown-backend',
    severity: 'error',
    message: `fence_virtd has no ${what} \`${name}\` (\`Could not find ${what} "${name}"\`); ${s ? `did you mean \`${s}\`?` : `it has ${names(what).map((n) => '`' + n + '`').join(', ')}`}`,
    span,
    ...(s ? { fixes: [{ title: `Change to ${s}`, edits: [{ span, newText: s }] }] } : {}),
  });
  return undefined;
}

/** A selected plugin, by its canonical name (see findPlugin). */
export interface Selected {
  name: string;
  span: Span;
}

/** The listener and backend fence_virtd will run, as either reader found them. */
export interface Selection {
  /** undefined: nothing selects one; 'unknown': a name findPlugin has already reported. */
  listener?: Selected | 'unknown';
  backend?: (Selected & { hasUri: boolean }) | 'unknown';
}

/** How the caller's input says it: where to point and what to write, in its own syntax. */
export interface SelectionSyntax {
  /** Where a missing selection is reported. */
  at: Span;
  /** Why none is selected (default: the block names none) and what to write instead. */
  missing(what: PluginKind): { problem?: string; fix: string };
  /** What to write to give `backend` its `uri`. */
  uriFix(backend: string): string;
}

/** Reports what fence_virtd makes of the selection: no listener or backend, a backend without `uri`. */
export function checkSelection(sel: Selection, syntax: SelectionSyntax, diagnostics: Diagnostic[]): void {
  for (const what of ['listener', 'backend'] as const) {
    if (sel[what] === undefined) noPlugin(what, syntax.at, syntax.missing(what), diagnostics);
  }
  const backend = sel.backend;
  if (backend !== undefined && backend !== 'unknown' && !backend.hasUri) checkBackendUri(backend, syntax.uriFix(backend.name), diagnostics);
}

/** fence_virtd reads fence_virtd/@backend, then fence_virtd/@listener, and exits when one is absent. */
export function noPlugin(what: PluginKind, span: Span, how: { problem?: string; fix: string }, diagnostics: Diagnostic[]): void {
  diagnostics.push({
    rule: what === 'listener' ? 'fence-virt/missing-listener' : 'fence-virt/missing-backend',
    severity: 'error',
    message: `${how.problem ?? `\`fence_virtd\` has no \`${what}\``}: fence_virtd refuses to start ("Failed to determine backend."); ${how.fix}`,
    span,
  });
}

/**
 * A backend that connects to libvirt without a `uri`. RHEL 6's fence-virt (0.3.2
 * server/libvirt.c:443-454) passes NULL to virConnectOpen, i.e. libvirt's default connection, and
 * starts; fence-agents 4.x (agents/virt/server/libvirt.c:113-114, 298-303; cpg-virt.c:486-490,
 * 574-575) stops at the first missing uri, connects to nothing and exits ("Backend plugin libvirt
 * failed to initialize", main.c:233-241). A warning: the RHEL 6 daemon runs, on a guess.
 * checkpoint (RHEL 6 only) falls back the same way and nothing refuses it.
 */
function checkBackendUri(backend: Selected, fix: string, diagnostics: Diagnostic[]): void {
  if (backend.name !== 'libvirt' && backend.name !== 'cpg') return;
  diagnostics.push({
    rule: 'fence-virt/missing-backend-block',
    severity: 'warning',
    message: `backend \`${backend.name}\` has no \`uri\`: ${backend.name === 'libvirt' ? "RHEL 6's fence_virtd then opens libvirt's default connection, which may not be the hypervisor you mean, and " : ''}fence_virtd 4.x connects to no hypervisor and exits ("Backend plugin ${backend.name} failed to initialize"); ${fix}`,
    span: backend.span,
  });
}

/**
 * Spaces or tabs at either end of a value: fence_virtd keeps them, so a name or path matches
 * nothing (numeric keys survive: the daemon reads them with atoi). `write` renders the trimmed
 * value as the fix's replacement of `span`. Returns whether the value is clean.
 */
export function checkPadding(value: string, span: Span, subject: string, numeric: boolean, write: (trimmed: string) => string, diagnostics: Diagnostic[]): boolean {
  if (!/^\s|\s$/.test(value)) return true;
  const trimmed = value.trim();
  diagnostics.push({
    rule: 'fence-virt/whitespace-in-quotes',
    severity: numeric ? 'warning' : 'error',
    message: `whitespace inside the quotes of ${subject}: fence_virtd keeps it verbatim${numeric ? ' (this key happens to survive it: it is read as a number)' : ', so this value matches nothing and fencing breaks'}`,
    span,
    // An all-blank value has no clean form: `""` is a syntax error for fence_virtd.
    ...(trimmed ? { fixes: [{ title: 'Remove the whitespace', edits: [{ span, newText: write(trimmed) }] }] } : {}),
  });
  return false;
}

/** A value fence_virtd parses for its key type and refuses or replaces by a default when it does not parse. */
export function checkDaemonValue(value: string, span: Span, key: FvKey, subject: string, diagnostics: Diagnostic[]): void {
  const t = key.type;
  const s = value.trim();
  let ok = true;
  if (t.kind === 'enum') ok = t.values.includes(s.toLowerCase());
  else if (t.kind === 'integer') ok = /^-?[0-9]+$/.test(s) && Number(s) >= t.min && (t.max === undefined || Number(s) <= t.max);
  else if (t.kind === 'boolean') ok = /^-?[0-9]+$/.test(s);
  if (ok) return;
  const why = key.name === 'hash' ? ' ("Unsupported hash")' : key.name === 'auth' ? ' ("Unsupported auth")' : key.name === 'family' ? ' ("Unsupported family")' : key.name === 'port' ? ' ("Invalid port")' : '';
  diagnostics.push({ rule: 'fence-virt/bad-value', severity: 'error', message: `${subject} must be ${describeFvType(t.kind === 'boolean' ? { kind: 'integer', min: 0 } : t)}${why}`, span });
}

/**
 * A .cluster string that fence_virt.conf cannot carry between its double quotes: `""` is a
 * syntax error for fence_virtd, a `"` ends the value (there are no escapes), and a line break,
 * which the grammar would keep, is a value no key of fence_virtd can use.
 */
export function checkWritable(value: string, span: Span, subject: string, diagnostics: Diagnostic[]): boolean {
  let problem: string | undefined;
  if (value.length === 0) problem = `${subject} is empty: \`""\` is a syntax error for fence_virtd; leave the key out to get the default`;
  else if (value.includes('"')) problem = `${subject} contains a double quote, which fence_virt.conf cannot carry (it has no escapes)`;
  else if (/[\r\n]/.test(value)) problem = `${subject} contains a line break`;
  if (!problem) return true;
  diagnostics.push({ rule: 'fence-virt/unwritable-value', severity: 'error', message: problem, span });
  return false;
}

/**
 * A `groups { group { … } }` entry of the static map (checkpoint backend) must name at least one
 * guest (`uuid`) or host (`ip`). fence_virtd reads groups in order and stops at the first one that
 * has neither a label nor a `uuid` nor an `ip` (0.3.2 server/static_map.c:117-128), so that group
 * and every later one are lost; a labelled group without members is dropped alone (l.181-184).
 */
export function checkGroupMembers(group: { labelled: boolean; members: number; span: Span }, diagnostics: Diagnostic[]): void {
  if (group.members > 0) return;
  diagnostics.push(
    group.labelled
      ? { rule: 'fence-virt/empty-group', severity: 'warning', message: 'a group without `uuid` or `ip` fences nothing: fence_virtd drops it', span: group.span }
      : { rule: 'fence-virt/empty-group', severity: 'error', message: "a group without `uuid` or `ip` ends fence_virtd's group list: this group and every later one are ignored", span: group.span },
  );
}
