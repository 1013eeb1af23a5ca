// The agents' readings, each stored once in catalogue.json (`readings`) and referred to by id
// from the attribute types: fencing.py's one boolean reading covers hundreds of fence options.
// Ids are `<reader>#<n>`, numbered in the order the generator first meets them (deterministic:
// the input files are read in sorted order).

import type { BoolReading, IntReading } from '../../compiler/catalogue/types.ts';

export class ReadingTable {
  readonly booleans: Record<string, BoolReading> = {};
  readonly integers: Record<string, IntReading> = {};
  private readonly ids = new Map<string, string>();
  private readonly perReader = new Map<string, number>();

  /** The id of `reading`, adding it on first use. */
  intern(reading: BoolReading | IntReading): string {
    const key = JSON.stringify(reading);
    let id = this.ids.get(key);
    if (id === undefined) {
      const n = (this.perReader.get(reading.reader) ?? 0) + 1;
      this.perReader.set(reading.reader, n);
      id = `${reading.reader}#${n}`;
      this.ids.set(key, id);
      if ('otherwise' in reading) this.booleans[id] = reading;
      else this.integers[id] = reading;
    }
    return id;
  }
}
