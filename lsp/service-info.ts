// What the simulator says about a service: its start order (rgmanager's resource tree, from
// compiler/api.ts's startOrder) and where it runs after each single node failure (the simulator's
// scenarios), for hover and the "Show start order" command. Computed on request only, never
// while typing.

import type { TextDocument } from 'vscode-languageserver-textdocument';
import { buildResourceTree, children, simulateFailure, startOrder, stopOrder } from '../compiler/api.ts';
import type { Analysis, ConfElement, OrderStep, ResourceTree } from '../compiler/api.ts';
import { analysisOf, simulationEnabled } from './documents.ts';
import { HOVER_SIMULATION_BUDGET_MS } from './limits.ts';

export const START_ORDER = 'quorate/startOrder';

function lines(steps: OrderStep[]): string[] {
  return steps.map((s) => `${'  '.repeat(s.depth)}[${s.op}] ${s.type}:${s.name}`);
}

/** Builds rgmanager's resource tree of a model; a parameter so that tests can count the builds. */
export type TreeBuilder = (cluster: ConfElement) => ResourceTree;

/**
 * rgmanager's resource tree of one analysis, built once for it: every service's order reads the
 * same tree (building it per service made the preview of a large cluster quadratic).
 */
const trees = new WeakMap<ConfElement, ResourceTree>();
function treeOf(cluster: ConfElement, build: TreeBuilder): ResourceTree {
  let tree = trees.get(cluster);
  if (!tree) {
    tree = build(cluster);
    trees.set(cluster, tree);
  }
  return tree;
}

/** Markdown lines appended to a service's hover. */
export function serviceHover(analysis: Analysis, name: string, kind: string, build: TreeBuilder = buildResourceTree, now: () => number = () => performance.now()): string[] {
  if (kind !== 'service' || !analysis.cluster) return [];
  const out: string[] = [];
  const steps = startOrder(analysis.cluster, name, treeOf(analysis.cluster, build));
  if (steps && steps.length > 0) out.push('', 'start order (rgmanager):', '```', ...lines(steps), '```');
  out.push(...afterSingleFailures(analysis, name, now));
  return out;
}

/**
 * "node1 fails → runs on node2" for every node, from the simulator. A hover is answered while the
 * user waits and blocks the server's one thread: the rows stop at HOVER_SIMULATION_BUDGET_MS and
 * the hover says how many nodes it left out (`quorate simulate` has them all).
 */
function afterSingleFailures(analysis: Analysis, name: string, now: () => number): string[] {
  if (!simulationEnabled()) return [];
  const cluster = analysis.cluster!;
  const nodes = children(cluster, 'clusternodes').flatMap((c) => children(c, 'clusternode')).map((n) => n.attributes.find((a) => a.name === 'name')?.value).filter((n): n is string => !!n);
  if (nodes.length === 0 || nodes.length > 64) return [];
  const rows: string[] = [];
  const deadline = now() + HOVER_SIMULATION_BUDGET_MS;
  for (const [i, node] of nodes.entries()) {
    if (i > 0 && now() > deadline) {
      rows.push(`- … ${nodes.length - i} more node${nodes.length - i === 1 ? '' : 's'} not simulated here (over the hover's ${HOVER_SIMULATION_BUDGET_MS} ms budget): see \`quorate simulate\``);
      break;
    }
    const r = simulateFailure(cluster, [node]);
    if ('unknown' in r) continue;
    const view = r.services.find((s) => s.service === name);
    if (!view) return [];
    const where = view.state === 'started' ? `runs on ${view.owners.join(', ')}${view.moved ? ' (moved)' : ''}` : `${view.state}${view.reason ? `: ${view.reason}` : ''}`;
    rows.push(`- ${node} fails → ${where}`);
  }
  return rows.length > 0 ? ['', 'after a single node failure (simulated):', ...rows] : [];
}

/** The start and stop order of every service in the document, as text for a preview. */
export function startOrderText(doc: TextDocument, build: TreeBuilder = buildResourceTree): { text?: string; problems: string[] } {
  const state = analysisOf(doc);
  if (state.notAnalysed) return { problems: [state.notAnalysed] };
  const cluster = state.analysis?.cluster;
  if (!cluster) return { problems: ['this file has no `cluster` block'] };
  const services = state.analysis!.symbols.symbols.filter((s) => s.kind === 'service');
  if (services.length === 0) return { problems: ['this cluster has no services'] };
  const tree = treeOf(cluster, build);
  const out: string[] = [];
  for (const s of services) {
    const start = startOrder(cluster, s.name, tree);
    const stop = stopOrder(cluster, s.name, tree);
    out.push(`# service ${s.name}`);
    if (!start) out.push('(rgmanager would not load this service)');
    else out.push(...lines(start), '', ...lines(stop ?? []));
    out.push('');
  }
  return { text: out.join('\n'), problems: [] };
}
