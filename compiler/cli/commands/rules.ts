import { docsUrl, rules as catalogue } from '../../lint.ts';
import { type Command, outputFormat } from '../command.ts';

export const rules: Command = {
  name: 'rules',
  synopsis: 'rules',
  summary: 'list every lint rule: id, default severity, what it finds',
  help: `Usage: quorate rules [--format text|json]

Lists the rule catalogue of 'quorate lint': each rule's id, default severity and one line about
what it finds. 'quorate explain RULE' prints a rule's documentation with examples.

Exit codes: 0, or 2 on a usage problem.

Example:
  quorate rules
  quorate rules --format json`,
  options: {},
  run(_positionals, values) {
    const format = outputFormat(values);
    if (format === 'json') {
      process.stdout.write(JSON.stringify({ rules: catalogue.map((r) => ({ id: r.id, severity: r.severity, summary: r.summary, docs: docsUrl(r.id), ...(r.refusesStart ? { refusesStart: true } : {}) })) }, null, 2) + '\n');
      return 0;
    }
    const w = Math.max(...catalogue.map((r) => r.id.length));
    for (const r of catalogue) process.stdout.write(`${r.id.padEnd(w)}  ${r.severity.padEnd(7)}  ${r.summary}\n`);
    process.stdout.write(`\n${catalogue.length} rules. 'quorate explain RULE' shows one in full.\n`);
    return 0;
  },
};
