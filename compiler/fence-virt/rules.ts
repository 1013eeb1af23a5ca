// Cross-file rules: the guests' fence_xvm/fence_virt devices (cluster.conf) against the host's
// fence_virtd (fence_virt.conf), both described in one .cluster source. Reported on the source,
// at the value that disagrees, with a note pointing at the other side.
//
//   fence-virt/address-mismatch    device multicast_address ≠ listener address (warning)
//   fence-virt/port-mismatch       device ipport ≠ listener port
//   fence-virt/key-file-mismatch   device key_file ≠ listener key_file
//   fence-virt/hash-mismatch       device hash weaker than the listener's, or auth ≠ listener auth
//   fence-virt/wrong-listener      fence_xvm devices, but fence_virtd does not run `multicast`
//   fence-virt/backend-needs-host-cluster  checkpoint/cpg backend, but the cluster is the guests
//   fence-virt/empty-domain        a fence_xvm/fence_virt device with no or empty port/domain
//   fence-virt/shared-domain       two nodes fenced through the same domain

import type { Diagnostic, RelatedInformation, Span } from '../diagnostics.ts';
import { type ConfElement, children, getAttribute, walk } from '../model/conf.ts';
import type { FenceVirtModel } from './model.ts';
import { LISTENERS } from './spec.ts';

const VIRT_AGENTS = new Set(['fence_xvm', 'fence_virt']);

/** fence_virtd accepts a request hashed at least as strongly as its own `hash` ("Hash type not strong enough"). */
const HASH_STRENGTH = ['none', 'sha1', 'sha256', 'sha512'];

/** What happens, checked with the real fence_xvm against the real fence_virtd (test/compiler/fence-virt/). */
const CONSEQUENCE: Record<string, string> = {
  port: 'its requests never reach the daemon and fencing times out',
  address: 'the daemon joins only its own group, so the request reaches it only where the network floods multicast groups nobody joined (and fencing times out everywhere else)',
  hash: 'fence_virtd drops a request hashed more weakly than its own hash ("Hash type not strong enough") and fencing times out',
  auth: 'the challenge response does not verify ("Invalid response to challenge") and fencing fails',
  key_file: 'unless both paths hold the same key, every request is dropped ("Key mismatch") and fencing times out',
};

interface DeviceUse {
  node: ConfElement;
  device: ConfElement;
  fencedevice: ConfElement;
  agent: string;
}

/** A parameter as the agent sees it: the <fencedevice> value wins over the node's <device>. */
function effective(u: DeviceUse, names: string[], fallback: string | undefined): { value: string | undefined; span: Span | undefined } {
  for (const holder of [u.fencedevice, u.device]) {
    for (const n of names) {
      const a = getAttribute(holder, n);
      if (a) return { value: a.value, span: a.span ?? holder.nameSpan ?? holder.span };
    }
  }
  return { value: fallback, span: u.fencedevice.nameSpan ?? u.fencedevice.span };
}

function deviceUses(cluster: ConfElement): DeviceUse[] {
  const devices = new Map<string, ConfElement>();
  for (const fds of children(cluster, 'fencedevices')) for (const fd of children(fds, 'fencedevice')) {
    const n = getAttribute(fd, 'name')?.value;
    if (n !== undefined && !devices.has(n)) devices.set(n, fd);
  }
  const uses: DeviceUse[] = [];
  for (const cns of children(cluster, 'clusternodes')) for (const node of children(cns, 'clusternode')) {
    for (const f of children(node, 'fence')) for (const { element } of walk(f)) {
      if (element.tag !== 'device') continue;
      const fd = devices.get(getAttribute(element, 'name')?.value ?? '');
      const agent = fd && getAttribute(fd, 'agent')?.value;
      if (fd && agent && VIRT_AGENTS.has(agent)) uses.push({ node, device: element, fencedevice: fd, agent });
    }
  }
  return uses;
}

export function checkFenceVirt(cluster: ConfElement | undefined, fv: FenceVirtModel | undefined, diagnostics: Diagnostic[]): void {
  const uses = cluster ? deviceUses(cluster) : [];
  const seen = new Set<string>();
  const report = (rule: string, severity: Diagnostic['severity'], message: string, span: Span | undefined, related?: RelatedInformation[]) => {
    if (!span) return;
    const id = `${rule}@${span.start}:${span.end}:${message}`;
    if (seen.has(id)) return;
    seen.add(id);
    diagnostics.push({ rule, severity, message, span, ...(related ? { related } : {}) });
  };

  // Domains: every device names one guest, and no two nodes name the same guest.
  const byDomain = new Map<string, { node: ConfElement; span: Span | undefined }>();
  for (const u of uses) {
    const d = effective(u, ['port', 'domain'], undefined);
    const nodeName = getAttribute(u.node, 'name')?.value ?? '?';
    if (d.value === undefined || d.value.trim() === '') {
      report('fence-virt/empty-domain', 'error', `${u.agent} device \`${getAttribute(u.device, 'name')?.value}\` for node \`${nodeName}\` names no guest, so fence_xvm refuses to run ("No domain specified!" / "Invalid domain name"): set \`port\` to the libvirt domain to power off`, d.value === undefined ? u.device.nameSpan ?? u.device.span : d.span);
      continue;
    }
    const prev = byDomain.get(d.value);
    if (prev && prev.node !== u.node) {
      report('fence-virt/shared-domain', 'error', `node \`${nodeName}\` is fenced through domain \`${d.value}\`, which already fences node \`${getAttribute(prev.node, 'name')?.value}\`: fencing one would power off the other`, d.span, prev.span ? [{ span: prev.span, message: 'the same domain fences this node' }] : undefined);
    } else if (!prev) byDomain.set(d.value, { node: u.node, span: d.span });
  }

  if (!fv) return;

  // A backend that needs the hosts themselves to form a cluster.
  const backend = fv.backend?.name;
  const guestCluster = uses.length > 0;
  if ((backend === 'checkpoint' || backend === 'cpg') && guestCluster && cluster) {
    report(
      'fence-virt/backend-needs-host-cluster',
      'error',
      `backend \`${backend}\` needs the hypervisors to run ${backend === 'checkpoint' ? 'cman with openais checkpoints' : 'corosync'} as a cluster of their own, but cluster \`${getAttribute(cluster, 'name')?.value}\` is made of the guests fenced through fence_virtd: use \`backend libvirt { uri = "qemu:///system" }\`${backend === 'cpg' ? ' (and RHEL 6\'s fence-virt 0.2/0.3 has no cpg backend at all)' : ''}`,
      fv.backend!.span,
    );
  }

  const listener = fv.listener;
  if (!listener) return;
  const values = listener.plugin?.values;
  const lv = (key: string): { value: string | undefined; span: Span } => {
    const v = values?.get(key);
    if (v) return { value: v.value, span: v.span };
    let def = LISTENERS[listener.name]?.find((k) => k.name === key)?.default;
    if (key === 'address' && listener.name === 'multicast' && values?.get('family')?.value === 'ipv6') def = 'ff05::3:1';
    return { value: def, span: listener.plugin?.nameSpan ?? listener.span };
  };
  const where = (v: { span: Span }, key: string) => [{ span: v.span, message: `fence_virtd's ${listener.name} listener: ${key}` }];

  for (const u of uses) {
    const devName = getAttribute(u.device, 'name')?.value;
    if (u.agent === 'fence_xvm' && listener.name !== 'multicast') {
      report('fence-virt/wrong-listener', 'error', `fence_xvm talks to fence_virtd's multicast listener, but fence_virtd runs listener \`${listener.name}\``, u.fencedevice.nameSpan ?? u.fencedevice.span, [{ span: listener.span, message: 'the listener fence_virtd runs' }]);
      continue;
    }
    const tcp = u.agent === 'fence_virt' && listener.name === 'tcp';
    if (u.agent === 'fence_virt' && !tcp) continue; // serial/vmchannel/vsock: nothing on the wire to compare
    const compare = (rule: string, severity: Diagnostic['severity'], deviceParam: string, deviceDefault: string | undefined, listenerKey: string, what: string, norm = (s: string) => s) => {
      const d = effective(u, [deviceParam], deviceDefault);
      const l = lv(listenerKey);
      if (d.value === undefined || l.value === undefined || norm(d.value) === norm(l.value)) return;
      if (listenerKey === 'hash' && HASH_STRENGTH.indexOf(d.value) >= HASH_STRENGTH.indexOf(l.value)) return; // the daemon takes a stronger hash
      report(rule, severity, `${u.agent} device \`${devName}\` ${what} ${d.value}${d.span === (u.fencedevice.nameSpan ?? u.fencedevice.span) ? ' (its default)' : ''}, but fence_virtd's ${listener.name} listener uses ${l.value}: ${CONSEQUENCE[listenerKey]}`, d.span, where(l, listenerKey));
    };
    compare('fence-virt/address-mismatch', 'warning', tcp ? 'ipaddr' : 'multicast_address', tcp ? '127.0.0.1' : '225.0.0.12', 'address', 'sends to', (s) => s.toLowerCase());
    compare('fence-virt/port-mismatch', 'error', 'ipport', '1229', 'port', 'sends to port', (s) => String(Number(s)));
    compare('fence-virt/hash-mismatch', 'error', 'hash', 'sha256', 'hash', 'hashes requests with');
    compare('fence-virt/hash-mismatch', 'error', 'auth', 'sha256', 'auth', 'authenticates with');
    if (lv('auth').value !== 'none') compare('fence-virt/key-file-mismatch', 'warning', 'key_file', '/etc/cluster/fence_xvm.key', 'key_file', 'reads its key from');
  }
}
