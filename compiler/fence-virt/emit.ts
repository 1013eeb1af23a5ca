// The model → fence_virt.conf text, as fence_virtd's own parser reads it: `key = "value";`,
// nothing between the quotes but the value, each block once (the daemon only sees the last
// block of a name), keys in a fixed order. Deterministic: same model, same bytes.

import type { FenceVirtModel, FvPlugin, FvValue } from './model.ts';
import { BACKENDS, DAEMON_KEYS, type FvKey, LISTENERS } from './spec.ts';

export function emitFenceVirtConf(m: FenceVirtModel): string {
  const out: string[] = ['# fence_virt.conf for fence_virtd, compiled by Quorate: edit the .cluster source, not this file.', ''];
  const line = (depth: number, s: string) => out.push('\t'.repeat(depth) + s);
  const assign = (depth: number, key: string, v: FvValue | string) => line(depth, `${key} = "${typeof v === 'string' ? v : v.value}";`);

  line(0, 'fence_virtd {');
  if (m.listener) assign(1, 'listener', m.listener.name);
  if (m.backend) assign(1, 'backend', m.backend.name);
  for (const k of DAEMON_KEYS) {
    const v = m.daemon.get(k.name);
    if (v && k.name !== 'listener' && k.name !== 'backend') assign(1, k.name, v);
  }
  line(0, '}');

  const section = (name: string, plugins: FvPlugin[], table: ReadonlyMap<string, FvKey[]>) => {
    if (plugins.length === 0) return;
    out.push('');
    line(0, `${name} {`);
    for (const p of plugins) {
      line(1, `${p.kind} {`);
      for (const k of table.get(p.kind) ?? []) {
        const v = p.values.get(k.name);
        if (v) assign(2, k.name, v);
      }
      line(1, '}');
    }
    line(0, '}');
  };
  section('listeners', m.listeners, LISTENERS);
  section('backends', m.backends, BACKENDS);

  if (m.groups.length > 0) {
    out.push('');
    line(0, 'groups {');
    for (const g of m.groups) {
      line(1, g.label ? `group = "${g.label.value}" {` : 'group {');
      for (const key of ['name', 'uuid', 'ip']) for (const v of g.values.get(key) ?? []) assign(2, key, v);
      line(1, '}');
    }
    line(0, '}');
  }
  return out.join('\n') + '\n';
}
