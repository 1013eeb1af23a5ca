// What lowering adds that the admin did not write: the quorum settings cman needs for the node
// count (`two_node`, `expected_votes`: `deriveQuorum`) and the order ccs writes the children of
// `<cluster>` and `<rm>` in (`orderChildren`). Both run over the finished model, after every block
// is lowered, so they read only the model (no source, no symbols) and import nothing else of
// lowering; the ordering lives here because, like the quorum values, it is derived rather than
// written, and emit relies on it (it writes elements in model order).

import { element as elementSpec } from '../catalogue/index.ts';
import { type ConfElement, child, container, element, getAttribute, setAttribute } from '../model/conf.ts';
import { ClusterFacts } from '../model/facts.ts';

/**
 * two_node and expected_votes, when not written: a cluster of exactly two one-vote nodes
 * without a quorum disk gets two_node=1 and expected_votes=1; with a quorum disk
 * expected_votes is the nodes' votes plus the disk's (qdisk(5) asks for it explicitly).
 */
export function deriveQuorum(cluster: ConfElement): void {
  // The votes, the qdisk's automatic votes and two_node as cman and qdiskd read them: one home
  // (ClusterFacts), so what compile derives agrees with what the simulator and the rules assume.
  const facts = new ClusterFacts(cluster);
  const cman = child(cluster, 'cman');
  const twoNodeWritten = cman && getAttribute(cman, 'two_node');
  const expectedWritten = cman && getAttribute(cman, 'expected_votes');
  let twoNode = facts.twoNode;
  const derived = element('cman');
  if (!twoNodeWritten && !facts.quorumd && facts.nodes.length === 2 && facts.nodes.every((n) => n.votes === 1)) {
    twoNode = true;
    setAttribute(derived, 'two_node', '1');
  }
  if (!expectedWritten) {
    if (twoNode) setAttribute(derived, 'expected_votes', '1');
    // No votes at all (a cluster with no nodes yet): nothing to derive, and 0 is no expected_votes.
    else if (facts.quorumd && facts.totalNodeVotes + facts.qdiskVotes > 0) setAttribute(derived, 'expected_votes', String(facts.totalNodeVotes + facts.qdiskVotes));
  }
  if (derived.attributes.length === 0) return;
  const target = cman ?? container(cluster, 'cman');
  for (const a of derived.attributes) setAttribute(target, a.name, a.value);
}

/** Children in the order ccs writes them (the catalogue's element order); lists keep source order. */
export function orderChildren(e: ConfElement): void {
  const order = elementSpec(e.tag)?.children;
  if (order && order.length > 0) {
    const rank = (tag: string) => {
      // Services and vms interleave in the order written.
      const t = tag === 'vm' ? 'service' : tag;
      const i = order.indexOf(t);
      return i < 0 ? order.length : i;
    };
    e.children = e.children
      .map((c, i) => ({ c, i }))
      .sort((a, b) => rank(a.c.tag) - rank(b.c.tag) || a.i - b.i)
      .map((x) => x.c);
  }
  for (const c of e.children) if (c.tag === 'rm' || c.tag === 'cluster') orderChildren(c);
}
