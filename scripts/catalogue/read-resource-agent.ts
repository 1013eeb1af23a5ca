// Reads one rgmanager resource-agent metadata file (reference/resource-agents/*.xml) into its
// catalogue entry: parameters with rgmanager's flags, the child types and their start/stop
// levels, the actions; then applies the resource overlay.

import type { ActionSpec, AttributeSpec, ChildTypeSpec, ResourceAgentSpec, ValueType } from '../../compiler/catalogue/types.ts';
import { applyPatch, orderAttribute } from './attribute.ts';
import { AGENT_FILE_WITHOUT_SH, RESOURCE_OVERLAY, RESOURCE_READINGS } from './overlay.ts';
import { withReading } from './attribute.ts';
import type { ReadingTable } from './readings.ts';
import { atoi, collapse, elementChildren, firstChild, firstSentence, parseXml, rgFlag } from './xml.ts';

function agentFile(name: string): string {
  // db2.sh declares name="db2.sh" itself (domain-facts §7.7 `db2.sh`; reference/README §2).
  if (name.endsWith('.sh') || AGENT_FILE_WITHOUT_SH.has(name)) return name;
  return `${name}.sh`;
}

function metadataType(t: string | null, agent: string, param: string): ValueType {
  switch (t) {
    case 'string':
      return { kind: 'string' };
    case 'integer':
    case 'number': // postgres-8 startup_wait says "number" (§7.7 postgres-8)
      return { kind: 'integer' };
    case 'boolean':
      return { kind: 'boolean', encoding: '1/0' };
    default:
      throw new Error(`${agent}.${param}: unknown metadata content type ${JSON.stringify(t)}`);
  }
}

/** Names that must never be written inline (a password by any other name). */
function isSecretName(name: string): boolean {
  return /passw(or)?d/i.test(name) && !/_script$/i.test(name);
}

export function readResourceAgent(text: string, file: string, table: ReadingTable): ResourceAgentSpec {
  const root = parseXml(text);
  if (root.nodeName !== 'resource-agent') throw new Error(`${file}: not a <resource-agent>`);
  const name = root.getAttribute('name');
  if (!name) throw new Error(`${file}: no name`);
  const shortdesc = collapse(firstChild(root, 'shortdesc')?.textContent);
  const longdesc = collapse(firstChild(root, 'longdesc')?.textContent);

  const params: AttributeSpec[] = [];
  let primary: string | undefined;
  for (const p of elementChildren(firstChild(root, 'parameters') ?? root, 'parameter')) {
    const pname = p.getAttribute('name');
    if (!pname) throw new Error(`${file}: parameter without a name`);
    if (params.some((q) => q.name === pname)) throw new Error(`${file}: duplicate parameter ${pname}`);
    const content = firstChild(p, 'content');
    const isPrimary = rgFlag(p.getAttribute('primary'));
    const inherit = p.getAttribute('inherit');
    const sd = collapse(firstChild(p, 'shortdesc')?.textContent);
    const ld = collapse(firstChild(p, 'longdesc')?.textContent);
    const spec: AttributeSpec = {
      name: pname,
      type: metadataType(content?.getAttribute('type') ?? 'string', name, pname),
      // primary implies required (§7.7 legend: rgmanager refuses a resource without it).
      required: rgFlag(p.getAttribute('required')) || isPrimary,
      doc: sd || firstSentence(ld),
    };
    if (rgFlag(p.getAttribute('unique'))) spec.unique = true;
    if (isPrimary) {
      if (primary) throw new Error(`${file}: multiple primary parameters`); // §7.1
      primary = pname;
      spec.primary = true;
    }
    if (rgFlag(p.getAttribute('reconfig'))) spec.reconfig = true;
    if (inherit) spec.inherit = inherit; // §7.1: the spec string is the stored value
    const def = content?.getAttribute('default');
    if (!inherit && def !== null && def !== undefined && def !== '') spec.default = def;
    if (ld) spec.longDoc = ld;
    if (isSecretName(pname)) spec.secret = true;
    params.push(spec);
  }
  // §7.1: the primary attribute is moved to index 0.
  if (primary) {
    const i = params.findIndex((p) => p.name === primary);
    params.unshift(...params.splice(i, 1));
  }
  const overlay = RESOURCE_OVERLAY[name] ?? {};
  for (const pname of Object.keys(overlay)) {
    const i = params.findIndex((p) => p.name === pname);
    if (i < 0) throw new Error(`overlay: ${name} has no parameter ${pname}`);
    params[i] = applyPatch(params[i]!, overlay[pname]!, `${name}.${pname}`);
  }
  const readings = RESOURCE_READINGS[name] ?? {};
  for (const pname of Object.keys(readings)) {
    const i = params.findIndex((p) => p.name === pname);
    if (i < 0) throw new Error(`readings: ${name} has no parameter ${pname}`);
    params[i] = withReading(params[i]!, readings[pname]!, table, `${name}.${pname}`);
  }

  // §7.1: <special tag="rgmanager"><attributes maxinstances init_on_add destroy_on_delete/> and <child/>.
  let maxInstances: number | undefined;
  let initOnAdd = true;
  let destroyOnDelete = true;
  const children: ChildTypeSpec[] = [];
  for (const special of elementChildren(root, 'special')) {
    if (special.getAttribute('tag') !== 'rgmanager') continue;
    for (const a of elementChildren(special, 'attributes')) {
      const mi = a.getAttribute('maxinstances');
      if (mi !== null && atoi(mi) > 0) maxInstances = atoi(mi);
      const ia = a.getAttribute('init_on_add');
      if (ia !== null) initOnAdd = rgFlag(ia);
      const dd = a.getAttribute('destroy_on_delete');
      if (dd !== null) destroyOnDelete = rgFlag(dd);
    }
    for (const c of elementChildren(special, 'child')) {
      const type = c.getAttribute('type');
      if (!type) throw new Error(`${file}: <child> without type`);
      const spec: ChildTypeSpec = { type };
      const start = c.getAttribute('start');
      const stop = c.getAttribute('stop');
      if (start !== null) spec.start = atoi(start);
      if (stop !== null) spec.stop = atoi(stop);
      if (rgFlag(c.getAttribute('forbid'))) spec.forbid = true;
      children.push(spec);
    }
  }

  const actions: ActionSpec[] = [];
  for (const a of elementChildren(firstChild(root, 'actions') ?? root, 'action')) {
    const an = a.getAttribute('name');
    if (!an) throw new Error(`${file}: action without a name`);
    const spec: ActionSpec = { name: an };
    for (const k of ['timeout', 'interval', 'depth'] as const) {
      const v = a.getAttribute(k);
      if (v !== null) spec[k] = v;
    }
    actions.push(spec);
  }

  const out: ResourceAgentSpec = {
    name,
    agentFile: agentFile(name),
    doc: shortdesc || firstSentence(longdesc),
    ...(longdesc && longdesc !== shortdesc ? { longDoc: longdesc } : {}),
    ...(maxInstances !== undefined ? { maxInstances } : {}),
    initOnAdd,
    destroyOnDelete,
    parameters: params.map(orderAttribute),
    ...(primary ? { primary } : {}),
    children,
    actions,
  };
  return out;
}
