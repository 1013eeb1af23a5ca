import { defineRule, spanOf } from '../rule.ts';
import { resourceTreeOf } from '../../rgmanager/resources.ts';
import { resolvedAttributes, type TreeNode } from '../../rgmanager/tree.ts';

// The parents that make an nfsclient work: nfsexport starts the NFS daemons and passes the
// path (and fsid) down; nfsserver runs the NFS server of the service and passes its path.
const EXPORT_PARENTS = new Set(['nfsexport', 'nfsserver']);

export default defineRule({
  id: 'nfs/client-without-export',
  severity: 'error',
  summary: 'an nfsclient that is not a child of an nfsexport or nfsserver',
  description:
    'An nfsclient exports a path to its target, and takes both the path and the fsid from its parent (`path` inherit="path", `fsid` inherit="fsid": nfsclient.sh metadata). Only an nfsexport (which inherits them from its fs or clusterfs, and whose start makes sure nfsd, rpc.mountd and rpc.statd run: nfsexport.sh l.169-215) or an nfsserver provides them. Directly under an fs, a clusterfs or the service, the client has no path and its start fails with "No export path specified" (nfsclient.sh verify_path l.268-273), so the service fails; with a path written on the client it exports, but nothing in the service starts the NFS daemons. Put the nfsclient under an nfsexport (fs → nfsexport → nfsclient) or an nfsserver.',
  check(ctx) {
    const tree = resourceTreeOf(ctx.facts);
    const stack: TreeNode[] = [...tree.roots];
    while (stack.length) {
      const node = stack.pop()!;
      stack.push(...node.children);
      if (node.resource.type !== 'nfsclient') continue;
      const parentType = node.parent?.resource.type;
      if (parentType !== undefined && EXPORT_PARENTS.has(parentType)) continue;
      const name = node.resource.attrs.find((a) => a.primary)?.value ?? 'nfsclient';
      const under = parentType ? `${parentType}` : 'nothing';
      const path = resolvedAttributes(node).find((a) => a.name === 'path')?.value;
      const where = spanOf(node.element ?? node.resource.definition);
      if (path === undefined || path === '')
        ctx.report(where, `nfsclient \`${name}\` sits under ${under}, not an nfsexport or nfsserver: it gets no export path, so its start fails ("No export path specified") and the service with it; put it under an nfsexport`);
      else
        ctx.report(where, `nfsclient \`${name}\` sits under ${under}, not an nfsexport or nfsserver: it exports ${path}, but nothing in the service starts the NFS daemons (nfsexport does); put it under an nfsexport`, { severity: 'warning' });
    }
  },
});
