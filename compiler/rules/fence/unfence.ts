import { defineRule, spanOf } from '../rule.ts';
import { attr } from '../../model/conf.ts';

const STORAGE = ['fence_scsi', 'fence_mpath', 'fence_brocade', 'fence_cisco_mds', 'fence_ifmib', 'fence_sanbox2'];

export default defineRule({
  id: 'fence/unfence',
  severity: 'error',
  summary: 'storage fencing without unfencing, or an unfence device without action="on"',
  description:
    'Storage fencing (fence_scsi, fence_mpath, SAN switch agents) cuts a node off its disks and never gives access back; the node must unfence itself at boot through an `<unfence>` section, which the cman init script runs. libfence adds no action there: each unfence `<device>` needs `action="on"` (or "enable"), otherwise the agent\'s default action (off/reboot) runs against the node itself while it boots. Add an `unfence` section with the same device and `action="on"`.',
  check(ctx) {
    const f = ctx.facts;
    for (const n of f.nodes) {
      const agents = f.deviceRefs(n).map((r) => ({ r, agent: attr(f.fenceDevice(r.name) ?? { tag: '', attributes: [], children: [] }, 'agent') ?? '' }));
      const unfence = f.unfenceDevices(n);
      const storage = agents.filter((x) => STORAGE.includes(x.agent));
      if (storage.length && unfence.length === 0)
        ctx.report(spanOf(storage[0]!.r.element), `\`${n.name}\` is fenced with ${storage[0]!.agent} but has no unfence section: after a fence it never regains access to its storage${storage[0]!.agent === 'fence_scsi' ? ', and fence_scsi cannot register its key at boot' : ''}`);
      for (const d of unfence) {
        // fenced passes the fencedevice attributes after the device ones: they win.
        const action = attr(f.fenceDevice(attr(d, 'name') ?? '') ?? { tag: '', attributes: [], children: [] }, 'action') ?? attr(d, 'action');
        if (action !== 'on' && action !== 'enable') ctx.report(spanOf(d), `unfence device \`${attr(d, 'name')}\` of \`${n.name}\` has ${action ? `action="${action}"` : 'no action'}: the agent would run ${action ?? 'its default action (off/reboot)'} against the node while it boots; set action="on"`);
      }
    }
  },
});
