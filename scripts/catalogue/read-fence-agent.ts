// Reads one RHEL 6 fence-agent metadata file (reference/fence-agents-rhel6/*.xml) into its
// catalogue entry: parameters with their types, defaults and docs, and the actions.

import type { AttributeSpec, FenceAgentSpec, ValueType } from '../../compiler/catalogue/types.ts';
import { orderAttribute } from './attribute.ts';
import { BOOL_10, FENCE_DEPRECATED, FENCE_OPTION_DEPRECATED, FENCE_OPTION_DOC, FENCE_SECRETS, oneOf, STRING } from './overlay.ts';
import { collapse, elementChildren, firstChild, parseXml } from './xml.ts';

export function readFenceAgent(text: string, file: string): FenceAgentSpec {
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
    const ld = collapse(firstChild(p, 'longdesc')?.textContent);
    if (ld) spec.longDoc = ld;
    if (FENCE_SECRETS.has(pname)) spec.secret = true;
    const deprecated = FENCE_DEPRECATED[name]?.[pname];
    if (deprecated !== undefined) spec.deprecated = deprecated;
    params.push(spec);
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
