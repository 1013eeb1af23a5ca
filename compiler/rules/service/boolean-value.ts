import { defineRule, attrSpan } from '../rule.ts';
import { atoiFlag, rgmanagerAutostart, rgmanagerExclusive } from '../../model/read.ts';
import type { ConfElement } from '../../model/conf.ts';

export default defineRule({
  id: 'service/boolean-value',
  severity: 'error',
  summary: 'a 0/1 flag written as yes/true/on',
  description:
    'rgmanager reads most flags with C `atoi()`: `autostart="yes"` parses as 0 and turns autostart **off**, `ordered="yes"`, `restricted="true"` and `nofailback="on"` mean 0, and `exclusive="true"` is not exclusive (only "yes" or a positive number is). The file looks right and behaves the opposite way. Write 0 or 1; a .cluster file takes `true`/`false` and emits the right spelling.',
  check(ctx) {
    const f = ctx.facts;
    const flag = (el: ConfElement, name: string, what: string, meaning: (v: string) => boolean) => {
      const a = el.attributes.find((x) => x.name === name);
      if (!a || /^\s*[01]\s*$/.test(a.value)) return;
      const on = meaning(a.value);
      ctx.report(attrSpan(el, a), `${name}="${a.value}" on ${what} means ${on ? 'ON' : 'OFF'} to rgmanager${on ? '' : ` (it reads the value as a number)`}; write ${name}="${on ? 1 : 0}"${on ? '' : ` or ${name}="1" if you meant it`}`, {
        // An error when the value reads the other way round to a human; a warning when it merely is not 0/1.
        severity: /^\s*(yes|true|on|y|[1-9]\d*)\s*$/i.test(a.value) === on && (on || /^\s*(no|false|off|n)\s*$/i.test(a.value)) ? 'warning' : 'error',
        fixes: a.span ? [{ title: `Write ${on ? 1 : 0}`, edits: [{ span: a.span, newText: on ? '1' : '0' }] }] : [],
      });
    };
    for (const s of f.services) {
      const what = `${s.type} \`${s.name}\``;
      flag(s.element, 'autostart', what, rgmanagerAutostart);
      flag(s.element, 'exclusive', what, rgmanagerExclusive);
      // nfslock is service.sh's, not rgmanager's: it reads "yes" and "1" as on (agent/misread-value).
    }
    for (const d of f.domains)
      for (const name of ['ordered', 'restricted', 'nofailback']) flag(d.element, name, `failover domain \`${d.name}\``, atoiFlag);
  },
});
