// `quorate lint` as a user runs it: a process over .cluster and raw cluster.conf files, its exit
// codes, JSON validated against our schema, SARIF validated against the SARIF 2.1.0 schema, the
// .quorate.json config, inline suppressions, --previous and --max-warnings.

import assert from 'node:assert/strict';
import { copyFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { test } from 'node:test';
import { Ajv } from 'ajv';
import AjvDraft04 from 'ajv-draft-04';
import { repoRoot, requireShared, runCli, STACK_TRACE, tempDir } from '../helpers.ts';

const require = createRequire(import.meta.url);
const fixtures = join(repoRoot, 'test', 'fixtures', 'rules');
const lintSchema = JSON.parse(readFileSync(join(repoRoot, 'compiler', 'cli', 'schemas', 'lint-output.schema.json'), 'utf8'));
const lintValidator = new Ajv({ allErrors: true, validateFormats: false }).compile(lintSchema);
const sarifSchema = JSON.parse(readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'));
const sarifValidator = new AjvDraft04({ allErrors: true, strict: false, validateFormats: false, unicodeRegExp: false }).compile(sarifSchema);

// Wrapped so the type-guard signatures do not narrow the parsed output to `unknown`.
const validateLint = Object.assign((d: unknown): boolean => lintValidator(d), { get errors() { return lintValidator.errors; } });
const validateSarif = Object.assign((d: unknown): boolean => sarifValidator(d), { get errors() { return sarifValidator.errors; } });

function json(stdout: string): any {
  return JSON.parse(stdout);
}

test('lint: a clean example exits 0 and says so', () => {
  const r = runCli(['lint', 'examples/cluster11-lab.cluster']);
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /no findings/);
});

test('lint: findings are printed file:line:col with the rule id; errors exit 1', () => {
  const r = runCli(['lint', 'test/fixtures/rules/quorum/two-node-node-count/bad.conf']);
  assert.equal(r.status, 1);
  assert.match(r.stdout, /bad\.conf:\d+:\d+: error quorum\/two-node-node-count: two_node is set but there are 3 nodes/);
  const w = runCli(['lint', 'test/fixtures/rules/fence/race-no-delay/bad.cluster']);
  assert.equal(w.status, 0, 'warnings alone exit 0');
  assert.match(w.stdout, /bad\.cluster:6:8: warning fence\/race-no-delay: /);
});

test('lint: --max-warnings turns too many warnings into exit 1', () => {
  const f = 'test/fixtures/rules/fence/node-without-fencing/bad.cluster';
  assert.equal(runCli(['lint', f, '--max-warnings', '3']).status, 0);
  const r = runCli(['lint', f, '--max-warnings', '2']);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /3 warnings, more than the 2 allowed/);
  assert.equal(runCli(['lint', f, '--max-warnings', 'x']).status, 2);
});

test('lint: usage and I/O problems exit 2', () => {
  assert.equal(runCli(['lint']).status, 2);
  assert.equal(runCli(['lint', 'no/such/file.cluster']).status, 2);
  assert.equal(runCli(['lint', 'examples/two-node.cluster', '--format', 'xml']).status, 2);
});

test('lint --format json validates against compiler/cli/schemas/lint-output.schema.json', () => {
  const r = runCli(['lint', '--format', 'json', 'test/fixtures/rules/quorum/expected-votes-mismatch/bad.cluster', 'test/fixtures/rules/service/recovery/bad.conf']);
  assert.equal(r.status, 1, r.stderr);
  const out = json(r.stdout);
  assert.ok(validateLint(out), JSON.stringify(validateLint.errors));
  const d = out.diagnostics.find((x: any) => x.rule === 'service/recovery');
  assert.equal(d.severity, 'error');
  assert.match(d.docs, /docs\/rules\/service\/recovery\.md$/);
  assert.deepEqual(d.range, { start: { line: 11, column: 35 }, end: { line: 11, column: 45 } });
  assert.equal(out.summary.errors, 1);
});

test('lint --format sarif validates against the SARIF 2.1.0 schema, with rule help URIs and regions', () => {
  const r = runCli(['lint', '--format', 'sarif', 'test/fixtures/rules/config/nodeid/bad.conf', 'test/fixtures/rules/domain/priority/bad.cluster']);
  assert.equal(r.status, 1);
  const log = json(r.stdout);
  assert.ok(validateSarif(log), JSON.stringify(validateSarif.errors?.slice(0, 5)));
  const run = log.runs[0];
  assert.equal(log.version, '2.1.0');
  assert.equal(run.columnKind, 'utf16CodeUnits');
  const rule = run.tool.driver.rules.find((x: any) => x.id === 'config/nodeid');
  assert.match(rule.helpUri, /^https:\/\/.*docs\/rules\/config\/nodeid\.md$/);
  const res = run.results.find((x: any) => x.ruleId === 'config/nodeid');
  assert.equal(run.tool.driver.rules[res.ruleIndex].id, 'config/nodeid');
  assert.equal(res.level, 'error');
  assert.equal(res.locations[0].physicalLocation.artifactLocation.uri, 'test/fixtures/rules/config/nodeid/bad.conf');
  assert.equal(res.locations[0].physicalLocation.region.startLine, 7);
  // And a SARIF that breaks the schema is caught (the check can fail).
  assert.equal(validateSarif({ ...log, version: '2.0.0' }), false);
});

test('lint on every corpus cluster.conf: no crash, JSON valid, SARIF valid', (t) => {
  const shared = requireShared(t);
  if (!shared) return;
  const dir = join(shared, 'corpus', 'cluster.conf');
  const files = readdirSync(dir).filter((f) => f.endsWith('.conf')).map((f) => join(dir, f));
  assert.ok(files.length > 10);
  const r = runCli(['lint', '--format', 'json', ...files]);
  assert.ok(r.status === 0 || r.status === 1, r.stderr);
  assert.doesNotMatch(r.stderr, STACK_TRACE);
  assert.doesNotMatch(r.stderr + r.stdout, /internal error|internal\/rule-crash/);
  const out = json(r.stdout);
  assert.ok(validateLint(out), JSON.stringify(validateLint.errors?.slice(0, 5)));
  assert.equal(out.summary.files, files.length);
  const s = runCli(['lint', '--format', 'sarif', ...files]);
  assert.ok(validateSarif(json(s.stdout)), JSON.stringify(validateSarif.errors?.slice(0, 5)));
  // The text report of all of them from one process: a crash on any file would change the exit.
  const text = runCli(['lint', ...files]);
  assert.ok(text.status === 0 || text.status === 1, `exit ${text.status} ${text.stderr}`);
  assert.doesNotMatch(text.stdout + text.stderr, STACK_TRACE);
  assert.doesNotMatch(text.stdout + text.stderr, /internal error|internal\/rule-crash/);
});

test('.quorate.json: per-rule severity and off; an invalid config is a usage error', () => {
  const dir = tempDir();
  copyFileSync(join(fixtures, 'fence/race-no-delay/bad.cluster'), join(dir, 'c.cluster'));
  writeFileSync(join(dir, '.quorate.json'), JSON.stringify({ rules: { 'fence/race-no-delay': 'error' } }));
  const up = runCli(['lint', join(dir, 'c.cluster')]);
  assert.equal(up.status, 1);
  assert.match(up.stdout, /error fence\/race-no-delay/);
  writeFileSync(join(dir, '.quorate.json'), JSON.stringify({ rules: { 'fence/race-no-delay': 'off' } }));
  const off = runCli(['lint', join(dir, 'c.cluster')]);
  assert.equal(off.status, 0);
  assert.doesNotMatch(off.stdout, /race-no-delay/);
  writeFileSync(join(dir, '.quorate.json'), JSON.stringify({ rules: { 'fence/race-no-delay': 'loud' } }));
  const bad = runCli(['lint', join(dir, 'c.cluster')]);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /not a valid \.quorate\.json/);
  // Errors with which cman refuses to start stay errors.
  copyFileSync(join(fixtures, 'quorum/two-node-node-count/bad.conf'), join(dir, 'x.conf'));
  writeFileSync(join(dir, '.quorate.json'), JSON.stringify({ rules: { 'quorum/two-node-node-count': 'off' } }));
  assert.equal(runCli(['lint', join(dir, 'x.conf')]).status, 1);
});

test('inline suppression: needs a reason, cannot silence a start-refusing error, unused ones are reported', () => {
  const dir = tempDir();
  const src = readFileSync(join(fixtures, 'fence/race-no-delay/bad.cluster'), 'utf8').replace('  node node1 {', '  # quorate-ignore fence/race-no-delay -- node1 has a lower-priority workload; either may win\n  node node1 {');
  writeFileSync(join(dir, 'ok.cluster'), src);
  const ok = runCli(['lint', join(dir, 'ok.cluster')]);
  assert.equal(ok.status, 0);
  assert.doesNotMatch(ok.stdout, /race-no-delay|suppression/);
  writeFileSync(join(dir, 'noreason.cluster'), src.replace(' -- node1 has a lower-priority workload; either may win', ''));
  const nr = runCli(['lint', join(dir, 'noreason.cluster')]);
  assert.equal(nr.status, 1);
  assert.match(nr.stdout, /error lint\/suppression: suppressing fence\/race-no-delay needs a reason/);
  assert.match(nr.stdout, /warning fence\/race-no-delay/);
  const xml = readFileSync(join(fixtures, 'quorum/two-node-node-count/bad.conf'), 'utf8').replace('  <cman two_node', '  <!-- quorate-ignore quorum/two-node-node-count: will add the node later -->\n  <cman two_node');
  writeFileSync(join(dir, 'x.conf'), xml);
  const x = runCli(['lint', join(dir, 'x.conf')]);
  assert.equal(x.status, 1);
  assert.match(x.stdout, /error quorum\/two-node-node-count/);
  assert.match(x.stdout, /quorum\/two-node-node-count cannot be suppressed/);
  const manual = readFileSync(join(fixtures, 'fence/manual/bad.conf'), 'utf8').replace('<fencedevices>', '<!-- quorate-ignore fence/manual: test rig only -->\n  <fencedevices>');
  writeFileSync(join(dir, 'm.conf'), manual);
  const m = runCli(['lint', join(dir, 'm.conf')]);
  assert.doesNotMatch(m.stdout, /warning fence\/manual/);
  writeFileSync(join(dir, 'stale.cluster'), readFileSync(join(fixtures, 'lint/unused-suppression/bad.cluster')));
  assert.match(runCli(['lint', join(dir, 'stale.cluster')]).stdout, /warning lint\/unused-suppression: nothing to suppress/);
});

test('lint --previous: config_version must be greater than the deployed one', () => {
  const dir = tempDir();
  const conf = readFileSync(join(fixtures, 'config/version/good.conf'), 'utf8');
  writeFileSync(join(dir, 'deployed.conf'), conf.replace('config_version="2"', 'config_version="7"'));
  writeFileSync(join(dir, 'new.conf'), conf);
  const r = runCli(['lint', join(dir, 'new.conf'), '--previous', join(dir, 'deployed.conf'), '--format', 'json']);
  assert.equal(r.status, 1);
  const d = json(r.stdout).diagnostics.find((x: any) => x.rule === 'config/version');
  assert.match(d.message, /config_version 2 is not greater than the deployed 7/);
  assert.equal(d.fixes[0].edits[0].newText, '8');
  writeFileSync(join(dir, 'deployed.conf'), conf.replace('config_version="2"', 'config_version="1"'));
  assert.equal(runCli(['lint', join(dir, 'new.conf'), '--previous', join(dir, 'deployed.conf')]).status, 0);
  // A .cluster source compared with the deployed XML.
  assert.equal(runCli(['lint', 'examples/cluster11-lab.cluster', '--previous', join(dir, 'deployed.conf')]).status, 0);
  assert.equal(runCli(['lint', 'examples/two-node.cluster', '--previous', 'no/such.conf']).status, 2);
});

test('rules lists the catalogue; explain prints a rule page; an unknown rule is a usage error', () => {
  const r = runCli(['rules']);
  assert.equal(r.status, 0);
  for (const id of ['quorum/two-node-node-count', 'fence/race-no-delay', 'simulate/service-unplaceable', 'service/boolean-value']) assert.match(r.stdout, new RegExp(`^${id} `, 'm'));
  const j = json(runCli(['rules', '--format', 'json']).stdout);
  assert.ok(j.rules.length >= 32);
  const e = runCli(['explain', 'service/boolean-value']);
  assert.equal(e.status, 0);
  assert.equal(e.stdout, readFileSync(join(repoRoot, 'docs', 'rules', 'service', 'boolean-value.md'), 'utf8'));
  const u = runCli(['explain', 'fence/race-no-dealy']);
  assert.equal(u.status, 2);
  assert.match(u.stderr, /did you mean 'fence\/race-no-delay'/);
});
