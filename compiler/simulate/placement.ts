// Where rgmanager runs each service (domain-facts §6 and Correction 1).
//
// node_should_start() scores a node ILLEGAL 0 / GOOD 1 / BETTER 2 / BEST 3 for a service; a node
// starts a service (at boot and on failover alike) only when its own score is BEST, so when
// several nodes score BEST the one that takes the lock first wins: we report the *set* of
// possible owners. GOOD and BETTER nodes are never used on failover. Exclusive services start
// only on a node running nothing else, and a node running one takes no other service.
//
// Exclusivity with uncertain owners: a node counts as busy only when a service's owner set is
// exactly that node (it surely runs there). Services are evaluated in configuration order.

import type { ClusterFacts, ServiceFact } from '../model/facts.ts';

export const ILLEGAL = 0;
export const GOOD = 1;
export const BETTER = 2;
export const BEST = 3;

export type ServiceState = 'started' | 'stopped' | 'disabled';

export interface ServicePlacement {
  /** Indices into the node list; several = any of them may win the race. */
  owners: number[];
  state: ServiceState;
  /** Why it is stopped or disabled. */
  reason?: string;
  /** The reason is an exclusive-service conflict. */
  exclusiveConflict?: boolean;
}

interface DomainIndex {
  restricted: boolean;
  ordered: boolean;
  /** priority of each node index that matches a member name exactly (-1 = not in the domain). */
  exactPriority: number[];
  /** The node indices that match a member name exactly, ascending: the only nodes that can score BEST while a member is online. */
  exactMembers: number[];
  /** per member: node indices whose name matches case-insensitively (how "online" is decided). */
  memberNodes: { priority: number; nodes: number[] }[];
}

interface ServiceIndex {
  fact: ServiceFact;
  domain: number; // -1 = none or not found
  dependsOn: number; // -1 = none (or names nothing: counts as satisfied)
}

/** What the placements of one simulation cost: `startOn` calls and the nodes they scored. */
export interface PlacementWork {
  placements: number;
  nodeScores: number;
}

export class PlacementModel {
  readonly nodeNames: string[];
  readonly services: ServiceIndex[];
  readonly domains: DomainIndex[];
  /** Counted by `startOn`, read by the simulator to bound its work. */
  readonly work: PlacementWork = { placements: 0, nodeScores: 0 };

  constructor(f: ClusterFacts) {
    this.nodeNames = f.nodes.map((n) => n.name);
    const lowerIdx = new Map<string, number[]>();
    f.nodes.forEach((n, i) => {
      const k = n.name.toLowerCase();
      lowerIdx.set(k, [...(lowerIdx.get(k) ?? []), i]);
    });
    this.domains = f.domains.map((d) => {
      const exactPriority = f.nodes.map(() => -1);
      for (const m of d.members) f.nodes.forEach((n, i) => n.name === m.name && exactPriority[i] === -1 && (exactPriority[i] = m.priority));
      return {
        restricted: d.restricted,
        ordered: d.ordered,
        exactPriority,
        exactMembers: exactPriority.flatMap((p, i) => (p >= 0 ? [i] : [])),
        memberNodes: d.members.map((m) => ({ priority: m.priority, nodes: lowerIdx.get(m.name.toLowerCase()) ?? [] })),
      };
    });
    const rootKey = (s: ServiceFact) => `${s.type}:${s.name}`;
    const roots = f.services.map(rootKey);
    this.services = f.services.map((s) => {
      let dependsOn = -1;
      if (s.depend) {
        const ref = s.depend.includes(':') ? s.depend : `service:${s.depend}`;
        dependsOn = roots.indexOf(ref);
      }
      return { fact: s, domain: s.domain ? f.domains.indexOf(s.domain) : -1, dependsOn };
    });
  }

  /** node_should_start() for a service that is not running anywhere (start or failover). */
  score(node: number, svc: number, online: boolean[], states?: DomainState[]): number {
    if (!online[node]) return ILLEGAL;
    const di = this.services[svc]!.domain;
    if (di < 0) return BEST;
    const d = this.domains[di]!;
    const st = states ? (states[di] ??= this.domainState(di, online)) : this.domainState(di, online);
    const mine = d.exactPriority[node]!;
    if (mine < 0) {
      if (!st.anyOnline) return d.restricted ? ILLEGAL : BEST;
      return d.restricted ? ILLEGAL : GOOD;
    }
    if (!d.ordered) return BEST;
    return mine <= st.minPrio ? BEST : BETTER;
  }

  /** Whether any member is online ("online" matches names case-insensitively) and the best priority among them. */
  domainState(di: number, online: boolean[]): DomainState {
    let anyOnline = false;
    let minPrio = 100;
    for (const m of this.domains[di]!.memberNodes) {
      if (m.nodes.some((n) => online[n])) {
        anyOnline = true;
        if (m.priority < minPrio) minPrio = m.priority;
      }
    }
    return { anyOnline, minPrio };
  }
}

export interface DomainState {
  anyOnline: boolean;
  minPrio: number;
}

/** Services that always land alike given the same previous placement: same domain and owners, not exclusive. */
export interface PlacementClasses {
  count: number;
  of: number[];
}

export function placementClasses(m: PlacementModel, previous: ServicePlacement[]): PlacementClasses {
  const ids = new Map<string, number>();
  const of = m.services.map((s, i) => {
    const p = previous[i]!;
    const key = `${s.domain}|${p.state}|${p.owners.join(',')}`;
    let id = ids.get(key);
    if (id === undefined) ids.set(key, (id = ids.size));
    return id;
  });
  return { count: ids.size, of };
}

/**
 * Places every service. `previous` = where services ran before the nodes outside `online`
 * failed (undefined: the cluster is starting with `online` up).
 *
 * The exhaustive simulation gets the same placements from `IncrementalPlacement`
 * (incremental.ts), which leans on how this function is built (services that keep their owners
 * occupy them first; a non-exclusive service's result ignores nodes busy with non-exclusive
 * services); incremental.test.ts compares the two on every failure set, so a change to the order
 * of evaluation here shows up there.
 */
export function place(m: PlacementModel, online: boolean[], previous?: ServicePlacement[], classes?: PlacementClasses): ServicePlacement[] {
  const n = m.nodeNames.length;
  const busy = new Array<number>(n).fill(0); // services surely running there
  const exclusiveBusy = new Array<boolean>(n).fill(false);
  const count = m.services.length;
  const out: ServicePlacement[] = new Array(count);
  const occupy = (p: ServicePlacement, exclusive: boolean) => {
    if (p.state === 'started' && p.owners.length === 1) {
      busy[p.owners[0]!]!++;
      if (exclusive) exclusiveBusy[p.owners[0]!] = true;
    }
  };
  const allUp = (owners: number[]) => {
    for (let k = 0; k < owners.length; k++) if (!online[owners[k]!]) return false;
    return true;
  };
  // Services whose owners all survive stay where they are (and occupy their nodes first).
  const pending: number[] = [];
  for (let i = 0; i < count; i++) {
    const s = m.services[i]!;
    const prev = previous?.[i];
    if (!s.fact.autostart && (!prev || prev.state === 'disabled')) {
      out[i] = DISABLED;
      continue;
    }
    if (prev && prev.state === 'started' && allUp(prev.owners)) {
      out[i] = prev;
      occupy(prev, s.fact.exclusive);
      continue;
    }
    pending.push(i);
  }
  // Services of one class (same domain, same previous owners, not exclusive) land alike: compute once.
  const cache: (ServicePlacement | undefined)[] = classes ? new Array(classes.count) : [];
  const cacheMap = new Map<string, ServicePlacement>();
  const states: DomainState[] = new Array(m.domains.length);
  const survivors = (prev: ServicePlacement | undefined) => (prev && prev.state === 'started' ? prev.owners.filter((o) => online[o]) : []);
  const visiting = new Set<number>();
  const placeOne = (i: number): void => {
    if (out[i]) return;
    const s = m.services[i]!;
    const prev = previous?.[i];
    if (s.dependsOn >= 0) {
      // A dependency later in the file is evaluated first (rgmanager starts it on a later pass).
      if (!out[s.dependsOn] && !visiting.has(i)) {
        visiting.add(i);
        placeOne(s.dependsOn);
        visiting.delete(i);
      }
      const dep = out[s.dependsOn];
      if (!dep || dep.state !== 'started') {
        const surviving = survivors(prev);
        out[i] = surviving.length ? { owners: surviving, state: 'started' } : { owners: [], state: 'stopped', reason: `waits for ${s.fact.depend}, which is not running` };
        occupy(out[i]!, s.fact.exclusive);
        return;
      }
    }
    let p: ServicePlacement | undefined;
    if (s.fact.exclusive) p = startOn(m, i, online, busy, exclusiveBusy, survivors(prev), states);
    else if (classes) {
      const c = classes.of[i]!;
      p = cache[c] ??= startOn(m, i, online, busy, exclusiveBusy, survivors(prev), states);
    } else {
      const surviving = survivors(prev);
      const key = `${s.domain}|${surviving.join(',')}`;
      p = cacheMap.get(key);
      if (!p) cacheMap.set(key, (p = startOn(m, i, online, busy, exclusiveBusy, surviving, states)));
    }
    out[i] = p;
    // Non-exclusive results depend only on which nodes surely run an exclusive service.
    if (s.fact.exclusive && p.state === 'started' && p.owners.length === 1 && !exclusiveBusy[p.owners[0]!]) {
      cache.fill(undefined);
      cacheMap.clear();
    }
    occupy(p, s.fact.exclusive);
  };
  for (let k = 0; k < pending.length; k++) placeOne(pending[k]!);
  return out;
}

const DISABLED: ServicePlacement = { owners: [], state: 'disabled', reason: 'autostart is off: rgmanager marks it disabled until `clusvcadm -e`' };

export function startOn(m: PlacementModel, i: number, online: boolean[], busy: number[], exclusiveBusy: boolean[], surviving: number[], states: DomainState[]): ServicePlacement {
  const s = m.services[i]!;
  const best: number[] = [];
  const blocked: number[] = [];
  const consider = (node: number) => {
    if (m.score(node, i, online, states) !== BEST) return;
    if (exclusiveBusy[node] || (s.fact.exclusive && busy[node]! > 0)) blocked.push(node);
    else best.push(node);
  };
  // While a member of its domain is online only exact members can score BEST (the others score
  // GOOD or ILLEGAL), so only they are scored: a placement costs its domain's size, not the
  // cluster's. Either way the nodes are met in ascending order, as the full scan meets them.
  const di = s.domain;
  const candidates = di >= 0 && (states[di] ??= m.domainState(di, online)).anyOnline ? m.domains[di]!.exactMembers : undefined;
  m.work.placements++;
  if (candidates) {
    m.work.nodeScores += candidates.length;
    for (let k = 0; k < candidates.length; k++) consider(candidates[k]!);
  } else {
    m.work.nodeScores += online.length;
    for (let node = 0; node < online.length; node++) consider(node);
  }
  const owners = mergeAscending(surviving, best);
  m.work.nodeScores += surviving.length;
  if (owners.length) return { owners, state: 'started' };
  if (blocked.length)
    return {
      owners: [],
      state: 'stopped',
      exclusiveConflict: true,
      reason: `its best node${blocked.length > 1 ? 's' : ''} (${blocked.map((b) => m.nodeNames[b]).join(', ')}) ${blocked.length > 1 ? 'are' : 'is'} taken by ${s.fact.exclusive ? 'other services (it is exclusive)' : 'an exclusive service'}; rgmanager never falls back to a less preferred node`,
    };
  const d = s.domain >= 0 ? m.domains[s.domain]! : undefined;
  if (d && d.restricted && !d.memberNodes.some((x) => x.nodes.some((n) => online[n])))
    return { owners: [], state: 'stopped', reason: 'restricted domain unavailable: no member of its failover domain is up' };
  if (d && d.restricted) return { owners: [], state: 'stopped', reason: 'no up node is a member of its restricted failover domain' };
  return { owners: [], state: 'stopped', reason: 'no up node scores BEST for it (failover domain member names must match node names exactly, case included)' };
}

/** The union of two ascending lists of node indices, ascending (both come sorted: owners and a scan in node order). */
function mergeAscending(a: number[], b: number[]): number[] {
  if (a.length === 0) return b;
  if (b.length === 0) return a.slice();
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const x = j >= b.length || (i < a.length && a[i]! < b[j]!) ? a[i++]! : b[j++]!;
    if (out.length === 0 || out[out.length - 1] !== x) out.push(x);
  }
  return out;
}
