// The simulator: every set of failed nodes (exhaustive up to 16 nodes; beyond, every single and
// double failure plus a seeded random sample), whether the survivors are quorate, and where each
// service runs. Pure and deterministic; slow compared with the lint rules, so the language
// server can debounce it (lintModel never calls the exhaustive part).

import type { ConfElement } from '../model/conf.ts';
import { ClusterFacts } from '../model/facts.ts';
import { IncrementalPlacement } from './incremental.ts';
import { place, type PlacementClasses, placementClasses, PlacementModel, type ServicePlacement } from './placement.ts';
import { fullQuorum, quorumInputs, type QuorumInputs } from './quorum.ts';
import { failoverTimeline, type Timeline } from './timing.ts';

export const EXHAUSTIVE_LIMIT = 16;
export const SAMPLE_SIZE = 20000;
export const SAMPLE_SEED = 0x5eed;

export interface QuorumSummary {
  nodes: number;
  nodeVotes: number;
  qdiskVotes: number;
  expectedVotes: number;
  twoNode: boolean;
  /** Quorum once all nodes are up; failures never lower it. */
  quorum: number;
}

export interface ServiceView {
  service: string;
  state: ServicePlacement['state'];
  owners: string[];
  reason?: string;
}

export interface Finding {
  kind: 'quorum-lost' | 'service-down' | 'exclusive-conflict';
  service?: string;
  /** The fewest failed nodes that cause it. */
  minFailures: number;
  /** How many failure sets of that size cause it. */
  count: number;
  /** Up to three of those failure sets (node names). */
  examples: string[][];
  reason?: string;
}

export interface Simulation {
  quorum: QuorumSummary;
  /** Every service with all nodes up. */
  baseline: ServiceView[];
  /** What was examined: every failure set, or a stated subset (see `describeCoverage`), and what it cost. */
  method: { kind: 'exhaustive'; scenarios: number; work: SimulationWork } | { kind: 'sampled'; scenarios: number; seed: number; description: string; work: SimulationWork };
  findings: Finding[];
}

export interface ScenarioDetail {
  failed: string[];
  quorum: { votes: number; quorum: number; quorate: boolean };
  fencing: { victim: string; timeline: Timeline }[];
  services: (ServiceView & { before: string[]; moved: boolean })[];
}

export interface SimulateOptions {
  /** Called now and then with (scenarios done, total). */
  onProgress?: (done: number, total: number) => void;
  /** Place every service with `place` in every failure set, the reference the incremental placement must equal (for tests). */
  perService?: boolean;
  /** The work budget in node evaluations (default WORK_BUDGET; tests lower it). */
  workBudget?: number;
}

class Sim {
  readonly facts: ClusterFacts;
  readonly q: QuorumInputs;
  readonly pm: PlacementModel;
  readonly fullQuorum: number;
  readonly baseline: ServicePlacement[];
  readonly classes: PlacementClasses;

  constructor(model: ConfElement) {
    this.facts = new ClusterFacts(model);
    this.q = quorumInputs(this.facts);
    this.pm = new PlacementModel(this.facts);
    this.fullQuorum = fullQuorum(this.q);
    this.baseline = place(this.pm, this.facts.nodes.map(() => true));
    this.classes = placementClasses(this.pm, this.baseline);
  }

  /** Evaluations spent outside the placements: one per node per failure set (counting votes) and one per unit a failure set walks. */
  scenarioEvaluations = 0;

  quorumOf(online: boolean[]): { votes: number; quorum: number; quorate: boolean } {
    this.scenarioEvaluations += online.length;
    let votes = 0;
    let members = 0;
    online.forEach((up, i) => {
      if (up) {
        votes += this.q.votes[i]!;
        members++;
      }
    });
    if (members > 0) votes += this.q.qdiskVotes;
    const quorum = this.q.twoNode && members <= 2 ? 1 : this.fullQuorum;
    return { votes, quorum, quorate: members > 0 && votes >= quorum };
  }

  /** Whether any set of `failed` failed nodes leaves a quorum (the survivors with the most votes), as `quorumOf` decides. */
  canBeQuorate(failed: number): boolean {
    const members = this.q.votes.length - failed;
    if (members <= 0) return false;
    const votes = [...this.q.votes].sort((a, b) => b - a).slice(0, members).reduce((a, b) => a + b, 0) + this.q.qdiskVotes;
    return votes >= (this.q.twoNode && members <= 2 ? 1 : this.fullQuorum);
  }

  scenario(online: boolean[]): { quorate: boolean; services: ServicePlacement[] } {
    const qs = this.quorumOf(online);
    if (!qs.quorate) return { quorate: false, services: [] };
    return { quorate: true, services: place(this.pm, online, this.baseline, this.classes) };
  }

  view(p: ServicePlacement, i: number): ServiceView {
    return { service: this.pm.services[i]!.fact.name, state: p.state, owners: p.owners.map((o) => this.pm.nodeNames[o]!), ...(p.reason ? { reason: p.reason } : {}) };
  }
}

/** A small seeded random generator (mulberry32): the same seed gives the same failure sets. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The work budget of one simulation, in node evaluations: every failure set costs one per node
 * (counting the votes of the survivors) and one per placement unit it walks, and every placement
 * one per node it scores (rgmanager's node_should_start()). Half a second to a few seconds on the
 * shared development machine, depending on its load; 16 nodes with a thousand services (one in
 * twenty exclusive) stay exhaustive under it (about 11 million).
 */
export const WORK_BUDGET = 15_000_000;

/** What a simulation examined and what it cost (reported in `method.work`). */
export interface SimulationWork {
  /** Calls of the placement of one service (or of a group that lands alike) in one failure set. */
  placements: number;
  /** Node evaluations: one per node per failure set, plus the nodes each placement scored. */
  evaluations: number;
  /** The budget `evaluations` was held to (it stops before the failure set that would pass it). */
  budget: number;
}

/** What was examined: every failure set of 1..`completeSizes` nodes, then `sampled` random sets. */
interface Coverage {
  completeSizes: number;
  /** Failure sets of size `completeSizes + 1` examined before the budget ran out (in enumeration order). */
  partial: number;
  sampled: number;
  /** Random sets planned before the budget was applied. */
  samplePlanned: number;
  sampleSizes: [number, number];
  /** The budget ended the run early. */
  cut: boolean;
  /** The budget turned a size that would have been enumerated into a sample. */
  sizesCut: boolean;
  /** Failure sets planned so far (for progress). */
  planned: number;
}

function binomial(n: number, k: number): number {
  let r = 1;
  for (let i = 1; i <= k; i++) r = (r * (n - k + i)) / i;
  return Math.round(r);
}

/**
 * The failure sets to examine, as lists of node indices, in the order: every set of one failed
 * node, every set of two, … (up to every node for at most EXHAUSTIVE_LIMIT nodes, else up to
 * two), as long as the next size fits the budget at the mean cost of the size before; then
 * SAMPLE_SIZE seeded random sets of the larger sizes, fewer when the budget allows fewer. `spent`
 * reads the work so far; it is checked before every set: none starts once the budget is spent,
 * nor when the costliest set met so far would pass it.
 */
function* failureSets(n: number, spent: () => number, budget: number, cov: Coverage, canBeQuorate: (failed: number) => boolean): Generator<number[]> {
  let examined = 0;
  let costliest = 0;
  let before = spent();
  let levelStart = before;
  let levelSets = 0;
  const take = (): boolean => {
    const now = spent();
    if (examined > 0) costliest = Math.max(costliest, now - before);
    before = now;
    if (now >= budget || now + costliest > budget) {
      cov.cut = true;
      return false;
    }
    examined++;
    return true;
  };
  const lastComplete = n <= EXHAUSTIVE_LIMIT ? n : Math.min(2, n);
  let k = 1;
  for (; k <= lastComplete; k++) {
    const count = binomial(n, k);
    // Until a set has been examined the cost is unknown: the first size is always started. A
    // size is enumerated when it fits at the mean cost of the size before it (costs grow with
    // the failures, the sizes before are cheaper); if that was too hopeful, the budget stops it
    // part way and the method says how far it got.
    // A size at which no set leaves a quorum costs one vote count per node and set.
    const mean = examined > 0 ? (spent() - levelStart) / levelSets : 0;
    levelStart = spent();
    levelSets = count;
    if (examined > 0 && levelStart + count * (canBeQuorate(k) ? mean : n) > budget) {
      cov.sizesCut = true;
      break;
    }
    cov.planned += count;
    if (n <= EXHAUSTIVE_LIMIT) {
      // Sets of k nodes as bit masks in increasing order (Gosper's hack): the order of a
      // plain count through every mask, restricted to k bits.
      const limit = 1 << n;
      for (let mask = (1 << k) - 1; mask < limit; ) {
        if (!take()) return;
        const set: number[] = [];
        for (let i = 0; i < n; i++) if (mask & (1 << i)) set.push(i);
        cov.partial++;
        yield set;
        const low = mask & -mask;
        const ripple = mask + low;
        mask = ripple | (((mask ^ ripple) / low) >>> 2);
      }
    } else if (k === 1) {
      for (let i = 0; i < n; i++) {
        if (!take()) return;
        cov.partial++;
        yield [i];
      }
    } else {
      for (let i = 0; i < n; i++)
        for (let j = i + 1; j < n; j++) {
          if (!take()) return;
          cov.partial++;
          yield [i, j];
        }
    }
    cov.completeSizes = k;
    cov.partial = 0;
  }
  if (k > n) return;
  const low = k;
  const high = Math.max(k, n - 1);
  cov.sampleSizes = [low, high];
  cov.samplePlanned = SAMPLE_SIZE;
  cov.planned += SAMPLE_SIZE;
  // The sets are drawn independently, so the ones examined before the budget runs out are
  // still a uniform sample, only a smaller one.
  const size = SAMPLE_SIZE;
  const rnd = mulberry32(SAMPLE_SEED);
  const idx = [...Array(n).keys()];
  for (let s = 0; s < size; s++) {
    const m = low + Math.floor(rnd() * (high - low + 1));
    for (let i = 0; i < m; i++) {
      const j = i + Math.floor(rnd() * (n - i));
      [idx[i], idx[j]] = [idx[j]!, idx[i]!];
    }
    if (!take()) return;
    cov.sampled++;
    yield idx.slice(0, m).sort((a, b) => a - b);
  }
}

/**
 * The findings of every failure set, placing every service with `place` in each: the reference
 * (and the path for dependencies, which `IncrementalPlacement` does not model). In the order
 * they are first met (failure sets in enumeration order, services in configuration order).
 */
function findingsPerService(sim: Sim, sets: Iterable<number[]>, total: () => number, options: SimulateOptions): Finding[] {
  const n = sim.facts.nodes.length;
  const findings = new Map<string, Finding>();
  const note = (key: string, make: () => Omit<Finding, 'minFailures' | 'count' | 'examples'>, set: number[]) => {
    const f = findings.get(key);
    if (f && f.minFailures < set.length) return;
    if (!f || f.minFailures > set.length) {
      findings.set(key, { ...make(), minFailures: set.length, count: 1, examples: [set.map((i) => sim.pm.nodeNames[i]!)] });
      return;
    }
    f.count++;
    if (f.examples.length < 3) f.examples.push(set.map((i) => sim.pm.nodeNames[i]!));
  };
  let done = 0;
  const online = new Array<boolean>(n);
  for (const set of sets) {
    online.fill(true);
    for (const i of set) online[i] = false;
    const r = sim.scenario(online);
    sim.scenarioEvaluations += sim.pm.services.length;
    if (!r.quorate) note('quorum', () => ({ kind: 'quorum-lost' }), set);
    else
      r.services.forEach((p, i) => {
        if (p.state !== 'stopped' || sim.baseline[i]!.state !== 'started') return;
        const name = sim.pm.services[i]!.fact.name;
        if (p.exclusiveConflict) note(`excl:${i}`, () => ({ kind: 'exclusive-conflict', service: name, reason: p.reason! }), set);
        else note(`down:${i}`, () => ({ kind: 'service-down', service: name, reason: p.reason! }), set);
      });
    if (++done % 4096 === 0) options.onProgress?.(done, total());
  }
  options.onProgress?.(done, total());
  return [...findings.values()];
}

interface Tally {
  kind: Finding['kind'];
  reason?: string;
  minFailures: number;
  count: number;
  /** Failure sets as node indices. */
  examples: number[][];
  /** The failure set (its rank in enumeration order) where it was first met, at any size. */
  first: number;
}

function tally(t: Tally | undefined, kind: Finding['kind'], reason: string | undefined, set: number[], at: number): Tally {
  if (t && t.minFailures < set.length) return t;
  if (!t || t.minFailures > set.length) return { kind, ...(reason !== undefined ? { reason } : {}), minFailures: set.length, count: 1, examples: [set], first: t ? t.first : at };
  t.count++;
  if (t.examples.length < 3) t.examples.push(set);
  return t;
}

/**
 * The same findings as `findingsPerService`, in the same order, from `IncrementalPlacement`:
 * services that always land alike are placed, and counted, once per failure set.
 */
function findingsByUnit(sim: Sim, sets: Iterable<number[]>, total: () => number, options: SimulateOptions): Finding[] {
  const n = sim.facts.nodes.length;
  const names = sim.pm.nodeNames;
  const inc = new IncrementalPlacement(sim.pm, sim.baseline);
  const units = inc.units.length;
  // Two tallies per unit: service-down, exclusive-conflict.
  const tallies: (Tally | undefined)[] = new Array(units * 2);
  let quorum: Tally | undefined;
  let done = 0;
  const online = new Array<boolean>(n);
  for (const set of sets) {
    online.fill(true);
    for (const i of set) online[i] = false;
    if (!sim.quorumOf(online).quorate) quorum = tally(quorum, 'quorum-lost', undefined, set, done);
    else {
      inc.run(online);
      sim.scenarioEvaluations += inc.walk;
      for (let u = 0; u < units; u++) {
        const p = inc.result[u];
        if (!p || p.state !== 'stopped' || !inc.wasStarted[u]) continue;
        const slot = 2 * u + (p.exclusiveConflict ? 1 : 0);
        tallies[slot] = tally(tallies[slot], p.exclusiveConflict ? 'exclusive-conflict' : 'service-down', p.reason!, set, done);
      }
    }
    if (++done % 4096 === 0) options.onProgress?.(done, total());
  }
  options.onProgress?.(done, total());
  // Give each unit's findings to each of its services, in the order the per-service path meets them.
  const met: { first: number; service: number; finding: Finding }[] = [];
  const examples = (t: Tally) => t.examples.map((e) => e.map((i) => names[i]!));
  if (quorum) met.push({ first: quorum.first, service: -1, finding: { kind: quorum.kind, minFailures: quorum.minFailures, count: quorum.count, examples: examples(quorum) } });
  tallies.forEach((t, slot) => {
    if (!t) return;
    for (const i of inc.units[slot >> 1]!.services)
      met.push({ first: t.first, service: i, finding: { kind: t.kind, service: sim.pm.services[i]!.fact.name, reason: t.reason!, minFailures: t.minFailures, count: t.count, examples: examples(t) } });
  });
  met.sort((a, b) => a.first - b.first || a.service - b.service);
  return met.map((x) => x.finding);
}

export function simulateModel(model: ConfElement, options: SimulateOptions = {}): Simulation {
  const sim = new Sim(model);
  const n = sim.facts.nodes.length;
  const budget = options.workBudget ?? WORK_BUDGET;
  const cov: Coverage = { completeSizes: 0, partial: 0, sampled: 0, samplePlanned: 0, sampleSizes: [0, 0], cut: false, sizesCut: false, planned: 0 };
  // The baseline placement is not part of the failure sets' work.
  const baseWork = { ...sim.pm.work };
  const spent = () => sim.scenarioEvaluations + sim.pm.work.nodeScores - baseWork.nodeScores;
  const sets = failureSets(n, spent, budget, cov, (k) => sim.canBeQuorate(k));
  const total = () => cov.planned;
  const found = options.perService !== true && IncrementalPlacement.applies(sim.pm) ? findingsByUnit(sim, sets, total, options) : findingsPerService(sim, sets, total, options);
  const order = { 'quorum-lost': 0, 'service-down': 1, 'exclusive-conflict': 2 };
  const list = found.sort((a, b) => a.minFailures - b.minFailures || order[a.kind] - order[b.kind] || (a.service ?? '').localeCompare(b.service ?? ''));
  const work: SimulationWork = { placements: sim.pm.work.placements - baseWork.placements, evaluations: spent(), budget };
  const scenarios = [...Array(cov.completeSizes).keys()].reduce((sum, k) => sum + binomial(n, k + 1), 0) + cov.partial + cov.sampled;
  return {
    quorum: {
      nodes: n,
      nodeVotes: sim.facts.totalNodeVotes,
      qdiskVotes: sim.q.qdiskVotes,
      expectedVotes: sim.q.expectedVotes,
      twoNode: sim.q.twoNode,
      quorum: sim.fullQuorum,
    },
    baseline: sim.baseline.map((p, i) => sim.view(p, i)),
    method: cov.completeSizes === n ? { kind: 'exhaustive', scenarios, work } : { kind: 'sampled', scenarios, seed: SAMPLE_SEED, description: describeCoverage(n, cov, budget), work },
    findings: list,
  };
}

/** What a sampled run examined, in words (`quorate simulate` prints it; docs/simulation.md). */
function describeCoverage(n: number, cov: Coverage, budget: number): string {
  const parts: string[] = [];
  const k = cov.completeSizes;
  if (k === 1) parts.push('every single failure');
  else if (k === 2) parts.push('every single and double failure');
  else if (k > 2) parts.push(`every failure of 1 to ${k} nodes`);
  if (cov.partial > 0) parts.push(`the first ${cov.partial} of the ${binomial(n, k + 1)} failures of ${k + 1} node${k === 0 ? '' : 's'} (in enumeration order)`);
  if (cov.samplePlanned > 0) {
    const [lo, hi] = cov.sampleSizes;
    parts.push(`${cov.sampled} random failure sets (size uniform in ${lo === hi ? `{${lo}}` : `${lo}..${hi}`}, nodes uniform; mulberry32, seed ${SAMPLE_SEED})`);
  }
  const text = parts.length === 0 ? 'no failure set' : parts.length === 1 ? parts[0]! : `${parts.slice(0, -1).join(', ')}, plus ${parts[parts.length - 1]}`;
  const notes: string[] = [];
  if (cov.sizesCut) notes.push(`did not allow every failure of ${k + 1} node${k === 0 ? '' : 's'}`);
  if (cov.cut) notes.push(cov.samplePlanned > 0 && cov.partial === 0 ? `allowed ${cov.sampled} of the ${cov.samplePlanned} random sets` : 'stopped it there');
  return notes.length ? `${text}; the work budget (${budget} node evaluations) ${notes.join(' and ')}` : text;
}

/** One scenario in detail; `failed` are node names as in cluster.conf (or undefined: unknown). */
export function simulateFailure(model: ConfElement, failed: string[]): ScenarioDetail | { unknown: string[] } {
  const sim = new Sim(model);
  const names = sim.pm.nodeNames;
  const unknown = failed.filter((f) => !names.includes(f));
  if (unknown.length) return { unknown };
  const online = names.map((nm) => !failed.includes(nm));
  const qs = sim.quorumOf(online);
  const r = sim.scenario(online);
  const fencing = qs.quorate ? sim.facts.nodes.filter((nd) => !online[nd.index]).map((nd) => ({ victim: nd.name, timeline: failoverTimeline(sim.facts, nd) })) : [];
  const services = sim.baseline.map((before, i) => {
    const after: ServiceView = r.quorate ? sim.view(r.services[i]!, i) : { service: sim.pm.services[i]!.fact.name, state: 'stopped', owners: [], reason: 'the survivors are not quorate: rgmanager stops every service and fenced fences nobody' };
    const beforeNames = before.owners.map((o) => names[o]!);
    return { ...after, before: beforeNames, moved: after.state === 'started' && after.owners.join() !== beforeNames.join() };
  });
  return { failed: names.filter((nm) => failed.includes(nm)), quorum: qs, fencing, services };
}

