// What a rule is: a stable id, a default severity, a one-paragraph doc, and a check over the
// model (compiler/model/conf.ts). Rules read only the model, so they run on .cluster sources and
// on raw cluster.conf alike. Each rule lives in its own file under compiler/rules/<area>/.

import type { Diagnostic, Fix, RelatedInformation, Severity, Span } from '../diagnostics.ts';
import type { ConfAttribute, ConfElement } from '../model/conf.ts';
import { ClusterFacts } from '../model/facts.ts';
import type { FenceVirtModel } from '../fence-virt/model.ts';

export const DOCS_BASE = 'https://github.com/quorate/quorate/blob/main/docs/rules/';

export function docsUrl(id: string): string {
  return `${DOCS_BASE}${id}.md`;
}

export type InputKind = 'cluster' | 'xml';

export interface RuleMeta {
  /** `area/what`, stable forever. */
  id: string;
  severity: Severity;
  /** One line for `quorate rules`. */
  summary: string;
  /** One paragraph: what goes wrong on the real cluster, and what to do instead. */
  description: string;
  /**
   * Part of what makes a file valid at all (a name that resolves to nothing, a parameter the
   * agent does not have, a node without an id): `check` and `compile` run the rule too, and
   * compile writes nothing while it reports an error. The other rules run in `lint` only.
   */
  validity?: boolean;
  /** cman/corosync refuse to start with this error: an inline suppression cannot silence it. */
  refusesStart?: boolean;
  /** Checks a whole-cluster simulation (cheap, bounded); still part of lintModel. */
  simulation?: boolean;
  /**
   * Also judges escape-hatch parts (`raw { }`, `xml = "…"`) in `check` and `compile`: what it
   * finds breaks the cluster however it was written (fence/non-integer-option: `raw { delay =
   * "15s" }` makes the fence agent fail), so compile must not write it. Use sparingly.
   */
  judgesRaw?: boolean;
}

export interface Rule extends RuleMeta {
  check(ctx: RuleContext): void;
}

export interface LintOptions {
  input?: InputKind;
  /** The deployed cluster.conf (its model), for `config/version`. */
  previous?: ConfElement;
  /** Per-rule severity override or 'off'. */
  severities?: Record<string, Severity | 'off'>;
  /** Which rules run: all (default), only the validity rules (check/compile), or only the others. */
  rules?: 'all' | 'validity' | 'lint';
  /** The host side of VM fencing (the `fence_virtd { }` block), for the fence-virt/* rules. */
  fenceVirt?: FenceVirtModel;
  /**
   * Parts of a .cluster source written through the escape hatch (`raw { }`, `xml = "…" { }`),
   * which compile writes as is, without checks: nothing is reported inside them. `check` and
   * `compile` pass them; `lint` does not, so it judges raw parts like the rest.
   */
  unchecked?: readonly Span[];
}

export class RuleContext {
  readonly diagnostics: Diagnostic[] = [];
  readonly facts: ClusterFacts;
  private current!: Rule;

  constructor(
    readonly model: ConfElement,
    readonly options: LintOptions,
  ) {
    this.facts = new ClusterFacts(model);
  }

  get input(): InputKind {
    return this.options.input ?? 'cluster';
  }

  run(rule: Rule): void {
    this.current = rule;
    rule.check(this);
  }

  /** Reports at a span; severity defaults to the rule's. */
  report(span: Span, message: string, extra: { severity?: Severity; related?: RelatedInformation[]; fixes?: Fix[] } = {}): void {
    if (!this.current.judgesRaw && this.options.unchecked?.some((u) => u.start <= span.start && span.end <= u.end)) return;
    const d: Diagnostic = { rule: this.current.id, severity: extra.severity ?? this.current.severity, message, span };
    if (extra.related && extra.related.length) d.related = extra.related;
    if (extra.fixes && extra.fixes.length) d.fixes = extra.fixes;
    this.diagnostics.push(d);
  }
}

const ZERO: Span = { start: 0, end: 0 };

/** Where to point for an element: its name, else the whole construct, else the file start. */
export function spanOf(e: ConfElement | undefined): Span {
  return e?.nameSpan ?? e?.span ?? ZERO;
}

/** Where to point for an attribute: its value, else its element. */
export function attrSpan(e: ConfElement | undefined, a: ConfAttribute | string | undefined): Span {
  const at = typeof a === 'string' ? e?.attributes.find((x) => x.name === a) : a;
  return at?.span ?? spanOf(e);
}

export function defineRule(rule: Rule): Rule {
  return rule;
}
