// What an attribute value means to the program that reads it, for "is this the same
// configuration?": an agent-read boolean is its reading (monitor_link="yes" and "1" are both
// on for ip.sh; quick_status="yes" and "0" are both off for fs-lib.sh), every other value is
// its text. The importer's self-check and the round-trip tests compare cluster.conf trees
// through it, so `quick_status = false` written back as "0" counts as what "yes" was.

import { attributeOf, boolReading, fenceAgent, readBoolean, resourceAgent, type AttributeSpec } from '../catalogue/index.ts';
import { attr, child, type ConfAttribute, type ConfElement } from '../model/conf.ts';

export type ValueMeaning = (owner: ConfElement, a: ConfAttribute) => string;

/** The meaning of each attribute in the tree under `root` (a whole <cluster>). */
export function meaningIn(root: ConfElement): ValueMeaning {
  const devices = new Map<string, string>();
  for (const d of child(root, 'fencedevices')?.children ?? []) {
    const name = attr(d, 'name');
    const agent = attr(d, 'agent');
    if (d.tag === 'fencedevice' && name !== undefined && agent !== undefined && !devices.has(name)) devices.set(name, agent);
  }
  const specsOf = (e: ConfElement): readonly AttributeSpec[] | undefined => {
    if (e.tag === 'fencedevice') return fenceAgent(attr(e, 'agent') ?? '')?.parameters;
    if (e.tag === 'device') return fenceAgent(devices.get(attr(e, 'name') ?? '') ?? '')?.parameters;
    return resourceAgent(e.tag)?.parameters;
  };
  return (owner, a) => {
    const specs = specsOf(owner);
    const spec = specs && attributeOf(specs, a.name);
    const reading = spec && boolReading(spec.type);
    if (!reading) return a.value;
    const read = readBoolean(reading, a.value);
    return read === 'error' ? a.value : `⟨${read}⟩`;
  };
}
