// Typed values: what a written value means for one attribute, and the string cluster.conf gets.
// Booleans are true/false and come out as a spelling the program that reads the attribute reads
// as meant: cman's and rgmanager's own encoding (1/0, yes/no, on/off — autostart="yes" means
// *off* on RHEL 6), or, for an agent's parameter, one its script accepts (the catalogue's
// readings: fs-lib.sh takes quick_status="1" only). Durations carry units and come out in the
// attribute's unit (ms for totem, s for fenced, qdiskd and the agents).

import type { Diagnostic, Span } from '../diagnostics.ts';
import type { AttributeSpec, ValueType } from '../catalogue/types.ts';
import type { Value } from '../../grammar/syntax.ts';
import { boolReading, booleanSpelling, intReading, readBoolean, suggest, wordMeaning } from '../catalogue/index.ts';

/** Reads what cannot be in the source: secrets from the environment or from files. */
export interface SecretHost {
  env(name: string): string | undefined;
  readFile(path: string): string | undefined;
}

export interface ValueContext {
  diagnostics: Diagnostic[];
  /** Absent in the editor: secrets are then checked but not read. */
  secrets?: SecretHost;
}

const UNIT_MS: ReadonlyMap<string, number> = new Map([['ms', 1], ['s', 1000], ['m', 60_000], ['h', 3_600_000], ['d', 86_400_000]]);

/** Parses `10s`, `500ms`, `1h30m` into milliseconds; undefined if it is not a duration. */
export function parseDuration(raw: string): { ms: number } | { badUnit: string } | undefined {
  if (!/^[0-9]/.test(raw)) return undefined;
  if (/^[0-9]+$/.test(raw)) return undefined;
  let ms = 0;
  const re = /([0-9]+)([A-Za-z]*)/gy;
  let m: RegExpExecArray | null;
  let pos = 0;
  while ((m = re.exec(raw))) {
    const factor = UNIT_MS.get(m[2]);
    if (factor === undefined) return { badUnit: m[2] || raw.slice(pos) };
    ms += Number(m[1]) * factor;
    pos = re.lastIndex;
  }
  if (pos !== raw.length) return { badUnit: raw.slice(pos) };
  return { ms };
}

export function describeType(t: ValueType): string {
  switch (t.kind) {
    case 'string':
      return 'a string';
    case 'integer':
      return t.min !== undefined && t.max !== undefined ? `an integer from ${t.min} to ${t.max}` : t.min !== undefined ? `an integer ≥ ${t.min}` : 'an integer';
    case 'duration':
      if (t.bare) return `a duration (e.g. 15s or 2m; a bare number is ${t.unit === 'ms' ? 'milliseconds' : 'seconds'})`;
      return `a duration with a unit (e.g. ${t.unit === 'ms' ? '10s or 500ms' : '20s or 2m'})`;
    case 'boolean':
      return '`true` or `false`';
    case 'enum':
      return `one of ${t.values.map((v) => '`' + v + '`').join(', ')}`;
  }
}

function describeValue(v: Value): string {
  switch (v.type) {
    case 'string':
      return `the string ${JSON.stringify(v.value)}`;
    case 'number':
      return `\`${v.raw}\``;
    case 'ident':
      return `\`${v.name}\``;
    case 'list':
      return 'a list';
    case 'call':
      return `\`${v.callee.text}(…)\``;
  }
}

/**
 * Converts a written value to its cluster.conf string for `spec`, or reports why it cannot.
 * Returns undefined when the value is unusable (a diagnostic has been added).
 */
export function convertValue(spec: AttributeSpec, v: Value, ctx: ValueContext, label = spec.name): string | undefined {
  const t = spec.type;
  const mismatch = (extra = ''): undefined => {
    ctx.diagnostics.push({
      rule: 'type/mismatch',
      severity: 'error',
      message: `\`${label}\` must be ${describeType(t)}, not ${describeValue(v)}${extra}`,
      span: v.span,
    });
    return undefined;
  };

  if (v.type === 'call') return convertCall(spec, v, ctx, label);
  if (v.type === 'list') return mismatch();

  switch (t.kind) {
    case 'string': {
      if (spec.secret && v.type === 'string') {
        ctx.diagnostics.push({
          rule: 'secret/inline',
          severity: 'warning',
          message: `\`${label}\` is a secret written inline; read it with env("NAME") or file("PATH") instead, or use a *_script parameter`,
          span: v.span,
        });
      }
      if (v.type === 'string') return v.value;
      if (v.type === 'number') return v.raw;
      return v.name;
    }
    case 'integer': {
      if (v.type === 'string' && /^-?[0-9]+$/.test(v.value)) {
        return mismatch(` (write it without quotes: ${v.value})`);
      }
      if (v.type !== 'number') return mismatch();
      if (!/^-?[0-9]+$/.test(v.raw)) return mismatch();
      return checkRange(Number(v.raw), t.min, t.max, v.span, label, ctx) ? String(Number(v.raw)) : undefined;
    }
    case 'duration': {
      if (v.type === 'string' && t.bare && /^[0-9]+$/.test(v.value)) return mismatch(` (write it without quotes: ${v.value}s)`);
      if (v.type !== 'number') return mismatch();
      // The agent's own spelling: a bare number in its unit (fence `delay = 15`).
      if (t.bare && /^[0-9]+$/.test(v.raw)) return checkRange(Number(v.raw), t.min, t.max, v.span, label, ctx, t.unit) ? String(Number(v.raw)) : undefined;
      if (/^[0-9]+$/.test(v.raw)) {
        ctx.diagnostics.push({
          rule: 'type/duration-unit',
          severity: 'error',
          message: `\`${label}\` is a duration: write it with a unit, e.g. ${v.raw}${t.unit} (units: ms, s, m, h, d); cluster.conf takes it in ${t.unit === 'ms' ? 'milliseconds' : 'seconds'}`,
          span: v.span,
          fixes: [{ title: `Write ${v.raw}${t.unit}`, edits: [{ span: v.span, newText: `${v.raw}${t.unit}` }] }],
        });
        return undefined;
      }
      const d = parseDuration(v.raw);
      if (!d) return mismatch();
      if ('badUnit' in d) {
        const s = suggest(d.badUnit, [...UNIT_MS.keys()]);
        ctx.diagnostics.push({
          rule: 'type/duration-unit',
          severity: 'error',
          message: `unknown duration unit \`${d.badUnit}\` in \`${v.raw}\`: use ms, s, m, h or d${s ? ` (did you mean \`${s}\`?)` : ''}`,
          span: v.span,
        });
        return undefined;
      }
      const factor = t.unit === 'ms' ? 1 : 1000;
      if (d.ms % factor !== 0) {
        const r = intReading(t);
        const lower = Math.floor(d.ms / factor);
        const near = [lower, lower + 1].filter((n) => n > 0 || d.ms < factor).map((n) => `${n}s`);
        ctx.diagnostics.push({
          rule: 'type/duration-unit',
          severity: 'error',
          message: r
            ? `\`${label}\` is read by ${r.reader} as an integer number of seconds (${r.conversion === 'python-int' ? 'int()' : r.conversion}); ${v.raw} is not a whole number of seconds: write ${near.join(' or ')}`
            : `\`${label}\` is set in whole seconds in cluster.conf; ${v.raw} is not a whole number of seconds: write ${near.join(' or ')}`,
          span: v.span,
          fixes: near.map((n) => ({ title: `Write ${n}`, edits: [{ span: v.span, newText: n }] })),
        });
        return undefined;
      }
      const n = d.ms / factor;
      return checkRange(n, t.min, t.max, v.span, label, ctx, t.unit) ? String(n) : undefined;
    }
    case 'boolean': {
      const reading = boolReading(t);
      if (v.type === 'ident' && (v.name === 'true' || v.name === 'false')) {
        const on = v.name === 'true';
        const spelling = booleanSpelling(t, on);
        if (spelling !== undefined) return spelling;
        ctx.diagnostics.push({
          rule: 'type/boolean',
          severity: 'error',
          message: `\`${label}\` cannot be turned ${on ? 'on' : 'off'} from cluster.conf: ${reading?.reader ?? 'the agent'} reads every value as ${on ? 'off' : 'on'}${reading?.otherwise === 'on' && reading.off.length === 0 ? ' (a value that does not set it leaves the default, which is on)' : ''}; remove the attribute`,
          span: v.span,
        });
        return undefined;
      }
      const spelled = v.type === 'ident' ? v.name : v.type === 'string' ? v.value : v.type === 'number' ? v.raw : '';
      const word = wordMeaning(spelled);
      const meant = word === 'on' ? 'true' : word === 'off' ? 'false' : undefined;
      ctx.diagnostics.push({
        rule: 'type/boolean',
        severity: 'error',
        message: `\`${label}\` is a boolean: write \`true\` or \`false\`${meant ? ` (did you mean \`${meant}\`?)` : ''}${clusterConfNote(t, reading, label, spelled, word)}`,
        span: v.span,
        ...(meant ? { fixes: [{ title: `Write ${meant}`, edits: [{ span: v.span, newText: meant }] }] } : {}),
      });
      return undefined;
    }
    case 'enum': {
      const spelled = v.type === 'ident' ? v.name : v.type === 'string' ? v.value : v.raw;
      if (t.values.includes(spelled)) return spelled;
      const s = suggest(spelled, t.values);
      ctx.diagnostics.push({
        rule: 'type/enum',
        severity: 'error',
        message: `\`${spelled}\` is not a valid \`${label}\`: expected ${describeType(t)}${s ? ` (did you mean \`${s}\`?)` : ''}`,
        span: v.span,
        ...(s ? { fixes: [{ title: `Change to ${s}`, edits: [{ span: v.span, newText: s }] }] } : {}),
      });
      return undefined;
    }
  }
}

/**
 * What the spelling would do in cluster.conf, when that is not what its word says: the agent's
 * reading for an agent's parameter (monitor_link="off" is on: ip.sh turns it off only for no
 * and 0), C atoi for the 1/0 flags cman and rgmanager read (autostart="yes" is 0).
 */
function clusterConfNote(t: ValueType & { kind: 'boolean' }, reading: ReturnType<typeof boolReading>, label: string, spelled: string, word: 'on' | 'off' | undefined): string {
  if (!word) return '';
  if (reading) {
    const got = readBoolean(reading, spelled);
    if (got === word || got === 'unread') return '';
    return `; note that in cluster.conf ${label}="${spelled}" ${got === 'error' ? `is refused by ${reading.reader}` : `would mean *${got}* (${reading.reader})`}`;
  }
  if (t.encoding === '1/0' && /^(yes|true)$/i.test(spelled)) return `; note that in cluster.conf ${label}="${spelled}" would mean *off*`;
  return '';
}

function checkRange(n: number, min: number | undefined, max: number | undefined, span: Span, label: string, ctx: ValueContext, unit = ''): boolean {
  if ((min !== undefined && n < min) || (max !== undefined && n > max)) {
    const range = min !== undefined && max !== undefined ? `from ${min} to ${max}` : min !== undefined ? `at least ${min}` : `at most ${max}`;
    ctx.diagnostics.push({
      rule: 'type/range',
      severity: 'error',
      message: `\`${label}\` must be ${range}${unit ? ' ' + unit : ''}, not ${n}${unit}`,
      span,
    });
    return false;
  }
  return true;
}

/** `env("NAME")` and `file("PATH")`: secrets kept out of the source. */
function convertCall(spec: AttributeSpec, v: Extract<Value, { type: 'call' }>, ctx: ValueContext, label: string): string | undefined {
  const fn = v.callee.text;
  const arg = v.args[0];
  if ((fn !== 'env' && fn !== 'file') || v.args.length !== 1 || arg.type !== 'string') {
    ctx.diagnostics.push({
      rule: 'type/mismatch',
      severity: 'error',
      message: fn === 'env' || fn === 'file' ? `${fn}() takes one string: ${fn}("${fn === 'env' ? 'NAME' : '/path'}")` : `unknown function \`${fn}\`: only env("NAME") and file("PATH") exist`,
      span: v.span,
    });
    return undefined;
  }
  if (spec.type.kind !== 'string') {
    ctx.diagnostics.push({ rule: 'type/mismatch', severity: 'error', message: `\`${label}\` must be ${describeType(spec.type)}; ${fn}() gives a string`, span: v.span });
    return undefined;
  }
  if (!ctx.secrets) return `${fn}:${arg.value}`;
  const value = fn === 'env' ? ctx.secrets.env(arg.value) : ctx.secrets.readFile(arg.value);
  if (value === undefined) {
    ctx.diagnostics.push({
      rule: fn === 'env' ? 'secret/env-unset' : 'secret/file-unreadable',
      severity: 'error',
      message: fn === 'env' ? `environment variable ${arg.value} is not set (needed for \`${label}\`)` : `cannot read ${arg.value} (needed for \`${label}\`)`,
      span: v.span,
    });
    return undefined;
  }
  // A file written by `echo secret > f` ends with a newline that is not part of the secret.
  return fn === 'file' ? value.replace(/\r?\n$/, '') : value;
}
