// The value readers: C atoi() and each daemon's way of reading a flag, on the spellings that
// differ between them (the cases where a cluster.conf "looks right and behaves the opposite way").

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  atoi,
  atoiFlag,
  atoiReadsUnsigned,
  isSpelledTrue,
  rgmanagerAutostart,
  rgmanagerEnforceTimeouts,
  rgmanagerExclusive,
  rgmanagerIndependentSubtree,
} from '../../../compiler/model/read.ts';

test('atoi overflows as glibc does on x86-64, (int) strtol(): clamped to a long, then the low 32 bits', () => {
  // Each expectation printed by a C program calling glibc atoi() (gcc 12, Debian 12, x86-64).
  const glibc: [string, number][] = [
    ['2147483647', 2147483647], ['2147483648', -2147483648], ['-2147483648', -2147483648],
    ['-2147483649', 2147483647], ['4294967297', 1], ['99999999999999999999', -1],
    ['-99999999999999999999', 0], ['9223372036854775807', -1], ['9223372036854775808', -1],
    ['0000000000000000000000005', 5], ['-0', 0],
  ];
  for (const [v, expected] of glibc) assert.equal(atoi(v), expected, v);
});

test('atoi skips exactly the C isspace() characters, then a sign and digits', () => {
  assert.equal(atoi(' \t\n\v\f\r42'), 42);
  assert.equal(atoi('+7x'), 7);
  assert.equal(atoi('-3'), -3);
  assert.equal(atoi('12abc'), 12);
  assert.equal(atoi('yes'), 0);
  assert.equal(atoi(''), 0);
  assert.equal(atoi(undefined), 0);
  // Not C whitespace: a no-break space or an ideographic space ends the number before it starts.
  assert.equal(atoi('\u00a05'), 0);
  assert.equal(atoi('\u30005'), 0);
  assert.equal(atoi('- 5'), 0);
});

test('atoiReadsUnsigned: digits after C whitespace, no sign', () => {
  assert.equal(atoiReadsUnsigned(' 10'), true);
  assert.equal(atoiReadsUnsigned('+10'), false);
  assert.equal(atoiReadsUnsigned('-10'), false);
  assert.equal(atoiReadsUnsigned('\u00a010'), false);
  assert.equal(atoiReadsUnsigned(undefined), false);
});

test('atoiFlag: anything atoi reads as non-zero is on, "yes" and "true" are off', () => {
  assert.equal(atoiFlag('1'), true);
  assert.equal(atoiFlag('2'), true);
  assert.equal(atoiFlag('-1'), true);
  assert.equal(atoiFlag('yes'), false);
  assert.equal(atoiFlag('true'), false);
  assert.equal(atoiFlag(undefined), false);
});

test('rgmanager autostart: on unless "no" or atoi() == 0', () => {
  assert.equal(rgmanagerAutostart(undefined), true);
  assert.equal(rgmanagerAutostart('1'), true);
  assert.equal(rgmanagerAutostart('no'), false);
  assert.equal(rgmanagerAutostart('yes'), false);
  assert.equal(rgmanagerAutostart('0'), false);
});

test('rgmanager exclusive: exactly "yes" or a positive number', () => {
  assert.equal(rgmanagerExclusive('yes'), true);
  assert.equal(rgmanagerExclusive('YES'), false);
  assert.equal(rgmanagerExclusive('true'), false);
  assert.equal(rgmanagerExclusive('2'), true);
  assert.equal(rgmanagerExclusive('-1'), false);
  assert.equal(rgmanagerExclusive(undefined), false);
});

test('rgmanager __enforce_timeouts: a positive number or "yes" in any case', () => {
  assert.equal(rgmanagerEnforceTimeouts('YES'), true);
  assert.equal(rgmanagerEnforceTimeouts('1'), true);
  assert.equal(rgmanagerEnforceTimeouts('0'), false);
  assert.equal(rgmanagerEnforceTimeouts('true'), false);
  assert.equal(rgmanagerEnforceTimeouts(undefined), false);
});

test('rgmanager __independent_subtree: 1/yes restarts the subtree, 2/non-critical makes it non-critical', () => {
  assert.deepEqual(rgmanagerIndependentSubtree('1'), { independent: true, nonCritical: false });
  assert.deepEqual(rgmanagerIndependentSubtree('Yes'), { independent: true, nonCritical: false });
  assert.deepEqual(rgmanagerIndependentSubtree('2'), { independent: false, nonCritical: true });
  assert.deepEqual(rgmanagerIndependentSubtree('NON-CRITICAL'), { independent: false, nonCritical: true });
  assert.deepEqual(rgmanagerIndependentSubtree('3'), { independent: false, nonCritical: false });
  assert.deepEqual(rgmanagerIndependentSubtree(undefined), { independent: false, nonCritical: false });
});

test('isSpelledTrue: only the encoding\'s own spelling of true', () => {
  assert.equal(isSpelledTrue('1', '1/0'), true);
  assert.equal(isSpelledTrue('2', '1/0'), false);
  assert.equal(isSpelledTrue('yes', 'yes/no'), true);
  assert.equal(isSpelledTrue('on', 'on/off'), true);
  assert.equal(isSpelledTrue('1', 'on/off'), false);
  assert.equal(isSpelledTrue(undefined, '1/0'), false);
});
