// Markdown for hover and completion, rendered from the catalogue's own specs (docs, type,
// default, unit). No facts of its own: everything shown comes from compiler/catalogue.

import type { AttributeSpec, ElementSpec, FenceAgentSpec, ResourceAgentSpec, ValueType } from '../compiler/catalogue/index.ts';

export function typeLabel(t: ValueType): string {
  switch (t.kind) {
    case 'string': return 'string';
    case 'integer': return `integer${range(t.min, t.max)}`;
    case 'duration': return `duration (written with a unit, emitted in ${t.unit})${range(t.min, t.max)}`;
    case 'boolean': return `boolean (emitted as ${t.encoding})`;
    case 'enum': return t.values.map((v) => '`' + v + '`').join(' | ');
  }
}

function range(min?: number, max?: number): string {
  if (min === undefined && max === undefined) return '';
  if (max === undefined) return `, at least ${min}`;
  if (min === undefined) return `, at most ${max}`;
  return `, ${min}..${max}`;
}

export function attributeDoc(a: AttributeSpec, owner?: string): string {
  const lines = [`**${a.name}**${owner ? ` — ${owner}` : ''}`, '', `type: ${typeLabel(a.type)}`];
  if (a.type.kind === 'duration') lines.push(`unit: ${a.type.unit} in cluster.conf`);
  if (a.default !== undefined) lines.push(`default: \`${a.default}\``);
  if (a.required) lines.push('required');
  if (a.secret) lines.push('secret: use `env("…")` or `file("…")`, never the value inline');
  if (a.deprecated) lines.push(`deprecated: ${a.deprecated}`);
  lines.push('', a.doc);
  if (a.longDoc && a.longDoc !== a.doc) lines.push('', a.longDoc);
  return lines.join('  \n').replace(/  \n  \n/g, '\n\n');
}

export function agentDoc(kind: 'resource agent' | 'fence agent' | 'element', spec: ResourceAgentSpec | FenceAgentSpec | ElementSpec): string {
  const long = 'longDoc' in spec && spec.longDoc && spec.longDoc !== spec.doc ? `\n\n${spec.longDoc}` : '';
  return `**${spec.name}** (${kind})\n\n${spec.doc}${long}`;
}
