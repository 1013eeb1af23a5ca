// rgmanager's start/stop order against real rg_test output, in-process: every sample in
// ../shared/reference/rg_test-samples and rg_test-edge-cases, start and stop, whole services and
// single-resource targets, byte for byte (domain-facts §9.3) — read as raw cluster.conf the way
// rg_test reads it, and imported to .cluster and lowered back. These are the functions
// `quorate order` calls; test/cli/order.test.ts runs the command itself on one sample.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { analyze, importClusterConf, orderRuns, readClusterConf } from '../../../compiler/api.ts';
import type { ConfElement } from '../../../compiler/model/conf.ts';
import { requireShared } from '../../helpers.ts';

const SAMPLE_DIRS = ['reference/rg_test-samples', 'reference/rg_test-edge-cases'];

function samples(shared: string): string[] {
  const out: string[] = [];
  for (const d of SAMPLE_DIRS) {
    const dir = join(shared, d);
    for (const f of readdirSync(dir).sort()) if (f.endsWith('.conf')) out.push(join(dir, f));
  }
  return out;
}

interface Comparison {
  op: 'start' | 'stop';
  target?: { type: string; name: string };
  expected: string;
  label: string;
}

/** Every start/stop/target comparison rg_test recorded for one sample. */
function comparisons(conf: string): Comparison[] {
  const out: Comparison[] = [];
  for (const op of ['start', 'stop'] as const) {
    const expectedFile = conf.replace(/\.conf$/, `.${op}.expected`);
    if (existsSync(expectedFile)) out.push({ op, expected: readFileSync(expectedFile, 'utf8'), label: `${basename(conf)} ${op}` });
  }
  const targetsFile = conf.replace(/\.conf$/, '.targets.expected');
  if (existsSync(targetsFile)) {
    const parts = readFileSync(targetsFile, 'utf8').split(/^### (start|stop) (\S+) (.*)\n/m);
    assert.equal(parts[0], '', targetsFile);
    for (let i = 1; i < parts.length; i += 4) {
      const [op, type, name, want] = [parts[i] as 'start' | 'stop', parts[i + 1]!, parts[i + 2]!, parts[i + 3]!];
      out.push({ op, target: { type, name }, expected: want, label: `${basename(conf)} ${op} ${type} ${name}` });
    }
  }
  return out;
}

/** What `quorate order` prints on stdout for a model. */
function orderText(cluster: ConfElement, c: Comparison): { text: string; found: boolean } {
  const runs = orderRuns(cluster, c.op, c.target ? [c.target] : undefined);
  return { text: runs.map((r) => r.text).join(''), found: runs.every((r) => r.found) };
}

test('every rg_test sample read as cluster.conf: the order is exactly what rg_test noop printed', (t) => {
  const shared = requireShared(t);
  if (!shared) return;
  const files = samples(shared);
  assert.ok(files.length >= 17, `only ${files.length} samples found`);
  let n = 0;
  for (const conf of files) {
    const read = readClusterConf(readFileSync(conf, 'utf8'));
    assert.deepEqual(read.diagnostics.filter((d) => d.severity === 'error'), [], conf);
    assert.ok(read.root, conf);
    for (const c of comparisons(conf)) {
      const r = orderText(read.root, c);
      assert.ok(r.found, c.label);
      assert.equal(r.text, c.expected, c.label);
      n++;
    }
  }
  assert.ok(n >= 44, `only ${n} comparisons`);
});

test('the same from each sample imported to .cluster and lowered back', (t) => {
  const shared = requireShared(t);
  if (!shared) return;
  for (const conf of samples(shared)) {
    // The samples are partial cluster.conf files (no nodes, no name): the import reports that
    // and still gives the source.
    const source = importClusterConf(readFileSync(conf, 'utf8')).source;
    assert.ok(source !== undefined, `${conf} was not imported`);
    assert.doesNotMatch(source, /^\s*</, 'the import is .cluster source, not XML');
    const analysis = analyze(source);
    // A partial file fails the schema (no <clusternodes>), so compile would refuse it; its model is what rg_test reads.
    assert.deepEqual(analysis.diagnostics.filter((d) => d.severity === 'error' && d.rule !== 'compile/schema-rejected'), [], conf);
    assert.ok(analysis.cluster, conf);
    for (const c of comparisons(conf)) {
      const r = orderText(analysis.cluster, c);
      assert.ok(r.found, `${c.label} (imported)`);
      assert.equal(r.text, c.expected, `${c.label} (imported)`);
    }
  }
});
