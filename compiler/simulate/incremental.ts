// Placement over many failure sets of one cluster that started with every node up (the
// exhaustive simulation). For every failure set it gives exactly what
// `place(model, online, baseline)` gives; the rules themselves stay in placement.ts (`startOn`,
// `score`): this file only decides what has to be recomputed, and how often.
//
// What it relies on, all properties of `place` without dependencies (`depend=`):
// * a service whose every previous owner survives stays, and such services occupy their nodes
//   before anything is placed; so a service is pending exactly when its placement class
//   (domain, previous state, previous owners) has a failed owner or was not started;
// * a non-exclusive service's placement depends on its class, the surviving nodes and the nodes
//   surely running an exclusive service — never on the other busy nodes; only exclusive services
//   change that set, so between two exclusive services (a *segment* of the configuration order)
//   every service of one class lands alike in every failure set: one *unit*, placed once;
// * an exclusive service's placement depends on its class, the surviving nodes, and which nodes
//   are busy or exclusively busy; both sets only grow while a failure set is placed, so their
//   version counters identify them, and consecutive exclusive services of one class that see the
//   same versions land alike.
// With dependencies the order of evaluation changes (a dependency is placed first), so the
// simulator then places every service with `place`. A test compares both on every failure set.

import { type DomainState, placementClasses, type PlacementModel, type ServicePlacement, startOn } from './placement.ts';

export interface PlacementUnit {
  /** The services that always land alike, in configuration order. */
  services: number[];
  exclusive: boolean;
  /** Placement class (domain, previous state, previous owners). */
  cls: number;
}

interface ClassInfo {
  /** Previous owners (every node up). */
  owners: number[];
  started: boolean;
}

export class IncrementalPlacement {
  readonly units: PlacementUnit[] = [];
  /** The unit of each service; -1 = disabled (never placed again). */
  readonly unitOf: number[];
  /** Placement of each unit in the last failure set; undefined = it stays where it ran. */
  readonly result: (ServicePlacement | undefined)[];
  /** Whether each unit was started before the failure (only those can be reported as down). */
  readonly wasStarted: boolean[];

  /** What one `run` walks besides the placements: every unit, and every previous owner of every class (the simulator's work count). */
  readonly walk: number;

  private readonly m: PlacementModel;
  private readonly baseline: ServicePlacement[];
  private readonly classes: ClassInfo[];
  private readonly singleOwnerOn: boolean[];
  private readonly exclusiveOn: boolean[];
  // Per-failure-set state, reused.
  private readonly busy: number[];
  private readonly exclusiveBusy: boolean[];
  private readonly pending: boolean[];
  private readonly survivors: (number[] | undefined)[];
  private readonly classResult: (ServicePlacement | undefined)[];
  private readonly classVersion: number[];
  private readonly exclusiveMemo: { stamp: number; busyVersion: number; exclusiveVersion: number; p?: ServicePlacement }[];
  private stamp = 0;

  /** Whether this placement gives what `place` gives for this model (no dependencies). */
  static applies(m: PlacementModel): boolean {
    return m.services.every((s) => s.dependsOn < 0);
  }

  constructor(m: PlacementModel, baseline: ServicePlacement[]) {
    this.m = m;
    this.baseline = baseline;
    const n = m.nodeNames.length;
    const of = placementClasses(m, baseline).of;
    this.classes = [];
    this.singleOwnerOn = new Array<boolean>(n).fill(false);
    this.exclusiveOn = new Array<boolean>(n).fill(false);
    this.unitOf = new Array<number>(m.services.length).fill(-1);
    let segment = new Map<number, number>();
    m.services.forEach((s, i) => {
      const prev = baseline[i]!;
      if (prev.state === 'disabled') return;
      const cls = of[i]!;
      this.classes[cls] ??= { owners: prev.owners, started: prev.state === 'started' };
      if (prev.state === 'started' && prev.owners.length === 1) {
        this.singleOwnerOn[prev.owners[0]!] = true;
        if (s.fact.exclusive) this.exclusiveOn[prev.owners[0]!] = true;
      }
      if (s.fact.exclusive) {
        this.unitOf[i] = this.units.push({ services: [i], exclusive: true, cls }) - 1;
        segment = new Map();
        return;
      }
      let u = segment.get(cls);
      if (u === undefined) segment.set(cls, (u = this.units.push({ services: [], exclusive: false, cls }) - 1));
      this.units[u]!.services.push(i);
      this.unitOf[i] = u;
    });
    this.result = new Array(this.units.length);
    this.wasStarted = this.units.map((u) => this.classes[u.cls]!.started);
    this.busy = new Array<number>(n).fill(0);
    this.exclusiveBusy = new Array<boolean>(n).fill(false);
    const classCount = this.classes.length;
    this.pending = new Array<boolean>(classCount).fill(false);
    this.survivors = new Array(classCount);
    this.classResult = new Array(classCount);
    this.classVersion = new Array<number>(classCount).fill(-1);
    this.walk = this.units.length + this.classes.reduce((sum, c) => sum + (c ? c.owners.length + 1 : 0), 0);
    this.exclusiveMemo = Array.from({ length: classCount }, () => ({ stamp: -1, busyVersion: -1, exclusiveVersion: -1 }));
  }

  /** Places every unit with the nodes of `online` up; read the outcome from `result`. */
  run(online: boolean[]): void {
    const { m, busy, exclusiveBusy, pending, survivors, classes, result } = this;
    const stamp = ++this.stamp;
    for (let node = 0; node < busy.length; node++) {
      busy[node] = online[node] && this.singleOwnerOn[node] ? 1 : 0;
      exclusiveBusy[node] = online[node]! && this.exclusiveOn[node]!;
    }
    for (let c = 0; c < classes.length; c++) {
      const info = classes[c];
      if (!info) continue;
      let lost = !info.started;
      for (let k = 0; !lost && k < info.owners.length; k++) if (!online[info.owners[k]!]) lost = true;
      pending[c] = lost;
      survivors[c] = undefined;
      this.classVersion[c] = -1;
    }
    const states: DomainState[] = new Array(m.domains.length);
    const survivorsOf = (c: number) => (survivors[c] ??= classes[c]!.started ? classes[c]!.owners.filter((o) => online[o]) : []);
    let busyVersion = 0;
    let exclusiveVersion = 0;
    for (let u = 0; u < this.units.length; u++) {
      const unit = this.units[u]!;
      const c = unit.cls;
      if (!pending[c]) {
        result[u] = undefined;
        continue;
      }
      let p: ServicePlacement;
      if (!unit.exclusive) {
        if (this.classVersion[c] !== exclusiveVersion) {
          this.classResult[c] = startOn(m, unit.services[0]!, online, busy, exclusiveBusy, survivorsOf(c), states);
          this.classVersion[c] = exclusiveVersion;
        }
        p = this.classResult[c]!;
      } else {
        // Keyed by the exclusive-busy version too, so that the memo does not lean on an
        // exclusive-busy node also counting as busy.
        const memo = this.exclusiveMemo[c]!;
        if (memo.stamp !== stamp || memo.busyVersion !== busyVersion || memo.exclusiveVersion !== exclusiveVersion) {
          memo.p = startOn(m, unit.services[0]!, online, busy, exclusiveBusy, survivorsOf(c), states);
          memo.stamp = stamp;
          memo.busyVersion = busyVersion;
          memo.exclusiveVersion = exclusiveVersion;
        }
        p = memo.p!;
      }
      result[u] = p;
      if (p.state === 'started' && p.owners.length === 1) {
        const o = p.owners[0]!;
        if (!busy[o]) {
          busy[o] = 1;
          busyVersion++;
        }
        if (unit.exclusive && !exclusiveBusy[o]) {
          exclusiveBusy[o] = true;
          exclusiveVersion++;
        }
      }
    }
  }

  /** Every service's placement in the last failure set, as `place` returns it. */
  placements(): ServicePlacement[] {
    return this.unitOf.map((u, i) => (u < 0 ? this.baseline[i]! : (this.result[u] ?? this.baseline[i]!)));
  }
}

