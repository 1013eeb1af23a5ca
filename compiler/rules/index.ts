// The linter core: run the rule catalogue over a model. Fast (no exhaustive simulation), so the
// language server can call it on every keystroke; compiler/simulate/ holds the slow part.

import { byPosition, type Diagnostic } from '../diagnostics.ts';
import type { ConfElement } from '../model/conf.ts';
import { findRule, rules } from './registry.ts';
import { type LintOptions, RuleContext } from './rule.ts';

export { findRule, rules } from './registry.ts';
export { docsUrl, type InputKind, type LintOptions, type Rule, type RuleMeta } from './rule.ts';

/**
 * The rules over the model: all of them, or only the validity rules (`check`, `compile`), or only
 * the others (`lint` after a check). Severity overrides apply; `off` drops the rule. Never throws:
 * a rule that crashes on odd input becomes an `internal/rule-crash` diagnostic instead.
 */
export function lintModel(model: ConfElement, options: LintOptions = {}): Diagnostic[] {
  const ctx = new RuleContext(model, options);
  const out: Diagnostic[] = [];
  for (const rule of rules) {
    if ((options.rules === 'validity' && !rule.validity) || (options.rules === 'lint' && rule.validity)) continue;
    if (options.severities?.[rule.id] === 'off' && !rule.refusesStart) continue;
    const before = ctx.diagnostics.length;
    try {
      ctx.run(rule);
    } catch (e) {
      ctx.diagnostics.push({ rule: 'internal/rule-crash', severity: 'error', message: `rule ${rule.id} failed on this input: ${(e as Error).message}; please report it`, span: { start: 0, end: 0 } });
    }
    out.push(...ctx.diagnostics.slice(before));
  }
  return applySeverities(out, options.severities).sort(byPosition);
}

/** The validity rules alone: what `check` and `compile` add to parsing, lowering and the schema. */
export function checkModel(model: ConfElement, options: Omit<LintOptions, 'rules' | 'severities'> = {}): Diagnostic[] {
  return lintModel(model, { ...options, rules: 'validity' });
}

/** Per-rule severity overrides from `.quorate.json`; rules that make cman refuse to start stay errors. */
export function applySeverities(diagnostics: Diagnostic[], severities: LintOptions['severities']): Diagnostic[] {
  if (!severities) return diagnostics;
  const out: Diagnostic[] = [];
  for (const d of diagnostics) {
    const s = severities[d.rule];
    const refuses = findRule(d.rule)?.refusesStart && d.severity === 'error';
    if (s === undefined || refuses) out.push(d);
    else if (s !== 'off') out.push({ ...d, severity: s });
  }
  return out;
}
