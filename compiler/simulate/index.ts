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
  method: { kind: 'exhaustive'; scenarios: number } | { kind: 'sampled'; scenarios: number; seed: number; description: string };
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

  quorumOf(online: boolean[]): { votes: number; quorum: number; quorate: boolean } {
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

/** The failure sets to examine, as lists of node indices. */
function* failureSets(n: number): Generator<number[]> {
  if (n <= EXHAUSTIVE_LIMIT) {
    for (let mask = 1; mask < 1 << n; mask++) {
      const set: number[] = [];
      for (let i = 0; i < n; i++) if (mask & (1 << i)) set.push(i);
      yield set;
    }
    return;
  }
  for (let i = 0; i < n; i++) yield [i];
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) yield [i, j];
  const rnd = mulberry32(SAMPLE_SEED);
  const idx = [...Array(n).keys()];
  for (let s = 0; s < SAMPLE_SIZE; s++) {
    const k = 3 + Math.floor(rnd() * (n - 3));
    for (let i = 0; i < k; i++) {
      const j = i + Math.floor(rnd() * (n - i));
      [idx[i], idx[j]] = [idx[j]!, idx[i]!];
    }
    yield idx.slice(0, k).sort((a, b) => a - b);
  }
}

function scenarioCount(n: number): number {
  return n <= EXHAUSTIVE_LIMIT ? 2 ** n - 1 : n + (n * (n - 1)) / 2 + SAMPLE_SIZE;
}

/**
 * The findings of every failure set, placing every service with `place` in each: the reference
 * (and the path for dependencies, which `IncrementalPlacement` does not model). In the order
 * they are first met (failure sets in enumeration order, services in configuration order).
 */
function findingsPerService(sim: Sim, total: number, options: SimulateOptions): Finding[] {
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
  for (const set of failureSets(n)) {
    online.fill(true);
    for (const i of set) online[i] = false;
    const r = sim.scenario(online);
    if (!r.quorate) note('quorum', () => ({ kind: 'quorum-lost' }), set);
    else
      r.services.forEach((p, i) => {
        if (p.state !== 'stopped' || sim.baseline[i]!.state !== 'started') return;
        const name = sim.pm.services[i]!.fact.name;
        if (p.exclusiveConflict) note(`excl:${i}`, () => ({ kind: 'exclusive-conflict', service: name, reason: p.reason! }), set);
        else note(`down:${i}`, () => ({ kind: 'service-down', service: name, reason: p.reason! }), set);
      });
    if (++done % 4096 === 0) options.onProgress?.(done, total);
  }
  options.onProgress?.(done, total);
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
function findingsByUnit(sim: Sim, total: number, options: SimulateOptions): Finding[] {
  const n = sim.facts.nodes.length;
  const names = sim.pm.nodeNames;
  const inc = new IncrementalPlacement(sim.pm, sim.baseline);
  const units = inc.units.length;
  // Two tallies per unit: service-down, exclusive-conflict.
  const tallies: (Tally | undefined)[] = new Array(units * 2);
  let quorum: Tally | undefined;
  let done = 0;
  const online = new Array<boolean>(n);
  for (const set of failureSets(n)) {
    online.fill(true);
    for (const i of set) online[i] = false;
    if (!sim.quorumOf(online).quorate) quorum = tally(quorum, 'quorum-lost', undefined, set, done);
    else {
      inc.run(online);
      for (let u = 0; u < units; u++) {
        const p = inc.result[u];
        if (!p || p.state !== 'stopped' || !inc.wasStarted[u]) continue;
        const slot = 2 * u + (p.exclusiveConflict ? 1 : 0);
        tallies[slot] = tally(tallies[slot], p.exclusiveConflict ? 'exclusive-conflict' : 'service-down', p.reason!, set, done);
      }
    }
    if (++done % 4096 === 0) options.onProgress?.(done, total);
  }
  options.onProgress?.(done, total);
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
  const total = scenarioCount(n);
  const found = options.perService !== true && IncrementalPlacement.applies(sim.pm) ? findingsByUnit(sim, total, options) : findingsPerService(sim, total, options);
  const order = { 'quorum-lost': 0, 'service-down': 1, 'exclusive-conflict': 2 };
  const list = found.sort((a, b) => a.minFailures - b.minFailures || order[a.kind] - order[b.kind] || (a.service ?? '').localeCompare(b.service ?? ''));
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
    method:
      n <= EXHAUSTIVE_LIMIT
        ? { kind: 'exhaustive', scenarios: total }
        : {
            kind: 'sampled',
            scenarios: total,
            seed: SAMPLE_SEED,
            description: `every single and double failure, plus ${SAMPLE_SIZE} random failure sets (size uniform in 3..${n - 1}, nodes uniform; mulberry32, seed ${SAMPLE_SEED})`,
          },
    findings: list,
  };
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

