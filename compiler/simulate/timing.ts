// Effective timings (domain-facts §3.1, §4.1, §5.1, §5.4) and an estimated failover timeline:
// token loss → consensus → post_fail_delay → fence delay → fence → recovery on the new owner.

import { attr, child, type ConfElement } from '../model/conf.ts';
import type { ClusterFacts, NodeFact } from '../model/facts.ts';
import { atoi } from '../model/read.ts';

/** Seconds assumed for the fence agent itself to power a node off (not in the config). */
export const FENCE_ACTION_ESTIMATE_MS = 5000;

export interface QdiskTiming {
  interval: number; // s
  tko: number;
  tkoUp: number;
  upgradeWait: number;
  masterWait: number;
  /** interval × (tko + master_wait + upgrade_wait) × 1000: qdiskd's own failover time. */
  failoverMs: number;
  /** interval × tko × 1000: the qdiskd membership timeout. */
  timeoutMs: number;
}

export function qdiskTiming(f: ClusterFacts): QdiskTiming | undefined {
  const q = f.quorumd;
  if (!q) return undefined;
  const iv = attr(q, 'interval');
  const interval = iv !== undefined && atoi(iv) >= 1 ? atoi(iv) : 1;
  const tv = attr(q, 'tko');
  const tko = tv !== undefined && atoi(tv) > 0 ? atoi(tv) : Math.floor((Math.floor(f.token / 1000) - interval) / 2);
  const tu = attr(q, 'tko_up');
  const tkoUp = tu !== undefined && atoi(tu) > 0 ? atoi(tu) : Math.max(2, Math.floor(tko / 3));
  const uw = attr(q, 'upgrade_wait');
  const upgradeWait = uw !== undefined && atoi(uw) >= 1 ? atoi(uw) : 2;
  const mw = attr(q, 'master_wait');
  let masterWait = mw !== undefined && atoi(mw) > 0 ? atoi(mw) : Math.floor(tko / 2);
  if (masterWait <= tkoUp) masterWait = tkoUp + 1;
  return { interval, tko, tkoUp, upgradeWait, masterWait, failoverMs: interval * (tko + masterWait + upgradeWait) * 1000, timeoutMs: interval * tko * 1000 };
}

export function postFailDelayMs(f: ClusterFacts): number {
  const fd = child(f.cluster, 'fence_daemon');
  const v = fd && attr(fd, 'post_fail_delay');
  return v !== undefined && atoi(v) > 0 ? atoi(v) * 1000 : 0;
}

/** The `delay` (s) fenced's agent waits before fencing this node: its first method's devices. */
export function fenceDelayMs(f: ClusterFacts, node: NodeFact): number | undefined {
  const refs = f.deviceRefs(node);
  if (refs.length === 0) return undefined;
  const first = refs.filter((r) => r.method === refs[0]!.method);
  let delay = 0;
  for (const r of first) {
    const dev = f.fenceDevice(r.name);
    // fenced passes device attributes, then fencedevice ones; a later line wins.
    const v = (dev && attr(dev, 'delay')) ?? attr(r.element, 'delay');
    delay = Math.max(delay, atoi(v));
  }
  return delay * 1000;
}

export interface TimelineStep {
  label: string;
  ms: number;
  /** An assumption, not a configured value. */
  estimate?: boolean;
}

export interface Timeline {
  steps: TimelineStep[];
  totalMs: number;
  /** The victim cannot be fenced: recovery waits for fence_ack_manual. */
  blocked?: string;
}

export function failoverTimeline(f: ClusterFacts, victim: NodeFact): Timeline {
  const steps: TimelineStep[] = [
    { label: `token lost (totem token ${f.token} ms)`, ms: f.token },
    { label: `new membership (consensus ${f.consensus} ms)`, ms: f.consensus },
    { label: 'fenced post_fail_delay', ms: postFailDelayMs(f) },
  ];
  const delay = fenceDelayMs(f, victim);
  let blocked: string | undefined;
  if (delay === undefined) blocked = `${victim.name} has no fence method: fenced retries forever until fence_ack_manual`;
  else {
    steps.push({ label: 'fence device delay', ms: delay });
    const refs = f.deviceRefs(victim);
    const first = refs.filter((r) => r.method === refs[0]!.method);
    const agents = first.map((r) => attr(f.fenceDevice(r.name) ?? ({ attributes: [] } as unknown as ConfElement), 'agent') ?? '?');
    if (agents.includes('fence_manual')) blocked = `${victim.name} is fenced by fence_manual: recovery waits for an operator to run fence_ack_manual`;
    const via = first.map((r, i) => {
      const target = ['port', 'plug', 'ipaddr'].map((k) => attr(r.element, k)).find((v) => v !== undefined);
      return `${r.name} (${agents[i]}${target ? `, ${target}` : ''})`;
    });
    steps.push({ label: `fence action: method ${attr(first[0]!.method, 'name') ?? '1'}, ${via.join(' then ')}`, ms: FENCE_ACTION_ESTIMATE_MS, estimate: true });
  }
  steps.push({ label: 'rgmanager starts the service on the new owner (resource start time not included)', ms: 0, estimate: true });
  return { steps, totalMs: steps.reduce((s, x) => s + x.ms, 0), ...(blocked ? { blocked } : {}) };
}
