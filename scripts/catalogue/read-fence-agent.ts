// Reads one RHEL 6 fence-agent metadata file (reference/fence-agents-rhel6/*.xml) into its
// catalogue entry: parameters with their types, defaults and docs, and the actions.

import type { AttributeSpec, FenceAgentSpec, ValueType } from '../../compiler/catalogue/types.ts';
import { orderAttribute, typeWithReading } from './attribute.ts';
import type { ReadingTable } from './readings.ts';
import {
  BOOL_10, FENCE_DEPRECATED, FENCE_EXTRA_PARAMETERS, FENCE_NOT_FENCING_PY, FENCE_OPTION_DEPRECATED, FENCE_OPTION_DOC, FENCE_OTHER_DELAY, FENCE_SECRETS,
  FENCING_PY_INTEGERS, FENCING_PY_PORT, fencingPyBoolean, fencingPyInteger, oneOf, STRING,
} from './overlay.ts';
import { collapse, elementChildren, firstChild, parseXml } from './xml.ts';

export function readFenceAgent(text: string, file: string, table: ReadingTable): FenceAgentSpec {
  const root = parseXml(text);
  if (root.nodeName !== 'resource-agent') throw new Error(`${file}: not a <resource-agent>`);
  const name = root.getAttribute('name');
  if (!name) throw new Error(`${file}: no name`);
  const doc = collapse(root.getAttribute('shortdesc') ?? firstChild(root, 'shortdesc')?.textContent);
  const longdesc = collapse(firstChild(root, 'longdesc')?.textContent);
  const params: AttributeSpec[] = [];
  for (const p of elementChildren(firstChild(root, 'parameters') ?? root, 'parameter')) {
    const pname = p.getAttribute('name');
    if (!pname) throw new Error(`${file}: parameter without a name`);
    if (params.some((q) => q.name === pname)) throw new Error(`${file}: duplicate parameter ${pname}`);
    const content = firstChild(p, 'content');
    const ctype = content?.getAttribute('type') ?? 'string';
    let type: ValueType;
    if (ctype === 'boolean') type = BOOL_10;
    else if (ctype === 'select') {
      const values = elementChildren(content!, 'option').map((o) => o.getAttribute('value') ?? '');
      type = values.length > 0 ? oneOf(...values) : STRING;
    } else type = STRING;
    const spec: AttributeSpec = {
      name: pname,
      type,
      required: p.getAttribute('required') === '1',
      doc: collapse(firstChild(p, 'shortdesc')?.textContent),
    };
    const def = content?.getAttribute('default');
    if (def !== null && def !== undefined && def !== '') spec.default = def;
    spec.type = agentReading(name, pname, spec.type, spec.default, table);
    const ld = collapse(firstChild(p, 'longdesc')?.textContent);
    if (ld) spec.longDoc = ld;
    if (FENCE_SECRETS.has(pname)) spec.secret = true;
    const deprecated = FENCE_DEPRECATED[name]?.[pname];
    if (deprecated !== undefined) spec.deprecated = deprecated;
    params.push(spec);
  }
  for (const extra of FENCE_EXTRA_PARAMETERS[name] ?? []) {
    if (params.some((q) => q.name === extra.name)) throw new Error(`${file}: ${extra.name} is in the metadata now: drop it from FENCE_EXTRA_PARAMETERS`);
    params.push({ name: extra.name, type: STRING, required: false, doc: extra.doc });
  }
  // Every agent has the deprecated `option` attribute (see the overlay), metadata or not.
  const option = params.find((p) => p.name === 'option');
  if (option) option.deprecated = FENCE_OPTION_DEPRECATED;
  else params.push({ name: 'option', type: STRING, required: false, doc: FENCE_OPTION_DOC, deprecated: FENCE_OPTION_DEPRECATED });
  const actions = elementChildren(firstChild(root, 'actions') ?? root, 'action').map((a) => {
    const an = a.getAttribute('name');
    if (!an) throw new Error(`${file}: action without a name`);
    return an;
  });
  return {
    name,
    doc,
    ...(longdesc && longdesc !== doc ? { longDoc: longdesc } : {}),
    parameters: params.map(orderAttribute),
    actions,
  };
}

/** The type as the agent's own code reads the value (overlay: FENCING_PY_*, FENCE_OTHER_DELAY). */
function agentReading(agent: string, param: string, type: ValueType, def: string | undefined, table: ReadingTable): ValueType {
  const where = `${agent}.${param}`;
  const port: ValueType = { kind: 'integer', min: 1, max: 65535 };
  if (FENCE_NOT_FENCING_PY.has(agent)) {
    const delay = Object.hasOwn(FENCE_OTHER_DELAY, agent) ? FENCE_OTHER_DELAY[agent] : undefined;
    if (param === 'delay' && delay) return typeWithReading({ kind: 'duration', unit: 's', min: 0, bare: true }, delay, table, where);
    return type;
  }
  if (type.kind === 'boolean') return typeWithReading(type, fencingPyBoolean(def === '1'), table, where);
  const int = Object.hasOwn(FENCING_PY_INTEGERS, param) ? FENCING_PY_INTEGERS[param] : undefined;
  if (int) return typeWithReading(int.type, fencingPyInteger(int.where), table, where);
  if (param === 'ipport' || param === 'udpport') return typeWithReading(port, FENCING_PY_PORT, table, where);
  return type;
}
