// The typed model of a `fence_virtd { }` block: what fence_virt.conf will say, every value with
// the span it was written at (absent = the daemon's default applies). The emitter and the
// cross-file rules read only this.

import type { Span } from '../diagnostics.ts';

export interface FvValue {
  /** Exactly the text between the quotes in fence_virt.conf. */
  value: string;
  /** The value as written in the .cluster source. */
  span: Span;
}

export interface FvPlugin {
  /** Plugin name: `multicast`, `libvirt`, ... */
  kind: string;
  span: Span;
  nameSpan: Span;
  values: Map<string, FvValue>;
}

export interface FvGroup {
  label?: FvValue;
  span: Span;
  values: Map<string, FvValue[]>;
}

export interface FenceVirtModel {
  span: Span;
  kindSpan: Span;
  /** `fence_virtd { }` keys other than the listener/backend selection. */
  daemon: Map<string, FvValue>;
  listeners: FvPlugin[];
  backends: FvPlugin[];
  groups: FvGroup[];
  /** The listener and backend fence_virtd will run (named explicitly or the only block given). */
  listener?: { name: string; span: Span; plugin?: FvPlugin };
  backend?: { name: string; span: Span; plugin?: FvPlugin };
}
