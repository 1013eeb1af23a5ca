// Both sides of VM fencing as the programs read them: the guests' fence_xvm/fence_virt devices
// in cluster.conf (which node uses which device, each parameter's effective value) and the
// host's fence_virtd listener settings with their defaults. The fence-virt/* rules
// (compiler/rules/fence-virt/) compare the two.

import type { Span } from '../diagnostics.ts';
import { type ConfElement, children, getAttribute, walk } from '../model/conf.ts';
import type { FenceVirtModel } from './model.ts';

/** The listener fence_virtd runs, as the model selects it. */
export type FvListener = NonNullable<FenceVirtModel['listener']>;
import { LISTENERS } from './spec.ts';

const VIRT_AGENTS = new Set(['fence_xvm', 'fence_virt']);

/** fence_virtd accepts a request hashed at least as strongly as its own `hash` ("Hash type not strong enough"). */
export const HASH_STRENGTH = ['none', 'sha1', 'sha256', 'sha512'];

/** What happens, checked with the real fence_xvm against the real fence_virtd (test/compiler/fence-virt/). */
export const CONSEQUENCE: ReadonlyMap<string, string> = new Map([
  ['port', 'its requests never reach the daemon and fencing times out'],
  ['address', 'the daemon joins only its own group, so the request reaches it only where the network floods multicast groups nobody joined (and fencing times out everywhere else)'],
  ['hash', 'fence_virtd drops a request hashed more weakly than its own hash ("Hash type not strong enough") and fencing times out'],
  ['auth', 'the challenge response does not verify ("Invalid response to challenge") and fencing fails'],
  ['key_file', 'unless both paths hold the same key, every request is dropped ("Key mismatch") and fencing times out'],
]);

export interface DeviceUse {
  node: ConfElement;
  device: ConfElement;
  fencedevice: ConfElement;
  agent: string;
}

/** A parameter as the agent sees it: the <fencedevice> value wins over the node's <device>. */
export function effective(u: DeviceUse, names: string[], fallback: string | undefined): { value: string | undefined; span: Span | undefined } {
  for (const holder of [u.fencedevice, u.device]) {
    for (const n of names) {
      const a = getAttribute(holder, n);
      if (a) return { value: a.value, span: a.span ?? holder.nameSpan ?? holder.span };
    }
  }
  return { value: fallback, span: u.fencedevice.nameSpan ?? u.fencedevice.span };
}

export function deviceUses(cluster: ConfElement): DeviceUse[] {
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

/** A listener setting as fence_virtd uses it: the written value, else the plugin's default. */
export function listenerValue(listener: FvListener, key: string): { value: string | undefined; span: Span } {
  const values = listener.plugin?.values;
  const v = values?.get(key);
  if (v) return { value: v.value, span: v.span };
  let def = LISTENERS.get(listener.name)?.find((k) => k.name === key)?.default;
  if (key === 'address' && listener.name === 'multicast' && values?.get('family')?.value === 'ipv6') def = 'ff05::3:1';
  return { value: def, span: listener.plugin?.nameSpan ?? listener.span };
}
