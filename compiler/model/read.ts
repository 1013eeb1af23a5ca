// Value readers: how the cluster daemons turn a cluster.conf attribute value into a number or a
// flag. The daemons do not validate what they read — cman, fenced, qdiskd and rgmanager call C
// atoi() and compare strings — so `autostart="yes"` means off and `votes=" 2"` means 2. Every
// place that asks what a value will do on the real cluster reads it through one of these, named
// after the daemon behaviour it reproduces, so one reading is written once.

/**
 * C atoi() as glibc on x86-64 runs it: `(int) strtol(v, NULL, 10)`. It skips leading isspace()
 * characters (space \t \n \v \f \r, nothing else), takes an optional sign and the digits after
 * it; anything else ends the number; no digits reads 0. strtol clamps what does not fit a long to
 * LONG_MAX/LONG_MIN, and the cast to int keeps the low 32 bits, so `votes="2147483648"` is
 * -2147483648 to cman and `"99999999999999999999"` is -1.
 */
export function atoi(v: string | undefined): number {
  if (v === undefined) return 0;
  const m = /^[ \t\n\v\f\r]*([+-]?)(\d+)/.exec(v);
  if (!m) return 0;
  const digits = m[2]!.replace(/^0+(?=\d)/, '');
  // Up to 9 digits always fits an int: the common case needs no BigInt.
  if (digits.length <= 9) return (m[1] === '-' ? -1 : 1) * Number(digits) || 0;
  const LONG_MAX = (1n << 63n) - 1n;
  const magnitude = digits.length > 19 ? LONG_MAX + 1n : BigInt(digits);
  const long = m[1] === '-' ? (magnitude > LONG_MAX + 1n ? -(LONG_MAX + 1n) : -magnitude) : magnitude > LONG_MAX ? LONG_MAX : magnitude;
  return Number(BigInt.asIntN(32, long));
}

/** Whether atoi() reads digits with no sign in front (leading isspace() allowed): a plain count. */
export function atoiReadsUnsigned(v: string | undefined): boolean {
  return v !== undefined && /^[ \t\n\v\f\r]*\d/.test(v);
}

/**
 * A 0/1 flag read with `atoi(v) != 0`, unset = off: cman (two_node), fenced (clean_start) and
 * rgmanager (failover domain ordered/restricted/nofailback, service nfslock).
 */
export function atoiFlag(v: string | undefined): boolean {
  return atoi(v) !== 0;
}

/** rgmanager's service `autostart` (groups.c): unset = on; off only for "no" or atoi() == 0. */
export function rgmanagerAutostart(v: string | undefined): boolean {
  return !(v !== undefined && (v === 'no' || atoi(v) === 0));
}

/** rgmanager's service `exclusive`: "yes" (exactly) or a positive atoi(); unset = off. */
export function rgmanagerExclusive(v: string | undefined): boolean {
  return v !== undefined && (v === 'yes' || atoi(v) > 0);
}

/** rgmanager's `__enforce_timeouts` (restree.c): a positive atoi() or "yes" in any case; unset = off. */
export function rgmanagerEnforceTimeouts(v: string | undefined): boolean {
  return v !== undefined && (atoi(v) > 0 || v.toLowerCase() === 'yes');
}

/**
 * rgmanager's `__independent_subtree` (restree.c): 1 or "yes" (any case) restarts only the
 * subtree on failure; 2 or "non-critical" (any case) also makes it non-critical. Unset = neither.
 */
export function rgmanagerIndependentSubtree(v: string | undefined): { independent: boolean; nonCritical: boolean } {
  if (v === undefined) return { independent: false, nonCritical: false };
  const lower = v.toLowerCase();
  return { independent: atoi(v) === 1 || lower === 'yes', nonCritical: atoi(v) === 2 || lower === 'non-critical' };
}

/**
 * Whether a value is exactly the spelling of true of a boolean encoding (the catalogue's "1/0",
 * "yes/no", "on/off": "1", "yes", "on"): what lowering writes for a .cluster `true`. Not how a daemon reads the value — lowering
 * uses it on values it wrote itself (or the admin wrote verbatim with `raw`).
 */
export function isSpelledTrue(v: string | undefined, encoding: `${string}/${string}`): boolean {
  return v !== undefined && v === encoding.split('/')[0];
}
