import { docsUrl, languageDiagnostics, rules as catalogue } from '../../api.ts';
import { type Command, outputFormat } from '../command.ts';

export const rules: Command = {
  name: 'rules',
  synopsis: 'rules',
  summary: 'list every lint rule and diagnostic id: id, default severity, what it finds',
  help: `Usage: quorate rules [--format text|json]

Lists the rule catalogue of 'quorate lint': each rule's id, default severity and one line about
what it finds; then, in a second section, the ids the language itself, the cluster.conf and
fence_virt.conf readers, the importer and the formatter report. 'quorate explain RULE' prints
the documentation of any of them with examples. In JSON the rules are under "rules" and the
other ids under "language" (each with the same fields, plus "source" and "internal").

Exit codes: 0, or 2 on a usage problem.

Example:
  quorate rules
  quorate rules --format json`,
  options: {},
  run(_positionals, values) {
    const format = outputFormat(values);
    if (format === 'json') {
      const language = languageDiagnostics.map((d) => ({ id: d.id, severity: d.severity, summary: d.summary, docs: docsUrl(d.id), source: d.source, ...(d.internal ? { internal: true } : {}) }));
      process.stdout.write(JSON.stringify({ rules: catalogue.map((r) => ({ id: r.id, severity: r.severity, summary: r.summary, docs: docsUrl(r.id), ...(r.refusesStart ? { refusesStart: true } : {}), ...(r.validity ? { validity: true } : {}) })), language }, null, 2) + '\n');
      return 0;
    }
    const w = Math.max(...catalogue.map((r) => r.id.length), ...languageDiagnostics.map((d) => d.id.length));
    for (const r of catalogue) process.stdout.write(`${r.id.padEnd(w)}  ${r.severity.padEnd(7)}  ${r.summary}\n`);
    process.stdout.write(`\nValidity rules (quorate check and compile run them too): ${catalogue.filter((r) => r.validity).map((r) => r.id).join(', ')}\n`);
    process.stdout.write(`\nReported by the language, the readers, the importer and the formatter (not lint rules):\n\n`);
    for (const d of languageDiagnostics) process.stdout.write(`${d.id.padEnd(w)}  ${d.severity.padEnd(7)}  ${d.summary}\n`);
    process.stdout.write(`\n${catalogue.length} rules and ${languageDiagnostics.length} other ids. 'quorate explain RULE' shows one in full.\n`);
    return 0;
  },
};
