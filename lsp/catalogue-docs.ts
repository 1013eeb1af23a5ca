// Markdown for hover and completion, rendered from the catalogue's own specs (docs, type,
// default, unit, how the agent reads the value). No facts of its own: everything shown comes
// from compiler/catalogue. Defaults are shown as the language writes them (`6s`, `true`), since
// that is what the admin types; cluster.conf's spelling follows in brackets when it differs.

import type { AttributeSpec, ElementSpec, FenceAgentSpec, ResourceAgentSpec, ValueType } from '../compiler/catalogue/index.ts';
import { boolReading, describeReading, intReading, sourceSpelling } from '../compiler/api.ts';

export function typeLabel(t: ValueType): string {
  switch (t.kind) {
    case 'string': return 'string';
    case 'integer': return `integer${range(t.min, t.max)}`;
    case 'duration': return `duration (written with a unit${t.bare ? `, or a bare number of ${t.unit === 's' ? 'seconds' : 'milliseconds'}` : ''}, emitted in ${t.unit})${range(t.min, t.max)}`;
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
  if (a.default !== undefined) {
    const spelled = sourceSpelling(a.type, a.default);
    lines.push(`default: \`${spelled ?? a.default}\`${spelled !== undefined && spelled !== a.default && spelled !== JSON.stringify(a.default) ? ` (cluster.conf: \`${a.default}\`)` : ''}`);
  }
  const b = boolReading(a.type);
  if (b && b.otherwise === 'error') lines.push(`read by ${b.reader}: on for ${b.on.map((x) => `\`${x}\``).join(', ')}, off for ${b.off.map((x) => `\`${x}\``).join(', ')}; anything else is refused (${b.source})`);
  else if (b && b.otherwise !== 'unread') lines.push(`read by ${b.reader}: ${describeReading(b, b.otherwise === 'on' ? 'on' : 'off').slice(b.reader.length + 1)} (${b.source})`);
  else if (b) lines.push(`not read by ${b.reader}: no value changes anything (${b.source})`);
  const r = intReading(a.type);
  if (r) lines.push(`read by ${r.reader} as an integer (${r.conversion}); otherwise ${r.onNonInteger} (${r.source})`);
  if (a.required) lines.push('required');
  if (a.secret) lines.push('secret: use `env("…")` or `file("…")`, never the value inline');
  if (a.deprecated) lines.push(`deprecated: ${a.deprecated}`);
  lines.push('', description(a.doc, a.longDoc));
  return lines.join('  \n').replace(/  \n  \n/g, '\n\n');
}

/**
 * The short description, then the long one, said once: the agents' metadata often starts the long
 * description with the short one, which then read twice in a row.
 */
function description(doc: string, longDoc: string | undefined): string {
  const long = longDoc?.trim();
  if (!long || long === doc.trim()) return doc;
  const short = doc.trim().replace(/\.$/, '');
  // A whole-word prefix only: 'Failover domain.' does not repeat in 'Failover domains define …'.
  return long.startsWith(short) && !/\w/.test(long[short.length] ?? '') ? long : `${doc}\n\n${long}`;
}

export function agentDoc(kind: 'resource agent' | 'fence agent' | 'element', spec: ResourceAgentSpec | FenceAgentSpec | ElementSpec): string {
  return `**${spec.name}** (${kind})\n\n${description(spec.doc, 'longDoc' in spec ? spec.longDoc : undefined)}`;
}
