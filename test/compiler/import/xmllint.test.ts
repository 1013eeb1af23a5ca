// Our check of a raw cluster.conf against the real schema check: `xmllint --relaxng cluster.rng`
// (the real tool, as a process) and `analyzeClusterConf` (what `quorate check` runs, in-process)
// over every corpus, schema-check and rg_test file. Whatever
// xmllint rejects, Quorate reports as an error inside the element xmllint names; whatever xmllint
// accepts, Quorate reports no schema error for.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readClusterConf } from '../../../compiler/import/read-xml.ts';
import { SCHEMA_RULES } from '../../../compiler/import/schema.ts';
import { walk } from '../../../compiler/model/conf.ts';
import { LineIndex } from '../../../compiler/text/line-index.ts';
import { analyzeClusterConf, type Diagnostic } from '../../../compiler/api.ts';
import { requireShared, requireTool } from '../../helpers.ts';

// What the schema check reports, and the schema's problems that it leaves to the validity rules
// over the model (compiler/import/schema.ts: each problem has one producer).
const ruleOwned = ['config/nodeid', 'config/version', 'resource/unknown-parameter', 'resource/missing-parameter', 'fence/unknown-parameter', 'fence/undefined-device'];
const schemaRules = new Set<string>([...SCHEMA_RULES, 'xml/malformed']);
const checkRules = new Set<string>([...schemaRules, ...ruleOwned]);


test('Quorate reports an error where xmllint --relaxng finds one, and none where it finds none', (t) => {
  const shared = requireShared(t);
  if (!shared || !requireTool(t, 'xmllint', 'libxml2-utils')) return;
  const rng = join(shared, 'reference', 'cluster.rng');
  const dirs = ['corpus/cluster.conf', 'reference/schema-checks/valid', 'reference/schema-checks/invalid', 'reference/rg_test-samples'];
  const files = dirs.flatMap((d) => readdirSync(join(shared, d)).filter((f) => f.endsWith('.conf')).sort().map((f) => join(shared, d, f)));
  assert.ok(files.length >= 45, `found only ${files.length} files`);

  // The check `quorate check` makes, in-process (the CLI adds nothing here: test/cli/check-xml.test.ts runs it).
  const checked = new Map(files.map((f) => [f, analyzeClusterConf(readFileSync(f, 'utf8')).diagnostics]));

  let rejected = 0;
  for (const file of files) {
    const x = spawnSync('xmllint', ['--noout', '--relaxng', rng, file], { encoding: 'utf8' });
    // Where xmllint rejects the file, the check reports it (schema or rule); where xmllint accepts
    // it, the schema check is silent (the rules may still find what no schema can, e.g. two
    // nodes with one id).
    const text = readFileSync(file, 'utf8');
    const index = new LineIndex(text);
    const at = (d: Diagnostic) => `${index.position(d.span.start).line}:${index.position(d.span.start).column} ${d.rule}`;
    const ours = checked.get(file)!.filter((d) => d.severity === 'error' && (x.status === 0 ? schemaRules : checkRules).has(d.rule));
    if (x.status === 0) {
      assert.deepEqual(ours.map(at), [], `${file}: xmllint accepts it`);
      continue;
    }
    rejected++;
    assert.ok(ours.length > 0, `${file}: xmllint rejects it (${x.stderr.trim()}) but Quorate reports no schema error`);
    // Each located xmllint error names an element by line: one of ours must lie inside it.
    const root = readClusterConf(text).root!;
    const offsets = ours.map((d) => d.span.start);
    const located = [...x.stderr.matchAll(/^.*?:(\d+): element ([^:]+): (.*)$/gm)];
    assert.ok(located.length > 0, `${file}: xmllint located nothing: ${x.stderr}`);
    const elements = [...walk(root)].map((w) => w.element);
    for (const [, line, tag, message] of located) {
      let candidates = elements.filter((e) => e.tag === tag && e.span && index.position(e.span.start).line === Number(line));
      // xmllint registers no IDs in a <fencedevices> that failed validation, and then calls every
      // reference to them unknown: the problem is in that <fencedevices>, so ours must be there.
      const idref = /IDREF attribute name references an unknown ID "([^"]*)"/.exec(message!);
      const devices = idref && elements.find((e) => e.tag === 'fencedevices' && e.children.some((d) => d.attributes.some((a) => a.name === 'name' && a.value === idref[1])));
      if (devices) candidates = [devices];
      // "Element clusternodes has extra content: clusternode" is reported at the first child of
      // the list, whichever child is wrong: the problem is somewhere in that parent.
      const extra = /Element (\S+) has extra content/.exec(message!);
      if (extra) candidates = elements.filter((p) => p.tag === extra[1] && p.children.some((c) => candidates.includes(c)));
      assert.ok(candidates.length > 0, `${file}: no <${tag}> starts on line ${line}`);
      const inside = candidates.some((e) => {
        const end = e.endSpan?.end ?? e.span!.end;
        return offsets.some((o) => o >= e.span!.start && o <= end);
      });
      assert.ok(inside, `${file}: xmllint reports a problem in <${tag}> at line ${line}; Quorate reports none there (${ours.map(at).join(', ')})`);
    }
  }
  assert.ok(rejected >= 20, `only ${rejected} files rejected: is xmllint really validating?`);
});
