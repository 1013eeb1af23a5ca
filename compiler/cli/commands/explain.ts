import { languageDiagnostics, languageDocs, ruleDocs, rules, suggest } from '../../api.ts';
import { type Command, UsageError } from '../command.ts';

export const explain: Command = {
  name: 'explain',
  synopsis: 'explain RULE',
  summary: "print a diagnostic's documentation with a bad and a good example",
  help: `Usage: quorate explain RULE

Prints the documentation of a diagnostic id (the same text as docs/rules/RULE.md): a lint rule
or an id reported by the language, the cluster.conf or fence_virt.conf reader, the importer or
the formatter. It says what happens on the real cluster, with a failing and a passing example.

Exit codes: 0, or 2 when RULE is not a diagnostic id.

Example:
  quorate explain fence/race-no-delay
  quorate explain type/duration-unit`,
  options: {},
  run(positionals) {
    if (positionals.length !== 1) throw new UsageError('explain needs exactly one RULE (see quorate rules)');
    const id = positionals[0]!;
    // The id is the user's text: only the tables' own entries count (`constructor` is no rule).
    const doc = Object.hasOwn(ruleDocs, id) ? ruleDocs[id] : Object.hasOwn(languageDocs, id) ? languageDocs[id] : undefined;
    if (doc === undefined) {
      const s = suggest(id, [...rules.map((r) => r.id), ...languageDiagnostics.map((d) => d.id)]);
      throw new UsageError(`no rule '${id}'${s ? `; did you mean '${s}'?` : ''} (see quorate rules)`);
    }
    process.stdout.write(doc.endsWith('\n') ? doc : doc + '\n');
    return 0;
  },
};
