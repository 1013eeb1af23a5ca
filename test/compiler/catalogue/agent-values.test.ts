// The test table of docs/agent-values.md: every row runs the real spellings through import,
// compile and lint and checks the meaning both ways. The expectations come from the document's
// rows (what each spelling is to the agent, read from its code), never from the catalogue, so a
// wrong overlay entry fails here. The catalogue only supplies scaffolding (the required
// parameters of an agent, so the element is one the importer writes natively).

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { attributeOf, compileText, fenceAgent, importClusterConf, readClusterConf, resourceAgent, type ConfElement } from '../../../compiler/api.ts';
import { lintSource } from '../../../compiler/lint.ts';
import { repoRoot } from '../../helpers.ts';

const SPELLINGS = ['yes', 'on', 'true', '1', 'no', 'off', 'false', '0'] as const;
type Meaning = 'ON' | 'off' | 'refused' | 'ignored';

interface BoolRow { agent: string; attribute: string; meanings: Map<string, Meaning>; line: string }
interface IntRow { agent: string; attribute: string; unit: 's' | 'count'; fifteen: string; withUnit: 'misread' | 'error' | 'reads 15'; line: string }

const doc = readFileSync(join(repoRoot, 'docs', 'agent-values.md'), 'utf8');

/** The rows of every table whose header starts with `header`. */
function tableRows(header: string): string[][] {
  const out: string[][] = [];
  const lines = doc.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i]!.startsWith(header)) continue;
    for (let j = i + 2; j < lines.length && lines[j]!.startsWith('|'); j++) out.push(lines[j]!.slice(1, -1).split('|').map((c) => c.trim()));
  }
  return out;
}

const agentOf = (cell: string) => cell.split(/[\s(]/)[0]!;
const attributeName = (cell: string) => cell.replace(/`/g, '');

const boolRows: BoolRow[] = tableRows('| agent | attribute | reading | yes |').map((c) => ({
  agent: agentOf(c[0]!),
  attribute: attributeName(c[1]!),
  meanings: new Map(SPELLINGS.map((s, i) => [s, c[3 + i] as Meaning])),
  line: c.join(' | '),
}));
const intRows: IntRow[] = tableRows('| agent | attribute | unit | conversion | 15 | 15s |').map((c) => ({
  agent: agentOf(c[0]!),
  attribute: attributeName(c[1]!),
  unit: c[2] as 's' | 'count',
  fifteen: c[4]!,
  withUnit: c[5] as IntRow['withUnit'],
  line: c.join(' | '),
}));

const NODES = `  <clusternodes>
    <clusternode name="node1" nodeid="1"><fence><method name="m1"><device name="xvm" port="node1"/></method></fence></clusternode>
    <clusternode name="node2" nodeid="2"><fence><method name="m1"><device name="xvm" port="node2"/></method></fence></clusternode>
    <clusternode name="node3" nodeid="3"><fence><method name="m1"><device name="xvm" port="node3"/></method></fence></clusternode>
  </clusternodes>`;

const xmlEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** Required parameters as harmless values of their type (scaffolding only). */
function requiredAttributes(params: readonly { name: string; required: boolean; type: { kind: string; values?: string[] } }[], skip: string): string {
  return params
    .filter((p) => p.required && p.name !== skip)
    .map((p) => ` ${p.name}="${p.type.kind === 'enum' ? p.type.values![0] : p.type.kind === 'string' ? `v-${p.name}` : '1'}"`)
    .join('');
}

/** A cluster.conf with `attribute="value"` on an element of `agent` (a resource inside a service, or a fence device). */
function confWith(agent: string, attribute: string, value: string): string {
  const fa = fenceAgent(agent);
  if (fa) {
    return `<?xml version="1.0"?>
<cluster name="lab" config_version="1">
${NODES}
  <fencedevices>
    <fencedevice name="xvm" agent="fence_xvm"/>
    <fencedevice name="dev" agent="${agent}"${requiredAttributes(fa.parameters, attribute)} ${attribute}="${xmlEscape(value)}"/>
  </fencedevices>
</cluster>
`;
  }
  const ra = resourceAgent(agent);
  assert.ok(ra, `docs/agent-values.md names ${agent}, which is no agent`);
  const el = `<${agent}${requiredAttributes(ra.parameters, attribute)} ${attribute}="${xmlEscape(value)}"/>`;
  // service and vm are roots themselves; every other agent goes inside a service.
  const rm = agent === 'service' || agent === 'vm' ? el : `<service name="svc">${el}</service>`;
  return `<?xml version="1.0"?>
<cluster name="lab" config_version="1">
${NODES}
  <fencedevices><fencedevice name="xvm" agent="fence_xvm"/></fencedevices>
  <rm>
    ${rm}
  </rm>
</cluster>
`;
}

/** The element the row is about, in a cluster.conf tree. */
function findElement(root: ConfElement, agent: string): ConfElement | undefined {
  if (fenceAgent(agent)) return root.children.find((c) => c.tag === 'fencedevices')?.children.find((d) => d.attributes.some((a) => a.name === 'name' && a.value === 'dev'));
  const walk = (e: ConfElement, depth: number): ConfElement | undefined => {
    if (e.tag === agent && depth > 0) return e;
    if (depth > 10) return undefined;
    for (const c of e.children) {
      const f = walk(c, depth + 1);
      if (f) return f;
    }
    return undefined;
  };
  return walk(root, 0);
}

function compiledValue(source: string, agent: string, attribute: string): { value?: string; errors: string[] } {
  const out = compileText(source);
  const errors = out.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.rule}: ${d.message}`);
  if (errors.length || !out.outputs[0]) return { errors };
  const el = findElement(readClusterConf(out.outputs[0].text).root!, agent);
  return { value: el?.attributes.find((a) => a.name === attribute)?.value, errors };
}

const wordSays = (s: string): Meaning => (['yes', 'on', 'true', '1'].includes(s) ? 'ON' : 'off');

test('docs/agent-values.md has a row for every agent-read boolean and integer the issue lists', () => {
  assert.ok(boolRows.length >= 30, `${boolRows.length} boolean rows`);
  assert.ok(intRows.length >= 20, `${intRows.length} integer rows`);
  for (const [agent, attribute] of [['fs', 'quick_status'], ['ip', 'monitor_link'], ['ip', 'disable_rdisc'], ['nfsclient', 'allow_recover'], ['fence_ipmilan', 'lanplus']]) {
    assert.ok(boolRows.some((r) => r.agent === agent && r.attribute === attribute), `${agent} ${attribute}`);
  }
  for (const attribute of ['delay', 'power_wait', 'power_timeout', 'shell_timeout', 'login_timeout', 'retry_on', 'ipport']) {
    assert.ok(intRows.some((r) => r.agent === 'fence_ipmilan' && r.attribute === attribute), attribute);
  }
  for (const r of [...boolRows, ...intRows]) {
    const spec = fenceAgent(r.agent) ?? resourceAgent(r.agent);
    assert.ok(spec && attributeOf(spec, r.attribute), `${r.line}: ${r.agent} has no ${r.attribute}`);
  }
});

for (const row of boolRows) {
  test(`agent values: ${row.agent} ${row.attribute} — import, compile and lint read each spelling as the agent does`, () => {
    const attrLine = new RegExp(`\\b${row.attribute} = (true|false)\\b`);
    for (const s of SPELLINGS) {
      const meant = row.meanings.get(s)!;
      const conf = confWith(row.agent, row.attribute, s);
      const where = `${row.agent} ${row.attribute}="${s}" (doc: ${meant})`;

      // Import: the meaning, not the spelling; a warning exactly when the word says otherwise.
      const imported = importClusterConf(conf);
      assert.ok(imported.source, where);
      const misread = imported.diagnostics.filter((d) => d.rule === 'import/misread-value');
      if (meant === 'refused') {
        assert.match(imported.source, new RegExp(`raw \\{[^}]*${row.attribute} = "${s}"`), `${where}: a refused spelling stays raw`);
      } else {
        const m = attrLine.exec(imported.source);
        assert.ok(m, `${where}: imports natively, got:\n${imported.source}`);
        const expected = meant === 'ignored' ? wordSays(s) : meant;
        assert.equal(m[1] === 'true' ? 'ON' : 'off', expected, `${where}: imports as what the agent does`);
        assert.equal(misread.length, meant !== 'ignored' && wordSays(s) !== meant ? 1 : 0, `${where}: import/misread-value ${misread.map((d) => d.message).join('; ')}`);
        assert.doesNotMatch(imported.source, /\braw \{/, `${where}: no raw block`);

        // Compile back: a spelling the document says the agent reads the same.
        const back = compiledValue(imported.source, row.agent, row.attribute);
        assert.deepEqual(back.errors, [], where);
        assert.ok(back.value !== undefined, `${where}: compiled without the attribute`);
        if (meant !== 'ignored') assert.equal(row.meanings.get(back.value!), meant, `${where}: compiled to ${back.value}`);
      }

      // Lint of the raw file: a finding exactly when the agent reads it against its word.
      const found = lintSource(conf, { fileName: 'cluster.conf' }).diagnostics.filter((d) => d.rule === 'agent/misread-value');
      const expectFinding = meant === 'refused' || (meant !== 'ignored' && wordSays(s) !== meant);
      assert.equal(found.length, expectFinding ? 1 : 0, `${where}: agent/misread-value ${found.map((d) => d.message).join('; ')}`);
      if (expectFinding && meant !== 'refused') assert.match(found[0]!.message, new RegExp(`is ${meant.toUpperCase()}:`), where);
    }

    // And the other way: true and false compile to spellings the agent reads as on and off.
    const source = importClusterConf(confWith(row.agent, row.attribute, '1')).source!;
    for (const [word, meant] of [['true', 'ON'], ['false', 'off']] as const) {
      const written = source.replace(attrLine, `${row.attribute} = ${word}`);
      const out = compiledValue(written, row.agent, row.attribute);
      const possible = SPELLINGS.some((s) => row.meanings.get(s) === meant || row.meanings.get(s) === 'ignored');
      if (!possible) {
        assert.ok(out.errors.some((e) => e.startsWith('type/boolean:')), `${row.agent} ${row.attribute} = ${word}: the agent has no spelling for ${meant}, so it is an error`);
        continue;
      }
      assert.deepEqual(out.errors, [], `${row.agent} ${row.attribute} = ${word}`);
      const read = row.meanings.get(out.value!);
      assert.ok(read === meant || read === 'ignored', `${row.agent} ${row.attribute} = ${word} compiles to "${out.value}", which the document says is ${read}`);
    }
  });
}

for (const row of intRows) {
  test(`agent values: ${row.agent} ${row.attribute} — 15 and 15s as the agent converts them`, () => {
    const where = `${row.agent} ${row.attribute}`;
    // Import of the agent's own spelling, and back.
    const imported = importClusterConf(confWith(row.agent, row.attribute, '15'));
    assert.match(imported.source!, new RegExp(`\\b${row.attribute} = 15${row.unit === 's' ? 's' : ''}\\b`), `${where}: imports in the language's unit`);
    assert.doesNotMatch(imported.source!, /\braw \{/, where);
    const back = compiledValue(imported.source!, row.agent, row.attribute);
    assert.deepEqual(back.errors, [], where);
    assert.equal(back.value, row.fifteen, where);

    // A value with a unit in raw cluster.conf: what the document says the agent does with it.
    const found = lintSource(confWith(row.agent, row.attribute, '15s'), { fileName: 'cluster.conf' }).diagnostics.filter((d) => d.rule === 'agent/misread-value' || d.rule === 'fence/non-integer-option');
    if (row.withUnit === 'error') assert.deepEqual(found.map((d) => `${d.rule} ${d.severity}`), ['fence/non-integer-option error'], where);
    else assert.deepEqual(found.map((d) => d.rule), ['agent/misread-value'], `${where}: ${found.map((d) => d.message).join('; ')}`);
    if (row.withUnit === 'reads 15') assert.match(found[0]!.message, /read as 15\b/, where);

    if (row.unit !== 's') return;
    // In a .cluster file a duration: 15s and 1m convert to the agent's seconds, 1500ms cannot.
    const written = imported.source!.replace(`${row.attribute} = 15s`, `${row.attribute} = 1m`);
    assert.equal(compiledValue(written, row.agent, row.attribute).value, '60', `${where} = 1m`);
    const fraction = compiledValue(imported.source!.replace(`${row.attribute} = 15s`, `${row.attribute} = 1500ms`), row.agent, row.attribute);
    assert.ok(fraction.errors.some((e) => e.startsWith('type/duration-unit:') && /whole number of seconds/.test(e)), `${where} = 1500ms: ${fraction.errors.join('; ')}`);
  });
}

test('fence delay: `delay = 15s` and a bare `delay = 15` compile to delay="15"; delay="15s" in raw cluster.conf fails check', () => {
  const base = importClusterConf(confWith('fence_ipmilan', 'delay', '15')).source!;
  assert.equal(compiledValue(base, 'fence_ipmilan', 'delay').value, '15');
  assert.equal(compiledValue(base.replace('delay = 15s', 'delay = 15'), 'fence_ipmilan', 'delay').value, '15');
  const raw = confWith('fence_ipmilan', 'delay', '15s');
  const check = lintSource(raw, { fileName: 'cluster.conf' }).diagnostics.find((d) => d.rule === 'fence/non-integer-option');
  assert.ok(check && check.severity === 'error' && /int\(/.test(check.message), check?.message);
});
