// One fence_xvm/fence_virt device parameter against the fence_virtd listener setting it must
// match (address, port, hash, auth, key file), for every device use of the cluster: the shared
// walk of the fence-virt/*-mismatch rules.

import { CONSEQUENCE, type DeviceUse, deviceUses, effective, HASH_STRENGTH, listenerValue } from '../../fence-virt/devices.ts';
import { attr } from '../../model/conf.ts';
import type { RuleContext } from '../rule.ts';
import { once } from './once.ts';

export interface Comparison {
  /** The device parameter, its default, and the listener key it must match. */
  param: string;
  fallback: string | undefined;
  key: string;
  /** How the message says what the device does with it ("sends to port"). */
  what: string;
  norm?: (s: string) => string;
}

export function compareWithListener(ctx: RuleContext, comparison: (u: DeviceUse, tcp: boolean) => Comparison): void {
  const listener = ctx.options.fenceVirt?.listener;
  if (!listener) return;
  const report = once(ctx.report.bind(ctx));
  for (const u of deviceUses(ctx.model)) {
    if (u.agent === 'fence_xvm' && listener.name !== 'multicast') continue; // fence-virt/wrong-listener
    const tcp = u.agent === 'fence_virt' && listener.name === 'tcp';
    if (u.agent === 'fence_virt' && !tcp) continue; // serial/vmchannel/vsock: nothing on the wire to compare
    const { param, fallback, key, what, norm = (s: string) => s } = comparison(u, tcp);
    const d = effective(u, [param], fallback);
    const l = listenerValue(listener, key);
    if (d.value === undefined || l.value === undefined || norm(d.value) === norm(l.value)) continue;
    if (key === 'hash' && HASH_STRENGTH.indexOf(d.value) >= HASH_STRENGTH.indexOf(l.value)) continue; // the daemon takes a stronger hash
    const isDefault = d.span === (u.fencedevice.nameSpan ?? u.fencedevice.span);
    report(d.span, `${u.agent} device \`${attr(u.device, 'name')}\` ${what} ${d.value}${isDefault ? ' (its default)' : ''}, but fence_virtd's ${listener.name} listener uses ${l.value}: ${CONSEQUENCE.get(key)}`, { related: [{ span: l.span, message: `fence_virtd's ${listener.name} listener: ${key}` }] });
  }
}
