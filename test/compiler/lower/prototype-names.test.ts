// Names the admin writes are never looked up in a plain object: `constructor`, `toString`,
// `hasOwnProperty` and `__proto__` are names like any other (an unknown plugin, block, unit or
// parameter), never an inherited member of Object.prototype that crashes lowering or vanishes.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileText } from '../../../compiler/api.ts';
import { lintSource } from '../../../compiler/lint.ts';
import { emitClusterConf } from '../../../compiler/emit/cluster-conf.ts';

const PROTOTYPE_NAMES = ['constructor', 'toString', 'hasOwnProperty', 'valueOf', '__proto__', '__defineGetter__', 'isPrototypeOf'];

const nodes = 'config_version = 1\n  node n1 { id = 1 }\n  node n2 { id = 2 }';

function noInternal(text: string): ReturnType<typeof compileText> {
  const r = compileText(text);
  const internal = r.diagnostics.filter((d) => d.rule.endsWith('/internal') || d.rule.startsWith('internal/'));
  assert.deepEqual(internal, [], text);
  const lint = lintSource(text, { kind: 'cluster' });
  assert.deepEqual(lint.diagnostics.filter((d) => d.rule.endsWith('/internal') || d.rule.startsWith('internal/')), [], text);
  return r;
}

for (const name of PROTOTYPE_NAMES) {
  test(`fence_virtd: a listener or backend named ${name} is an unknown plugin`, () => {
    for (const kind of ['listener', 'backend']) {
      const r = noInternal(`cluster c {\n  ${nodes}\n}\nfence_virtd { ${kind} ${name} { } }\n`);
      assert.ok(r.diagnostics.some((d) => d.rule === `fence-virt/unknown-${kind}`), JSON.stringify(r.diagnostics));
      const sel = noInternal(`cluster c {\n  ${nodes}\n}\nfence_virtd { ${kind} = ${name} }\n`);
      assert.ok(sel.diagnostics.some((d) => d.rule === `fence-virt/unknown-${kind}`), JSON.stringify(sel.diagnostics));
    }
  });

  test(`raw { ${name} = "x" } is an attribute like any other`, () => {
    const r = noInternal(`cluster c {\n  ${nodes}\n  raw { ${name} = "x" }\n  cman { raw { ${name} = "y" } }\n}\n`);
    // In the model, where the schema check of the compiled file finds each (no such attribute
    // there), so compile writes nothing; the model is what it would write.
    assert.deepEqual(r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message), [`<cluster>`, `<cman>`].map((on) => `the cluster.conf this compiles to fails the schema check (ccs_config_validate): the schema allows no attribute ${name} on ${on}`));
    assert.equal(r.outputs.length, 0);
    const xml = emitClusterConf(r.analysis!.cluster!);
    assert.match(xml, new RegExp(`<cluster [^>]*\\b${name}="x"`));
    assert.match(xml, new RegExp(`<cman [^>]*\\b${name}="y"`));
  });

  test(`a block, nested block, duration unit or parameter named ${name} is reported, not looked up`, () => {
    const r = noInternal(`cluster c {\n  ${nodes}\n  ${name} { }\n  cman { ${name} { } }\n  totem { token = 10${name} }\n  resources { ip a { address = "10.0.0.1"; ${name} = 1 } }\n  service s { ${name} = 1; use a { ${name} = 1 } }\n}\n`);
    const rules = r.diagnostics.map((d) => d.rule);
    for (const rule of ['structure/unknown-block', 'type/duration-unit', 'resource/unknown-parameter']) assert.ok(rules.includes(rule), `${rule} in ${rules.join(', ')}`);
  });
}
