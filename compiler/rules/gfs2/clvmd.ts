import { defineRule, attrSpan, spanOf } from '../rule.ts';
import { resourceTrees } from '../../rgmanager/resources.ts';
import { attr, type ConfElement } from '../../model/conf.ts';

const NOT_VOLUME_GROUPS = new Set(['disk', 'md', 'cciss', 'block', 'char', 'bus', 'pts', 'shm', 'mpath', 'drbd']);

/**
 * The volume group of an LVM device path: `/dev/VG/LV`, or `/dev/mapper/VG-LV` where
 * device-mapper doubles a dash inside a name. Undefined for a path that is not LVM's
 * (`/dev/sdb1`, `/dev/disk/by-id/…`, `/dev/mapper/mpatha`, `LABEL=…`).
 */
export function volumeGroupOf(device: string): string | undefined {
  const mapper = /^\/dev\/mapper\/(.+)$/.exec(device);
  if (mapper) {
    if (mapper[1]!.startsWith('mpath')) return undefined; // a multipath map (mpatha, mpath-export), not LVM
    const parts = mapper[1]!.split(/(?<!-)-(?!-)/);
    return parts.length === 2 && parts[0] && parts[1] ? parts[0].replace(/--/g, '-') : undefined;
  }
  const direct = /^\/dev\/([^/]+)\/[^/]+$/.exec(device);
  if (!direct) return undefined;
  // Device folders udev and the kernel make are not volume groups.
  return NOT_VOLUME_GROUPS.has(direct[1]!) ? undefined : direct[1];
}

export default defineRule({
  id: 'gfs2/clvmd',
  severity: 'warning',
  summary: 'a clusterfs (GFS/GFS2) without the cluster locking and clustered LVM it needs',
  description:
    'A clusterfs is mounted on several nodes at once, so both the file system and the volume under it must be cluster-locked. With `lockproto=lock_nolock` in its options GFS2 takes no DLM locks: two nodes mounting it corrupt it (an error). On LVM (`/dev/VG/LV`, `/dev/mapper/VG-LV`) the volume group must be clustered and clvmd running on every node that mounts it, with `locking_type = 3` in lvm.conf (field-rules host/lvm-clvm; the handout: "clvmd must be running and the locking type must be set to 3"). An `lvm` resource for that volume group defeats this: lvm.sh activates a clustered VG exclusively on the node that runs the service (`vgchange -aey`, lvm_by_vg.sh vg_start l.391-405, vg_start_clustered l.192-202) and a non-clustered one through HA-LVM tags on one node only, so no other node can mount the GFS2 (a warning). cluster.conf cannot show whether clvmd runs, so a clusterfs on LVM without such a conflict gets a note listing what the nodes need. Remove the lvm resource and use clvmd for the volume group of a GFS2, and never mount a shared GFS2 with lock_nolock.',
  check(ctx) {
    const nodes = resourceTrees(ctx.facts);
    // Volume groups that an lvm resource activates on one node only.
    const lvmByVg = new Map<string, ConfElement>();
    for (const n of nodes) {
      if (n.agent.name !== 'lvm' || n.isRef) continue;
      const vg = attr(n.element, 'vg_name');
      if (vg && !lvmByVg.has(vg)) lvmByVg.set(vg, n.element);
    }
    const noted = new Set<string>();
    for (const n of nodes) {
      if (n.agent.name !== 'clusterfs' || n.isRef) continue;
      const name = attr(n.element, 'name') ?? 'clusterfs';
      const options = (attr(n.element, 'options') ?? '').split(',').map((o) => o.trim());
      if (options.includes('lockproto=lock_nolock'))
        ctx.report(attrSpan(n.element, 'options'), `clusterfs \`${name}\` is mounted with lockproto=lock_nolock: GFS2 takes no cluster locks, and two nodes mounting it corrupt it; remove the option (the cluster's lock_dlm is the default)`, { severity: 'error' });
      const device = attr(n.element, 'device') ?? '';
      const vg = volumeGroupOf(device);
      if (!vg) continue;
      const lvm = lvmByVg.get(vg);
      if (lvm) {
        ctx.report(attrSpan(n.element, 'device'), `clusterfs \`${name}\` is on volume group ${vg}, which lvm resource \`${attr(lvm, 'name') ?? vg}\` activates on one node only (exclusive or HA-LVM tags): no other node can mount this GFS2; drop the lvm resource and let clvmd manage ${vg}`, {
          related: [{ span: spanOf(lvm), message: `the lvm resource of ${vg}` }],
        });
      } else if (!noted.has(device)) {
        noted.add(device);
        ctx.report(attrSpan(n.element, 'device'), `clusterfs \`${name}\` is on LVM volume group ${vg}: every node that mounts it needs ${vg} clustered (vgchange -cy), clvmd running and locking_type = 3 in lvm.conf; cluster.conf cannot show that, so check the nodes`, { severity: 'info' });
      }
    }
  },
});
