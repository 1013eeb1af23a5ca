// The catalogue of cluster.conf elements, rgmanager resource agents and RHEL 6 fence agents,
// plus small lookup helpers. The data is generated (scripts/gen-catalogue.ts → catalogue.json)
// and checked against catalogue.schema.json by the generator and the tests; this module does no
// I/O and no validation.

import data from './catalogue.json' with { type: 'json' };
import type {
  AttributeSpec,
  BoolReading,
  Catalogue,
  IntReading,
  ValueType,
  ElementSpec,
  FenceAgentSpec,
  FencingSpec,
  ResourceAgentSpec,
} from './types.ts';

export type * from './types.ts';

export const catalogue: Catalogue = data as unknown as Catalogue;

const own = <T>(record: Record<string, T>, key: string): T | undefined =>
  Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;

/** The resource agent (rule) whose type name is exactly `name` (`fs`, `db2.sh`, `SAPInstance`). */
export function resourceAgent(name: string): ResourceAgentSpec | undefined {
  return own(catalogue.resourceAgents, name);
}

const resourceAgentsByLowerName = new Map<string, ResourceAgentSpec>();
for (const key of Object.keys(catalogue.resourceAgents).sort()) {
  const lower = key.toLowerCase();
  if (!resourceAgentsByLowerName.has(lower)) resourceAgentsByLowerName.set(lower, catalogue.resourceAgents[key]!);
}

/**
 * The resource agent whose type name equals `name` ignoring case: rgmanager matches element
 * names to rule types case-insensitively when it loads untyped children (build_tree pass 2),
 * so `<IP>` still becomes an ip resource (domain-facts §7.3, Corrections 3).
 */
export function resourceAgentCaseInsensitive(name: string): ResourceAgentSpec | undefined {
  return resourceAgent(name) ?? resourceAgentsByLowerName.get(name.toLowerCase());
}

/** The RHEL 6 fence agent called `name` (`fence_ipmilan`). */
export function fenceAgent(name: string): FenceAgentSpec | undefined {
  return own(catalogue.fenceAgents, name);
}

/**
 * What the fence agent called `name` does to its victim (power, fabric, observe, delegate,
 * manual, none), for the agents of the catalogue and the known ones shipped elsewhere
 * (fence_pcmk, fence_passive_nic, fence_manual, …); undefined for an agent Quorate does not know.
 */
export function fencingOf(name: string): FencingSpec | undefined {
  return own(catalogue.fencing, name);
}

/** The core (non-agent) cluster.conf element called `name` (`cman`, `totem`, `clusternode`). */
export function element(name: string): ElementSpec | undefined {
  return own(catalogue.elements, name);
}

/** How the agent reads a boolean of type `t`, when the agent (not cman or rgmanager) reads it. */
export function boolReading(t: ValueType): BoolReading | undefined {
  return t.kind === 'boolean' && t.reading !== undefined ? own(catalogue.readings.booleans, t.reading) : undefined;
}

/** How the agent converts an integer or duration of type `t`, when the catalogue knows it. */
export function intReading(t: ValueType): IntReading | undefined {
  return (t.kind === 'integer' || t.kind === 'duration') && t.reading !== undefined ? own(catalogue.readings.integers, t.reading) : undefined;
}

/** What the agent makes of one spelling: on, off, refused, or nothing (it never reads it). */
export type AgentBoolean = 'on' | 'off' | 'error' | 'unread';

export function readBoolean(r: BoolReading, value: string): AgentBoolean {
  if (r.otherwise === 'unread') return 'unread';
  const v = r.caseInsensitive ? value.toLowerCase() : value;
  if (r.on.includes(v)) return 'on';
  if (r.off.includes(v)) return 'off';
  return r.otherwise;
}

/** Why the agent reads a spelling as `read`, as a clause after its name ("fs-lib.sh only accepts "1" as on"). */
export function describeReading(r: BoolReading, read: 'on' | 'off'): string {
  const q = (xs: readonly string[]) => xs.map((x) => `"${x}"`).join(', ');
  const ci = r.caseInsensitive ? ' (in any case)' : '';
  if (r.otherwise === 'on' && r.off.length === 0) return `${r.reader} never turns it off: a value other than ${q(r.on)}${ci} leaves the default, which is on`;
  if (r.otherwise === read) return read === 'off' ? `${r.reader} only accepts ${q(r.on)}${ci} as on` : `${r.reader} turns it off only for ${q(r.off)}${ci}`;
  return `${r.reader} reads ${q(read === 'on' ? r.on : r.off)}${ci} as ${read}`;
}

/**
 * What a spelling says to a person: `yes`, `on`, `true`, `1` (any case) say on; `no`, `off`,
 * `false`, `0` say off; anything else says nothing.
 */
export function wordMeaning(value: string): 'on' | 'off' | undefined {
  const v = value.trim().toLowerCase();
  if (/^(yes|on|true|1|y|enable|enabled)$/.test(v)) return 'on';
  if (/^(no|off|false|0|n|disable|disabled)$/.test(v)) return 'off';
  return undefined;
}

/**
 * The cluster.conf spelling of `true`/`false` for a boolean of type `t`: the encoding's own
 * spelling (1/0, yes/no, on/off) when the agent reads it as meant, else the first spelling the
 * agent reads that way; undefined when the agent has no spelling for it (a fencing.py option
 * whose default is 1 cannot be turned off from cluster.conf).
 */
export function booleanSpelling(t: ValueType & { kind: 'boolean' }, on: boolean): string | undefined {
  const [yes, no] = t.encoding.split('/') as [string, string];
  const spelled = on ? yes : no;
  const r = boolReading(t);
  if (!r) return spelled;
  const want = on ? 'on' : 'off';
  const got = readBoolean(r, spelled);
  if (got === want || got === 'unread') return spelled;
  return (on ? r.on : r.off)[0];
}

/**
 * The integer the agent gets from `value`, or undefined when its conversion fails: python
 * `int()` and the shell's `[ -gt ]` take an optionally signed decimal with blanks around;
 * bash arithmetic the same here (Quorate does not evaluate expressions); C `atoi` and perl take
 * the leading digits (so never fail; no digits is 0); `text` (a command-line argument) digits only.
 */
export function readInteger(r: IntReading, value: string): number | undefined {
  switch (r.conversion) {
    case 'python-int':
    case 'shell-test':
    case 'bash-arith':
      return /^\s*[+-]?[0-9]+\s*$/.test(value) ? Number(value.trim()) : undefined;
    case 'atoi':
    case 'perl-number': {
      const m = /^\s*([+-]?[0-9]*)/.exec(value);
      const n = Number(m?.[1] || '0');
      return Number.isFinite(n) ? n : 0;
    }
    case 'text':
      return /^[0-9]+$/.test(value) ? Number(value) : undefined;
  }
}

/**
 * A cluster.conf value as the .cluster language writes it: a duration in its largest whole
 * unit (`6` seconds is `6s`, `10000` ms is `10s`), a boolean as `true`/`false` (as the agent or
 * daemon reads it), a string quoted. For hover and completion, which show defaults in the
 * language's own units. Undefined when the language has no spelling for it.
 */
export function sourceSpelling(t: ValueType, xml: string): string | undefined {
  switch (t.kind) {
    case 'duration': {
      if (!/^(0|[1-9][0-9]*)$/.test(xml)) return undefined;
      const n = Number(xml);
      const ms = t.unit === 'ms' ? n : n * 1000;
      if (ms === 0) return '0s';
      for (const [unit, size] of [['h', 3_600_000], ['m', 60_000], ['s', 1000]] as const) if (ms % size === 0) return `${ms / size}${unit}`;
      return `${ms}ms`;
    }
    case 'boolean': {
      const r = boolReading(t);
      const [yes, no] = t.encoding.split('/');
      if (r && r.otherwise !== 'unread') {
        const read = readBoolean(r, xml);
        return read === 'on' ? 'true' : read === 'off' ? 'false' : undefined;
      }
      // The daemons' own flags: the encoding's words, else C atoi (a number, non-zero is on).
      if (xml === yes) return 'true';
      if (xml === no) return 'false';
      const word = wordMeaning(xml);
      if (t.encoding !== '1/0') return word === 'on' ? 'true' : word === 'off' ? 'false' : undefined;
      return /^\s*[+-]?[0-9]+/.test(xml) ? (parseInt(xml, 10) !== 0 ? 'true' : 'false') : 'false';
    }
    case 'integer':
      return /^-?[0-9]+$/.test(xml) ? xml : undefined;
    case 'enum':
      return /^[A-Za-z_][A-Za-z0-9_-]*$/.test(xml) ? xml : JSON.stringify(xml);
    case 'string':
      return JSON.stringify(xml);
  }
}

/** The attribute / parameter called `name` of an element, a resource agent or a fence agent. */
export function attributeOf(
  spec: ElementSpec | ResourceAgentSpec | FenceAgentSpec | readonly AttributeSpec[],
  name: string,
): AttributeSpec | undefined {
  const list: readonly AttributeSpec[] = Array.isArray(spec)
    ? spec
    : 'attributes' in spec
      ? (spec as ElementSpec).attributes
      : (spec as ResourceAgentSpec | FenceAgentSpec).parameters;
  return list.find((a) => a.name === name);
}

/**
 * Damerau-Levenshtein distance (optimal string alignment: insertions, deletions,
 * substitutions and transpositions of adjacent characters all cost 1).
 */
export function editDistance(a: string, b: string): number {
  const n = a.length;
  const m = b.length;
  if (n === 0) return m;
  if (m === 0) return n;
  // Three rolling rows: i-2, i-1, i.
  let prev2 = new Array<number>(m + 1).fill(0);
  let prev = Array.from({ length: m + 1 }, (_, j) => j);
  let cur = new Array<number>(m + 1).fill(0);
  for (let i = 1; i <= n; i++) {
    cur[0] = i;
    for (let j = 1; j <= m; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2]! + 1);
      cur[j] = d;
    }
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[m]!;
}

/**
 * "Did you mean …?": the candidate closest to `name` by Damerau-Levenshtein distance, if that
 * distance is at most max(1, floor(len/3)) (len = the length of `name`). Case differences are
 * compared first without case (so `IP` finds `ip`); ties go to the smaller case-sensitive
 * distance, then to the code-point-smaller candidate, so the answer never depends on the order
 * of `candidates`.
 */
export function suggest(name: string, candidates: Iterable<string>): string | undefined {
  const limit = Math.max(1, Math.floor(name.length / 3));
  const lower = name.toLowerCase();
  let best: { c: string; d: number; exact: number; prefix: number } | undefined;
  for (const c of candidates) {
    const d = editDistance(lower, c.toLowerCase());
    if (d > limit) continue;
    const exact = editDistance(name, c);
    // A truncated name (`fence_ipmi`) most likely means the candidate it starts (`fence_ipmilan`).
    const prefix = lower.length >= 3 && c.toLowerCase().startsWith(lower) ? 0 : 1;
    if (
      !best ||
      prefix < best.prefix ||
      (prefix === best.prefix && (d < best.d || (d === best.d && (exact < best.exact || (exact === best.exact && c < best.c)))))
    ) {
      best = { c, d, exact, prefix };
    }
  }
  return best?.c;
}
