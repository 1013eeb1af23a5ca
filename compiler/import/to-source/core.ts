// The cluster itself: the header attributes of `cluster NAME { }` (name, config_version, and
// what must stay absent) and the daemon blocks (cman, totem, quorumd, logging, ..., and rm's own
// attributes) with the blocks nested in them.

import { element as elementSpec } from '../../catalogue/index.ts';
import type { Value } from '../../../grammar/syntax.ts';
import { type ConfElement, attr, child } from '../../model/conf.ts';
import { type Ctx, IDENT, reportRaw, reportRawAttribute, span, warn, XML_NAME } from './context.ts';
import { ident, str, type TreeBuilder } from './tree.ts';
import { nativeValue, writeAttributes, writeRaw } from './values.ts';

export const CORE_BLOCKS = ['cman', 'totem', 'quorumd', 'fence_daemon', 'dlm', 'gfs_controld', 'logging', 'uidgid', 'clvmd', 'group', 'fence_xvmd'];

/** The blocks nested in a core block: XML tag → the language's name. */
const NESTED: ReadonlyMap<string, ReadonlyMap<string, string>> = new Map([
  ['cman', new Map([['multicast', 'multicast'], ['altmulticast', 'altmulticast']])],
  ['totem', new Map([['interface', 'interface']])],
  ['quorumd', new Map([['heuristic', 'heuristic']])],
  ['logging', new Map([['logging_daemon', 'daemon']])],
]);

/** The cluster's name: the XML's when the language can write it. */
export function clusterName(root: ConfElement): string | undefined {
  const name = attr(root, 'name');
  return name !== undefined && IDENT.test(name) && name.length <= 15 ? name : undefined;
}

/** The first entries of the cluster block: config_version and one `raw { }` for the rest. */
export function writeClusterHeader(ctx: Ctx, b: TreeBuilder, root: ConfElement): void {
  const name = attr(root, 'name');
  const clusterRaw: Array<[string, Value]> = [];
  if (clusterName(root) === undefined) {
    clusterRaw.push(['name', name === undefined ? ident('absent') : str(name)]);
    if (name === undefined) warn(ctx, 'import/raw-attribute', '<cluster> has no name (a partial cluster.conf): kept absent with `raw { name = absent }`', span(root));
    else reportRawAttribute(ctx, root, 'name', 'the cluster name is not an identifier of at most 15 characters');
  }
  const version = attr(root, 'config_version');
  const versionSpec = elementSpec('cluster')?.attributes.find((a) => a.name === 'config_version');
  const v = version !== undefined && versionSpec ? nativeValue(versionSpec, version) : undefined;
  if (v !== undefined) b.attr('config_version', v);
  else if (version === undefined) {
    clusterRaw.push(['config_version', ident('absent')]);
    warn(ctx, 'import/raw-attribute', 'this cluster.conf has no config_version (a partial file): kept absent with `raw { config_version = absent }`', span(root));
  } else {
    clusterRaw.push(['config_version', str(version)]);
    reportRawAttribute(ctx, root, 'config_version', 'the value is not a valid version number');
  }
  for (const a of root.attributes) {
    if (a.name === 'name' || a.name === 'config_version' || !XML_NAME.test(a.name)) continue;
    clusterRaw.push([a.name, str(a.value)]);
    reportRawAttribute(ctx, root, a.name, 'the language does not know this attribute of <cluster>');
  }
  if (!child(root, 'clusternodes')) {
    clusterRaw.push(['clusternodes', ident('absent')]);
    warn(ctx, 'import/raw-attribute', '<cluster> has no <clusternodes> (a partial cluster.conf): kept absent with `raw { clusternodes = absent }`', span(root));
  }
  for (const a of ctx.absent) clusterRaw.push([`cman.${a}`, ident('absent')]);
  if (clusterRaw.length) b.raw(clusterRaw);
}

export function writeCoreBlock(ctx: Ctx, b: TreeBuilder, e: ConfElement): void {
  const spec = elementSpec(e.tag);
  const nested = NESTED.get(e.tag);
  b.comments(e.comments);
  let head: { kind: string; name?: string } = { kind: e.tag };
  let skip: string[] = [];
  const nestedName = [...NESTED.values()].find((n) => n.has(e.tag))?.get(e.tag);
  if (e.tag === 'logging_daemon') {
    const name = attr(e, 'name');
    const nameSpec = spec?.attributes.find((a) => a.name === 'name');
    const written = name !== undefined && nameSpec ? nativeValue(nameSpec, name) : undefined;
    if (name !== undefined && IDENT.test(name) && (!nameSpec || (written?.type === 'ident' && written.name === name) || (written?.type === 'number' && written.raw === name))) {
      head = { kind: 'daemon', name };
      skip = ['name'];
    } else {
      // A daemon block needs its name in the header; without a usable one, keep it raw.
      writeRaw(b, e, e.tag);
      reportRaw(ctx, e, 'its name is not one the language accepts');
      return;
    }
  } else if (nestedName !== undefined) head = { kind: nestedName };
  const kind = [head.kind, head.name].filter(Boolean).join(' ');
  b.block(head, () => {
    writeAttributes(ctx, b, e, spec?.attributes ?? [], skip);
    for (const c of e.children) {
      if (nested?.has(c.tag)) writeCoreBlock(ctx, b, c);
      else {
        reportRaw(ctx, c, `the language has no \`${c.tag}\` inside \`${kind}\``);
        writeRaw(b, c, c.tag);
      }
    }
  }, e.trailingComments);
}
