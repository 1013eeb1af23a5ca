// Several nodes may use one fence device, so the same finding (same place, same words) can come
// up once per node: report it once.

import type { Span } from '../../diagnostics.ts';
import type { RuleContext } from '../rule.ts';

export function once(report: RuleContext['report']): (span: Span | undefined, message: string, extra?: Parameters<RuleContext['report']>[2]) => void {
  const seen = new Set<string>();
  return (span, message, extra) => {
    if (!span) return;
    const key = `${span.start}:${span.end}:${message}`;
    if (seen.has(key)) return;
    seen.add(key);
    report(span, message, extra);
  };
}
