// What the simulator says about a service: its start order (rgmanager's resource tree, from
// compiler/simulate/order.ts) for hover and the "Show start order" command.

import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Analysis } from '../compiler/api.ts';
import { startOrder, stopOrder, type OrderStep } from '../compiler/simulate/order.ts';
import { analysisOf } from './documents.ts';

export const START_ORDER = 'quorate/startOrder';

function lines(steps: OrderStep[]): string[] {
  return steps.map((s) => `${'  '.repeat(s.depth)}[${s.op}] ${s.type}:${s.name}`);
}

/** Markdown lines appended to a service's hover. */
export function serviceHover(analysis: Analysis, name: string, kind: string): string[] {
  if (kind !== 'service' || !analysis.cluster) return [];
  const steps = startOrder(analysis.cluster, name);
  if (!steps || steps.length === 0) return [];
  return ['', 'start order (rgmanager):', '```', ...lines(steps), '```'];
}

/** The start and stop order of every service in the document, as text for a preview. */
export function startOrderText(doc: TextDocument): { text?: string; problems: string[] } {
  const state = analysisOf(doc);
  const cluster = state.analysis?.cluster;
  if (!cluster) return { problems: ['this file has no `cluster` block'] };
  const services = state.analysis!.symbols.symbols.filter((s) => s.kind === 'service');
  if (services.length === 0) return { problems: ['this cluster has no services'] };
  const out: string[] = [];
  for (const s of services) {
    const start = startOrder(cluster, s.name);
    const stop = stopOrder(cluster, s.name);
    out.push(`# service ${s.name}`);
    if (!start) out.push('(rgmanager would not load this service)');
    else out.push(...lines(start), '', ...lines(stop ?? []));
    out.push('');
  }
  return { text: out.join('\n'), problems: [] };
}
