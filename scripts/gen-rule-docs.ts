// Generates docs/rules/<id>.md and compiler/rules/docs.generated.ts (what `quorate explain`
// prints) from the one source of truth: each rule's file (id, severity, summary, description)
// and its fixtures in test/fixtures/rules/<id>/ (the bad and the good example, and what lint
// reports on the bad one). A test regenerates both in memory and compares.
//
//   node --import tsx scripts/gen-rule-docs.ts

import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { lintSource, rules } from '../compiler/lint.ts';
import { LineIndex } from '../compiler/text/line-index.ts';
import { analyze, type Diagnostic, type SecretHost } from '../compiler/api.ts';
import { importClusterConf } from '../compiler/api.ts';
import { type LanguageDiagnostic, languageDiagnostics, sourceText } from '../compiler/rules/language.ts';
import { decodeSource } from '../compiler/text/decode.ts';

export const root = resolve(import.meta.dirname, '..');

function fixture(id: string, which: string): { name: string; text: string } {
  const d = join(root, 'test', 'fixtures', 'rules', id);
  const name = readdirSync(d).find((f) => f.startsWith(which + '.'))!;
  return { name, text: readFileSync(join(d, name), 'utf8') };
}

/** `file:line:col: severity rule: message` for each finding of `id`, as the CLI prints them. */
function findingLines(id: string, name: string, text: string, diagnostics: Diagnostic[]): string[] {
  const index = new LineIndex(text);
  return diagnostics
    .filter((d) => d.rule === id)
    .map((d) => {
      const p = index.position(d.span.start);
      return `${name}:${p.line}:${p.column}: ${d.severity} ${d.rule}: ${d.message}`;
    });
}

/** The "Bad" example, what `command` reports on it, and the "Good" example. */
function exampleSections(bad: { name: string; fence: string; shown: string }, good: { name: string; fence: string; shown: string }, command: string, found: string[]): string[] {
  return [
    `## Bad (\`${bad.name}\`)`,
    '',
    '```' + bad.fence,
    bad.shown.trimEnd(),
    '```',
    '',
    `\`${command}\` reports:`,
    '',
    '```',
    ...found,
    '```',
    '',
    `## Good (\`${good.name}\`)`,
    '',
    '```' + good.fence,
    good.shown.trimEnd(),
    '```',
    '',
  ];
}

export function renderRuleDocs(): Map<string, string> {
  const out = new Map<string, string>();
  for (const r of rules) {
    const bad = fixture(r.id, 'bad');
    const good = fixture(r.id, 'good');
    const lang = (name: string) => (name.endsWith('.conf') ? 'xml' : 'cluster');
    const found = findingLines(r.id, bad.name, bad.text, lintSource(bad.text, { fileName: bad.name }).diagnostics);
    const md = [
      `# ${r.id}`,
      '',
      `${r.summary.charAt(0).toUpperCase()}${r.summary.slice(1)}.`,
      '',
      `Default severity: **${r.severity}**${r.refusesStart ? ' — cman or corosync refuse to start: cannot be suppressed inline' : ''}${r.validity ? '. A validity rule: `quorate check` and `quorate compile` report it too (compile writes nothing while it is an error), on .cluster sources and raw cluster.conf alike.' : '.'}`,
      '',
      r.description,
      '',
      ...exampleSections({ name: bad.name, fence: lang(bad.name), shown: bad.text }, { name: good.name, fence: lang(good.name), shown: good.text }, 'quorate lint', found),
    ].join('\n');
    out.set(r.id, md);
  }
  return out;
}

// ---- Diagnostics of the language, the readers and the importer (compiler/rules/language.ts)

/** What `quorate compile` reads for the secret fixtures: one variable and one file exist. */
export const FIXTURE_SECRETS: SecretHost = {
  env: (name) => (name === 'IPMI_PASSWORD' ? 'fixture-password' : undefined),
  readFile: (path) => (path === '/etc/cluster/ipmi.passwd' ? 'fixture-password\n' : undefined),
};

/**
 * The diagnostics a fixture of a language diagnostic gets, the way a user gets them: bytes decoded
 * as every command does, then `quorate import` (via import), `quorate compile` with secrets (via
 * compile), or `quorate lint`/`check` (fence_virt.conf by its name, else .cluster or cluster.conf).
 */
export function languageFindings(entry: Pick<LanguageDiagnostic, 'via'>, name: string, bytes: Uint8Array): { text: string; diagnostics: Diagnostic[] } {
  const decoded = decodeSource(bytes);
  const text = decoded.text ?? '';
  if (decoded.diagnostics.length > 0) return { text, diagnostics: decoded.diagnostics };
  if (entry.via === 'import') return { text, diagnostics: importClusterConf(text).diagnostics };
  if (entry.via === 'compile') return { text, diagnostics: analyze(text, { secrets: FIXTURE_SECRETS }).diagnostics };
  return { text, diagnostics: lintSource(text, { fileName: name }).diagnostics };
}

/** The fixture name for a language diagnostic: bad.cluster, bad.conf or bad.fence_virt.conf. */
export function languageFixture(id: string, which: 'bad' | 'good'): { name: string; bytes: Uint8Array } | undefined {
  const d = join(root, 'test', 'fixtures', 'rules', id);
  let names: string[];
  try {
    names = readdirSync(d);
  } catch {
    return undefined;
  }
  const name = names.find((f) => f.startsWith(which + '.'));
  return name ? { name, bytes: readFileSync(join(d, name)) } : undefined;
}

function fence(name: string): string {
  return name.endsWith('fence_virt.conf') ? 'fence_virt.conf' : name.endsWith('.conf') ? 'xml' : 'cluster';
}

/** Valid UTF-8 as is; other bytes (and control characters) as \xNN, so a page shows what is there. */
export function showBytes(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i]!;
    const len = b < 0x80 ? 1 : b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 0;
    let ch: string | undefined;
    if (len > 0) {
      try {
        ch = new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(i, i + len));
      } catch {
        ch = undefined;
      }
    }
    if (ch === undefined || (b < 0x20 && b !== 0x0a && b !== 0x09 && b !== 0x0d)) {
      out += `\\x${b.toString(16).toUpperCase().padStart(2, '0')}`;
      i += 1;
    } else {
      out += ch;
      i += len;
    }
  }
  return out;
}

export function renderLanguageDocs(): Map<string, string> {
  const out = new Map<string, string>();
  for (const e of languageDiagnostics) {
    const head = [
      `# ${e.id}`,
      '',
      `${e.summary.charAt(0).toUpperCase()}${e.summary.slice(1)}.`,
      '',
      `Default severity: **${e.severity}**. Reported by ${sourceText(e.source)}; not a rule of the lint catalogue.`,
      '',
      e.description,
      '',
    ];
    if (e.internal) {
      out.set(e.id, [...head, 'This id reports a bug in Quorate, so there is no example: any input that triggers it is worth a bug report.', ''].join('\n'));
      continue;
    }
    const bad = languageFixture(e.id, 'bad')!;
    const good = languageFixture(e.id, 'good')!;
    const { text, diagnostics } = languageFindings(e, bad.name, bad.bytes);
    const found = findingLines(e.id, bad.name, text, diagnostics);
    const command = e.via === 'import' ? 'quorate import' : e.via === 'compile' ? 'quorate compile' : 'quorate lint';
    const md = [
      ...head,
      ...exampleSections({ name: bad.name, fence: fence(bad.name), shown: showBytes(bad.bytes) }, { name: good.name, fence: fence(good.name), shown: showBytes(good.bytes) }, command, found),
    ].join('\n');
    out.set(e.id, md);
  }
  return out;
}

export function renderDocsModule(docs: Map<string, string>, language: Map<string, string> = new Map()): string {
  const entries = [...docs].map(([id, md]) => `  ${JSON.stringify(id)}: ${JSON.stringify(md)},`);
  const lang = [...language].map(([id, md]) => `  ${JSON.stringify(id)}: ${JSON.stringify(md)},`);
  return `// Generated by scripts/gen-rule-docs.ts from compiler/rules/*/ and test/fixtures/rules/: do not edit.\n// What \`quorate explain RULE\` prints; the same text is docs/rules/RULE.md.\n\nexport const ruleDocs: Record<string, string> = {\n${entries.join('\n')}\n};\n${language.size ? `\n// The diagnostics of the language, the readers and the importer (compiler/rules/language.ts).\nexport const languageDocs: Record<string, string> = {\n${lang.join('\n')}\n};\n` : ''}`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const docs = renderRuleDocs();
  const language = renderLanguageDocs();
  for (const [id, md] of [...docs, ...language]) {
    const p = join(root, 'docs', 'rules', `${id}.md`);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, md);
  }
  writeFileSync(join(root, 'compiler', 'rules', 'docs.generated.ts'), renderDocsModule(docs, language));
  process.stdout.write(`${docs.size} rule docs and ${language.size} language diagnostic docs written\n`);
}
