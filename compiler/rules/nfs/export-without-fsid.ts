import { defineRule, spanOf } from '../rule.ts';
import { resourceTreeOf } from '../../rgmanager/resources.ts';
import { resolvedAttributes, type TreeNode } from '../../rgmanager/tree.ts';

/** The `fsid=` nfsclient.sh passes to exportfs: its own or inherited fsid, else one in `options`. */
function exportedFsid(client: TreeNode): string | undefined {
  const attrs = resolvedAttributes(client);
  const fsid = attrs.find((a) => a.name === 'fsid')?.value;
  if (fsid) return fsid;
  const options = attrs.find((a) => a.name === 'options')?.value ?? '';
  return options.split(',').map((o) => o.trim()).find((o) => o.startsWith('fsid='));
}

export default defineRule({
  id: 'nfs/export-without-fsid',
  severity: 'warning',
  summary: 'an NFS export of a cluster file system without a fixed fsid',
  description:
    'nfsclient.sh exports with `exportfs -o fsid=…` only when the client has an fsid — its own, one inherited from the nfsexport above it (which inherits the fs or clusterfs `fsid`), or `fsid=` in its options (nfsclient.sh l.319-334). Without one the kernel builds the file handles from the block device the file system sits on, and after a failover the other node\'s device (its number, its device-mapper minor) need not be the same: the clients get "Stale NFS file handle" until they remount. For GFS/GFS2 (clusterfs) Red Hat calls fsid mandatory. Give the file system a fixed `fsid` (any number unique in the cluster) when the layout is fs → nfsexport → nfsclient, or give each nfsclient one when it sits under nfsserver, which passes no fsid down.',
  check(ctx) {
    const tree = resourceTreeOf(ctx.facts);
    const reported = new Set<unknown>();
    // Iterative walk: the tree is bounded by the model's nesting, but keep the stack explicit.
    const stack: TreeNode[] = [...tree.roots];
    while (stack.length) {
      const node = stack.pop()!;
      stack.push(...node.children);
      if (node.resource.type !== 'nfsclient') continue;
      let fileSystem: TreeNode | undefined = node.parent;
      while (fileSystem && fileSystem.resource.type !== 'fs' && fileSystem.resource.type !== 'clusterfs') fileSystem = fileSystem.parent;
      if (!fileSystem || exportedFsid(node) !== undefined) continue;
      const where = node.element ?? node.resource.definition;
      if (reported.has(where)) continue;
      reported.add(where);
      const fsName = fileSystem.resource.attrs.find((a) => a.primary)?.value ?? fileSystem.resource.type;
      const viaServer = node.parent?.resource.type === 'nfsserver';
      const fix = viaServer
        ? 'set `fsid` on this nfsclient (nfsserver passes no fsid down)'
        : `set \`fsid\` on ${fileSystem.resource.type} \`${fsName}\` (the nfsexport passes it to its clients)`;
      const clientName = node.resource.attrs.find((a) => a.primary)?.value ?? 'nfsclient';
      ctx.report(spanOf(where), `nfsclient \`${clientName}\` exports ${fileSystem.resource.type} \`${fsName}\` without an fsid: the file handles depend on the node's block device, so clients get stale handles after a failover; ${fix}`, {
        related: [{ span: spanOf(fileSystem.element ?? fileSystem.resource.definition), message: `the exported ${fileSystem.resource.type}` }],
      });
    }
  },
});
