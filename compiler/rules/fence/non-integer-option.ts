import { defineRule, attrSpan } from '../rule.ts';
import { intReading, readInteger } from '../../catalogue/index.ts';
import { agentAttributes } from '../agent-values.ts';
import { quoteString } from '../../text/quote.ts';

export default defineRule({
  id: 'fence/non-integer-option',
  severity: 'error',
  validity: true,
  judgesRaw: true,
  summary: 'a fence option fencing.py converts with int() that is not an integer',
  description:
    'The python fence agents read `delay`, `power_wait`, `power_timeout`, `shell_timeout`, `login_timeout` and `retry_on` with python `int()` (`time.sleep(int(options["--delay"]))` in fencing.py\'s run_delay()), and paste `ipport`/`udpport` into the telnet, ssh or snmp command line. `delay="15s"` raises ValueError and the fence action fails — in the very race the delay was meant to win — and the node is never fenced. Write a whole number of seconds (`delay="15"`); in a .cluster file write `delay = 15s` (or `15`), which the compiler writes as `15`. It is part of `check` and `compile`, on cluster.conf and inside a .cluster `raw { }` block alike: compile writes nothing while a fence option would make the agent fail.',
  check(ctx) {
    for (const { element, attribute: a, spec, agent } of agentAttributes(ctx.facts)) {
      const r = intReading(spec.type);
      if (!r || r.reader !== 'fencing.py' || readInteger(r, a.value) !== undefined) continue;
      // A duration an admin wrote with a unit: offer the whole seconds it means.
      const secs = spec.type.kind === 'duration' ? wholeSeconds(a.value) : undefined;
      const what = spec.type.kind === 'duration' ? 'a whole number of seconds' : spec.name.endsWith('port') ? 'a port number' : 'an integer';
      ctx.report(attrSpan(element, a), `${a.name}="${a.value}" on ${agent} is not ${what}: ${r.onNonInteger} (${r.conversion === 'python-int' ? `int(options["--${a.name.replace(/_/g, '-')}"])` : 'the value goes on the command line as it is'})${secs ? `; write ${a.name}="${secs}"` : ''}`, {
        fixes: secs && a.span ? [{ title: `Write ${a.name}="${secs}"`, edits: [{ span: a.span, newText: ctx.input === 'cluster' ? quoteString(secs) : secs }] }] : [],
      });
    }
  },
});

const UNIT_MS: ReadonlyMap<string, number> = new Map([['ms', 1], ['s', 1000], ['m', 60_000], ['h', 3_600_000]]);

/** `15s`, `2m`, `3000ms` as whole seconds; undefined for anything else (`1500ms`, `15 s`). */
function wholeSeconds(value: string): string | undefined {
  const m = /^([0-9]{1,9})(ms|s|m|h)$/.exec(value.trim());
  if (!m) return undefined;
  const ms = Number(m[1]) * UNIT_MS.get(m[2]!)!;
  return ms % 1000 === 0 ? String(ms / 1000) : undefined;
}
