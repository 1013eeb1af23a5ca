// Shaping one attribute spec: applying an overlay patch to what a reader extracted, and the fixed
// key order every attribute (and its type) has in catalogue.json, so the output is deterministic.

import type { AttributeSpec, BoolReading, IntReading, ValueType } from '../../compiler/catalogue/types.ts';
import type { Patch } from './overlay.ts';
import type { ReadingTable } from './readings.ts';

export function applyPatch(spec: AttributeSpec, patch: Patch, where: string): AttributeSpec {
  const out: AttributeSpec = { ...spec };
  if (patch.type) out.type = patch.type;
  if (patch.required !== undefined) out.required = patch.required;
  if (patch.default === null) delete out.default;
  else if (patch.default !== undefined) out.default = patch.default;
  if (patch.doc !== undefined) out.doc = patch.doc;
  if (patch.longDoc !== undefined) out.longDoc = patch.longDoc;
  if (patch.deprecated !== undefined) out.deprecated = patch.deprecated;
  if (patch.secret !== undefined) out.secret = patch.secret;
  if (out.type.kind === 'enum' && out.default !== undefined && !out.type.values.includes(out.default)) {
    throw new Error(`${where}: default ${out.default} is not one of ${out.type.values.join('|')}`);
  }
  return out;
}

/** Attaches how the agent reads the value; the reading must fit the type (boolean ↔ BoolReading). */
export function withReading(spec: AttributeSpec, reading: BoolReading | IntReading, table: ReadingTable, where: string): AttributeSpec {
  return { ...spec, type: typeWithReading(spec.type, reading, table, where) };
}

export function typeWithReading(t: ValueType, reading: BoolReading | IntReading, table: ReadingTable, where: string): ValueType {
  const isBool = 'otherwise' in reading;
  if (isBool && t.kind === 'boolean') return { ...t, reading: table.intern(reading) };
  if (!isBool && (t.kind === 'integer' || t.kind === 'duration')) return { ...t, reading: table.intern(reading) };
  throw new Error(`${where}: a ${isBool ? 'boolean' : 'integer'} reading on a ${t.kind}`);
}

/** Key order of an AttributeSpec in the JSON (fixed, so the output is deterministic). */
export function orderAttribute(a: AttributeSpec): AttributeSpec {
  const o: AttributeSpec = { name: a.name, type: orderType(a.type), required: a.required } as AttributeSpec;
  if (a.unique) o.unique = true;
  if (a.primary) o.primary = true;
  if (a.reconfig) o.reconfig = true;
  if (a.inherit !== undefined) o.inherit = a.inherit;
  if (a.default !== undefined) o.default = a.default;
  o.doc = a.doc;
  if (a.longDoc !== undefined && a.longDoc !== '' && a.longDoc !== a.doc) o.longDoc = a.longDoc;
  if (a.deprecated !== undefined) o.deprecated = a.deprecated;
  if (a.secret) o.secret = true;
  return o;
}

function orderType(t: ValueType): ValueType {
  switch (t.kind) {
    case 'string':
      return { kind: 'string' };
    case 'integer':
      return { kind: 'integer', ...(t.min !== undefined ? { min: t.min } : {}), ...(t.max !== undefined ? { max: t.max } : {}), ...(t.reading ? { reading: t.reading } : {}) };
    case 'duration':
      return {
        kind: 'duration',
        unit: t.unit,
        ...(t.min !== undefined ? { min: t.min } : {}),
        ...(t.max !== undefined ? { max: t.max } : {}),
        ...(t.bare ? { bare: true } : {}),
        ...(t.reading ? { reading: t.reading } : {}),
      };
    case 'boolean':
      return { kind: 'boolean', encoding: t.encoding, ...(t.reading ? { reading: t.reading } : {}) };
    case 'enum':
      return { kind: 'enum', values: [...t.values] };
  }
}
