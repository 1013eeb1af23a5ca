import { defineRule, attrSpan } from '../rule.ts';
import { boolReading, booleanSpelling, describeReading, intReading, readBoolean, readInteger, wordMeaning } from '../../catalogue/index.ts';
import type { Fix } from '../../diagnostics.ts';
import { agentAttributes } from '../agent-values.ts';
import { quoteString } from '../../text/quote.ts';

const quoted = (xs: readonly string[]) => (xs.length ? xs.map((x) => `"${x}"`).join(', ') : 'nothing');

export default defineRule({
  id: 'agent/misread-value',
  severity: 'warning',
  summary: 'a value the agent reads differently from what it says',
  description:
    'rgmanager and fenced hand each value to the agent unchanged, and the agent\'s own script decides what it means — not cman, and not the metadata\'s `type="boolean"`. fs-lib.sh turns `quick_status` on only for `1`, so `quick_status="yes"` and `"on"` are **off**; ip.sh takes `disable_rdisc` only as `yes` or `1`, so `"on"` is off; ip.sh turns `monitor_link` off only for `no` and `0`, so `"off"` is on; the SAP agents refuse anything but their own words and the resource fails to start; a shell agent compares integers with `[ "$x" -gt 0 ]`, so `sleeptime="10s"` is an error there and the sleep is skipped. An error when the agent reads the opposite of the word (or refuses it), a warning when the spelling is no yes/no word or no plain integer. Write the spelling the agent reads as meant (the fix offers it), or, in a .cluster file, the typed `true`/`false` or a duration, which the compiler spells for the agent. The lines of each agent\'s code are in docs/agent-values.md. Integers that fencing.py converts with int() are fence/non-integer-option.',
  check(ctx) {
    const cluster = ctx.input === 'cluster';
    const spell = (x: string) => (cluster ? quoteString(x) : x);
    for (const { element, attribute: a, spec } of agentAttributes(ctx.facts)) {
      const span = attrSpan(element, a);
      const fixTo = (value: string, why: string): Fix[] => (a.span ? [{ title: `Write ${a.name}="${value}" (${why})`, edits: [{ span: a.span, newText: spell(value) }] }] : []);
      const b = boolReading(spec.type);
      if (b && spec.type.kind === 'boolean') {
        const read = readBoolean(b, a.value);
        if (read === 'unread') continue;
        const word = wordMeaning(a.value);
        if (read === 'error') {
          const meant = word && booleanSpelling(spec.type, word === 'on');
          ctx.report(span, `${a.name}="${a.value}" is refused by ${b.reader}: it accepts only ${quoted([...b.on, ...b.off])}, and the resource fails`, {
            severity: 'error',
            fixes: meant ? fixTo(meant, `${word}, as the word says`) : [],
          });
          continue;
        }
        if (word === read) continue;
        const meant = word ? booleanSpelling(spec.type, word === 'on') : undefined;
        const now = booleanSpelling(spec.type, read === 'on');
        ctx.report(span, `${a.name}="${a.value}" is ${read.toUpperCase()}: ${describeReading(b, read)}${meant !== undefined ? `; write ${a.name}="${meant}" for ${word}` : word ? `; ${b.reader} has no spelling for ${word}: remove the attribute` : ''}`, {
          severity: word ? 'error' : 'warning',
          fixes: meant !== undefined ? fixTo(meant, `${word}, as the word says`) : now !== undefined && !word ? fixTo(now, `what ${b.reader} does now`) : [],
        });
        continue;
      }
      const r = intReading(spec.type);
      if (!r || r.conversion === 'python-int') continue;
      if (/^[0-9]+$/.test(a.value)) continue;
      // fencing.py's ports break fencing: fence/non-integer-option reports them.
      if (r.conversion === 'text' && r.reader === 'fencing.py') continue;
      const n = readInteger(r, a.value);
      const unit = spec.type.kind === 'duration' ? ` ${spec.type.unit === 's' ? 'seconds' : 'milliseconds'}` : '';
      if (n === undefined) ctx.report(span, `${a.name}="${a.value}" is not an integer${unit ? ` number of${unit}` : ''}: ${r.onNonInteger} (${r.reader})`);
      else ctx.report(span, `${a.name}="${a.value}" is read as ${n}${unit} (${r.reader}: ${r.onNonInteger}); write ${a.name}="${n}"`, { fixes: fixTo(String(n), `what ${r.reader} reads`) });
    }
  },
});
