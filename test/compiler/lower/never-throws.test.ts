// Lowering never throws out of the analysis: an exception that escapes it (a bug in Quorate)
// becomes one `lower/internal` error instead of crashing the command or the language server.
// The guard is tested on its own, and through `analyze` with a secret host that throws while
// lowering reads a secret — no module is patched.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Diagnostic } from '../../../compiler/diagnostics.ts';
import { analyze, guarded } from '../../../compiler/analyze.ts';
import type { SecretHost } from '../../../compiler/lower/values.ts';

test('guarded: a step that returns passes its value through and reports nothing', () => {
  const failures: Diagnostic[] = [];
  assert.equal(guarded('lowering', () => 42, 0, failures), 42);
  assert.deepEqual(failures, []);
});

test('guarded: a step that throws gives the fallback and one lower/internal error at the start of the file', () => {
  const failures: Diagnostic[] = [];
  const fallback = { diagnostics: [] };
  const result = guarded<{ diagnostics: Diagnostic[] }>('lowering', () => {
    throw new TypeError("Cannot read properties of undefined (reading 'span')");
  }, fallback, failures);
  assert.equal(result, fallback);
  assert.deepEqual(failures, [
    {
      rule: 'lower/internal',
      severity: 'error',
      message: "lowering failed on this input: Cannot read properties of undefined (reading 'span'); please report it",
      span: { start: 0, end: 0 },
    },
  ]);
});

test('guarded: a thrown value that is not an Error is reported by its text', () => {
  const failures: Diagnostic[] = [];
  guarded('the validity rules', () => {
    throw 'out of cheese';
  }, undefined, failures);
  assert.deepEqual(failures.map((d) => d.message), ['the validity rules failed on this input: out of cheese; please report it']);
});

const withSecret = `cluster c {
  config_version = 1
  node n1 { id = 1 }
  fence_device ipmi1 : fence_ipmilan { ipaddr = "10.0.0.1"; login = "admin"; passwd = env("IPMI_PASSWORD") }
}
`;

test('analyze: an exception while lowering is one lower/internal error, the rest of the analysis intact', () => {
  const throwing: SecretHost = {
    env: () => {
      throw new Error('the secret store is unreachable');
    },
    readFile: () => undefined,
  };
  const a = analyze(withSecret, { secrets: throwing });
  assert.deepEqual(a.diagnostics.map((d) => `${d.rule} ${d.severity} ${d.span.start}-${d.span.end}: ${d.message}`), [
    'lower/internal error 0-0: lowering failed on this input: the secret store is unreachable; please report it',
  ]);
  assert.equal(a.cluster, undefined, 'no model: lowering did not finish');
  assert.equal(a.syntax.entries.length, 1, 'the syntax tree is still there for the editor');
  assert.deepEqual(a.symbols, { symbols: [], references: [], scopes: [] });
});

test('analyze: the same source with a host that answers lowers without errors (the failure above is the host)', () => {
  const answering: SecretHost = { env: () => 's3cret', readFile: () => undefined };
  const a = analyze(withSecret, { secrets: answering });
  assert.deepEqual(a.diagnostics.filter((d) => d.severity === 'error'), []);
  assert.ok(a.cluster);
});
