import { defineRule, attrSpan } from '../rule.ts';
import { suggest } from '../../catalogue/index.ts';
import { attr } from '../../model/conf.ts';

export default defineRule({
  id: 'fence/undefined-device',
  severity: 'error',
  validity: true,
  summary: 'a fence method names a fence device that does not exist',
  description:
    'A `<device name="X">` in a node\'s fence method must name a `<fencedevice name="X">`. The schema rejects the file (IDREF), and fenced, which looks the device up by name, finds nothing: the method fails and the node cannot be fenced. Declare the fence device or correct the name.',
  check(ctx) {
    const f = ctx.facts;
    const names = f.fenceDevices.map((d) => attr(d, 'name') ?? '');
    for (const n of f.nodes)
      for (const d of [...f.deviceRefs(n).map((r) => r.element), ...f.unfenceDevices(n)]) {
        const name = attr(d, 'name') ?? '';
        if (names.includes(name)) continue;
        const s = suggest(name, names);
        const span = attrSpan(d, 'name');
        ctx.report(span, `fence device \`${name}\` is not defined${s ? `; did you mean \`${s}\`?` : ''}: fenced cannot fence \`${n.name}\` with this method`, { fixes: s && span.end > span.start ? [{ title: `Use ${s}`, edits: [{ span, newText: s }] }] : [] });
      }
  },
});
