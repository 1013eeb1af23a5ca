// The fuzzing loop: seeded inputs (a seed file, one to four mutations, now and then damaged
// bytes) sent to one weighted target each, every failure counted, the first of each kind kept
// and minimized by delta debugging while the same failure holds. Case i of seed S is always the
// same input and the same positions, so `--seed S --case i` replays it.

import { createHash } from 'node:crypto';
import { int, type Kind, mutate, mutateBytes, prng, type Seed, tokens } from './mutate.ts';
import { type Context, type Deployed, deployedFrom, encode, type Failure, type Input, type Invariant, runTarget, TARGETS } from './targets.ts';

export interface Case {
  index: number;
  seed: Seed;
  steps: string[];
  input: Input;
  target: string;
  /** Seeds the target's positions. */
  positions: number;
}

export interface Finding {
  failure: Failure;
  kase: Case;
  /** The minimized text (absent when not minimized). */
  minimized?: string;
  /** How many inputs failed the same way. */
  count: number;
}

export interface Report {
  inputs: number;
  elapsedMs: number;
  /** Of which minimizing findings (the loop waits meanwhile). */
  minimizingMs: number;
  perTarget: Map<string, { inputs: number; ms: number }>;
  perInvariant: Map<Invariant, number>;
  /** Slow calls: the call and its time, the slowest first. */
  slowCalls: { call: string; ms: number }[];
  findings: Finding[];
  skipped: string[];
}

export interface FuzzOptions {
  seed: number;
  seeds: readonly Seed[];
  /** Stop after this long… */
  budgetMs?: number;
  /** …or this many inputs, whichever comes first. */
  maxInputs?: number;
  /** A call over this is a `slow` failure (1000 ms). */
  slowMs?: number;
  /** Minimize each new finding (off in the test: it reports the case to replay instead). */
  minimize?: boolean;
  onProgress?: (r: Report) => void;
  progressEveryMs?: number;
}

/** Case i of run seed s: its own PRNG, independent of every other case. */
function caseRandom(seed: number, index: number) {
  return prng(Math.imul(seed ^ 0x5bd1e995, 0x9e3779b1) ^ Math.imul(index + 1, 0x85ebca6b));
}

/** The examples and the real corpus: whole clusters, where most of the code past the parser runs. */
const richSeeds = new WeakMap<readonly Seed[], Seed[]>();
function rich(seeds: readonly Seed[]): Seed[] {
  let list = richSeeds.get(seeds);
  if (!list) { list = seeds.filter((s) => s.name.startsWith('examples/') || /corpus\/cluster\.conf\/\d+\.conf$/.test(s.name)); richSeeds.set(seeds, list); }
  return list;
}

export function makeCase(seed: number, index: number, seeds: readonly Seed[]): Case {
  const r = caseRandom(seed, index);
  const whole = rich(seeds);
  const base = whole.length && r() < 0.3 ? whole[int(r, whole.length)]! : seeds[int(r, seeds.length)]!;
  const { text, steps } = mutate(base, r, seeds);
  let bytes = encode(text);
  if (r() < 0.08) { bytes = mutateBytes(bytes, r); steps.push('bytes'); }
  const targets = TARGETS.filter((t) => t.kinds.includes(base.kind));
  const total = targets.reduce((s, t) => s + t.weight, 0);
  let x = r() * total;
  let target = targets[targets.length - 1]!.name;
  for (const t of targets) { if ((x -= t.weight) < 0) { target = t.name; break; } }
  return { index, seed: base, steps, input: { kind: base.kind, text, bytes }, target, positions: Math.floor(r() * 2 ** 31) };
}

export function contextFor(positions: number, deployed: readonly Deployed[], slowMs: number): Context {
  return { r: prng(positions), deployed, slowMs };
}

/** Failures are "the same" when the invariant, the call and (for diagnostics) the rule agree. */
export function signature(f: Failure): string {
  const what = f.invariant === 'internal' ? f.detail.split(':')[0] : f.invariant === 'exception' ? f.detail.replace(/\d+/g, 'N').slice(0, 80) : '';
  return `${f.invariant}|${f.target}|${f.call}|${what}`;
}

export function deployedOf(seeds: readonly Seed[]): Deployed[] {
  return deployedFrom(seeds.filter((s) => s.kind === 'cluster-conf').map((s) => s.text));
}

/** Every target once on a few seeds: the first-call costs (prettier, ajv, the catalogue) are paid before timing counts. */
async function warmUp(seeds: readonly Seed[], deployed: readonly Deployed[]): Promise<void> {
  const byKind = new Map<Kind, Seed[]>();
  for (const s of seeds) byKind.set(s.kind, [...(byKind.get(s.kind) ?? []), s]);
  for (const [kind, list] of byKind) {
    for (const s of list.slice(0, 3)) {
      for (const t of TARGETS.filter((x) => x.kinds.includes(kind))) await runTarget(t.name, { kind, text: s.text, bytes: encode(s.text) }, contextFor(1, deployed, Infinity));
    }
  }
}

export async function fuzz(options: FuzzOptions): Promise<Report> {
  const slowMs = options.slowMs ?? 1000;
  const deployed = deployedOf(options.seeds);
  await warmUp(options.seeds, deployed);
  const report: Report = { inputs: 0, elapsedMs: 0, minimizingMs: 0, perTarget: new Map(), perInvariant: new Map(), slowCalls: [], findings: [], skipped: [] };
  const bySignature = new Map<string, Finding>();
  const started = performance.now();
  let lastProgress = started;
  for (let i = 0; ; i++) {
    const now = performance.now();
    if (options.maxInputs !== undefined && i >= options.maxInputs) break;
    if (options.budgetMs !== undefined && now - started >= options.budgetMs) break;
    const kase = makeCase(options.seed, i, options.seeds);
    const t0 = performance.now();
    const probe = await runTarget(kase.target, kase.input, contextFor(kase.positions, deployed, slowMs));
    const stat = report.perTarget.get(kase.target) ?? { inputs: 0, ms: 0 };
    stat.inputs++;
    stat.ms += performance.now() - t0;
    report.perTarget.set(kase.target, stat);
    report.inputs++;
    report.slowCalls.push(...probe.slow);
    for (const f of probe.failures) {
      report.perInvariant.set(f.invariant, (report.perInvariant.get(f.invariant) ?? 0) + 1);
      const sig = signature(f);
      const known = bySignature.get(sig);
      if (known) { known.count++; continue; }
      const finding: Finding = { failure: f, kase, count: 1 };
      bySignature.set(sig, finding);
      report.findings.push(finding);
      // Minimizing takes at most a sixth of the run (a minute at least): the rest is written as found.
      const allowance = Math.max(60_000, (options.budgetMs ?? 0) / 6) - report.minimizingMs;
      if (options.minimize && allowance > 0) {
        const m0 = performance.now();
        const m = await minimize(kase, f, deployed, slowMs, Math.min(allowance, f.invariant === 'slow' ? 30_000 : 20_000));
        report.minimizingMs += performance.now() - m0;
        if (m !== undefined) finding.minimized = m;
      }
    }
    if (options.onProgress && performance.now() - lastProgress >= (options.progressEveryMs ?? 10_000)) {
      lastProgress = performance.now();
      report.elapsedMs = lastProgress - started;
      options.onProgress(report);
    }
  }
  report.elapsedMs = performance.now() - started;
  report.slowCalls.sort((a, b) => b.ms - a.ms);
  return report;
}

/** True when the target still fails the same way on `text`. */
export async function stillFails(kase: Case, failure: Failure, text: string, deployed: readonly Deployed[], slowMs: number): Promise<boolean> {
  const probe = await runTarget(kase.target, { kind: kase.input.kind, text, bytes: encode(text) }, contextFor(kase.positions, deployed, slowMs));
  const sig = signature(failure);
  return probe.failures.some((f) => signature(f) === sig);
}

/** Minimizes a finding's input while the same failure holds (undefined: its text alone does not fail). */
export async function minimize(kase: Case, failure: Failure, deployed: readonly Deployed[], slowMs: number, budgetMs = failure.invariant === 'slow' ? 30_000 : 20_000): Promise<string | undefined> {
  // A finding on damaged bytes is minimized only if its text alone fails the same way.
  if (!(await stillFails(kase, failure, kase.input.text, deployed, slowMs))) return undefined;
  return minimizeText(kase.input.text, kase.input.kind, (t) => stillFails(kase, failure, t, deployed, slowMs), budgetMs);
}

/**
 * Delta debugging (ddmin's complement step): remove chunks of lines, then of tokens, then of
 * characters, halving the chunk while nothing can go, as long as `fails` holds.
 */
export async function minimizeText(text: string, kind: Kind, fails: (t: string) => Promise<boolean> | boolean, budgetMs: number): Promise<string> {
  const deadline = performance.now() + budgetMs;
  let best = text;
  const units: ((t: string) => { start: number; end: number }[])[] = [
    (t) => lineUnits(t),
    (t) => tokens(kind, t),
    (t) => Array.from({ length: t.length }, (_, i) => ({ start: i, end: i + 1 })),
  ];
  for (const split of units) {
    let parts = split(best);
    let chunk = Math.max(1, Math.floor(parts.length / 2));
    while (chunk >= 1 && parts.length > 0 && performance.now() < deadline) {
      let removed = false;
      for (let at = parts.length - chunk; at > -chunk && performance.now() < deadline; at -= chunk) {
        const first = Math.max(0, at);
        const from = parts[first]!.start, to = parts[Math.min(parts.length, at + chunk) - 1]!.end;
        const candidate = best.slice(0, from) + best.slice(to);
        if (await fails(candidate)) { best = candidate; removed = true; parts = split(best); at = Math.min(at, parts.length); }
      }
      chunk = removed ? Math.min(chunk, Math.max(1, Math.floor(parts.length / 2))) : Math.floor(chunk / 2);
    }
  }
  return best;
}

function lineUnits(t: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  let start = 0;
  for (let i = 0; i < t.length; i++) if (t[i] === '\n') { out.push({ start, end: i + 1 }); start = i + 1; }
  if (start < t.length) out.push({ start, end: t.length });
  return out;
}

export function findingName(f: Finding): string {
  const text = f.minimized ?? f.kase.input.text;
  const hash = createHash('sha256').update(signature(f.failure)).update(text).digest('hex').slice(0, 10);
  const ext = f.kase.input.kind === 'cluster' ? 'cluster' : f.kase.input.kind === 'fence-virt-conf' ? 'fence_virt.conf' : 'conf';
  return `${f.failure.invariant}-${hash}.${ext}`;
}
