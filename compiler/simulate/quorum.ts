// cman's quorum arithmetic (domain-facts §2.2 and Correction 2):
//   quorum = max((E + 2) / 2, (T + 2) / 2)   integer division; E = expected votes, T = total votes
//   of the members (+ the quorum disk's votes while qdiskd polls); it never decreases on its own,
//   so after failures it stays at the value reached with every node up; two_node with at most two
//   members forces it to 1.

import type { ClusterFacts } from '../model/facts.ts';

export interface QuorumInputs {
  votes: number[];
  expectedVotes: number;
  twoNode: boolean;
  qdiskVotes: number;
}

export function quorumInputs(f: ClusterFacts): QuorumInputs {
  return { votes: f.nodes.map((n) => n.votes), expectedVotes: f.expectedVotes, twoNode: f.twoNode, qdiskVotes: f.qdiskVotes };
}

export const half = (n: number) => Math.floor((n + 2) / 2);

/** Quorum once every node (and the quorum disk) has joined: the value failures keep. */
export function fullQuorum(q: QuorumInputs): number {
  const total = q.votes.reduce((a, b) => a + b, 0) + q.qdiskVotes;
  if (q.twoNode && q.votes.length <= 2) return 1;
  return Math.max(half(q.expectedVotes), half(total));
}

export interface QuorumState {
  quorum: number;
  votes: number;
  quorate: boolean;
}

/** After the nodes in `failed` (bit i = node i) died, from a cluster that had every node up. */
export function afterFailures(q: QuorumInputs, failedMask: number, qdiskAlive = true): QuorumState {
  let votes = 0;
  let members = 0;
  for (let i = 0; i < q.votes.length; i++)
    if (!(failedMask & (1 << i))) {
      votes += q.votes[i]!;
      members++;
    }
  if (members > 0 && qdiskAlive) votes += q.qdiskVotes;
  let quorum = fullQuorum(q);
  if (q.twoNode && members <= 2) quorum = 1;
  return { quorum, votes, quorate: members > 0 && votes >= quorum };
}

/** A partition that boots on its own (nothing to keep the quorum high): quorate by itself? */
export function bootsAlone(q: QuorumInputs, votes: number, members: number): QuorumState {
  let quorum = Math.max(half(q.expectedVotes), half(votes));
  if (q.twoNode && members <= 2) quorum = 1;
  return { quorum, votes, quorate: members > 0 && votes >= quorum };
}

/**
 * How many distinct vote sums the minority search keeps. Real clusters have small votes, so the
 * sums are few (at most the total); only hostile or broken files (votes="2147483647" on every
 * node) reach the cap, and then the search goes on with the sums it has: it may miss a minority,
 * never invent one.
 */
export const MINORITY_SUM_LIMIT = 20_000;

/**
 * The smallest set of nodes holding at most half of all votes (quorum disk votes counted on the
 * other side) that is quorate when it boots alone — a split-brain waiting to happen. Subset sums
 * by dynamic programming over the sums the votes reach (a sparse map, not an array as long as the
 * total, so votes="2147483647" costs no more than votes="1"), exact up to MINORITY_SUM_LIMIT sums.
 */
export function quorateMinority(q: QuorumInputs): number[] | undefined {
  if (q.twoNode) return undefined; // two_node is this on purpose; fencing decides (fence/race-no-delay)
  const total = q.votes.reduce((a, b) => a + b, 0) + q.qdiskVotes;
  // For each reachable sum: the fewest nodes that reach it, as a chain back to the empty set.
  interface Reach { count: number; node: number; from: Reach | undefined }
  const empty: Reach = { count: 0, node: -1, from: undefined };
  let best = new Map<number, Reach>([[0, empty]]);
  q.votes.forEach((v, i) => {
    // A node without a positive vote never makes a set quorate with fewer nodes.
    if (!(v > 0)) return;
    const next = new Map(best);
    for (const [sum, reach] of best) {
      const to = sum + v;
      if (2 * to > total) continue; // a minority holds at most half of all votes
      const had = next.get(to);
      if (had ? had.count <= reach.count + 1 : next.size >= MINORITY_SUM_LIMIT) continue;
      next.set(to, { count: reach.count + 1, node: i, from: reach });
    }
    best = next;
  });
  let found: Reach | undefined;
  for (const [v, reach] of [...best].sort((a, b) => a[0] - b[0])) {
    if (reach.count === 0 || reach.count === q.votes.length) continue;
    if (!bootsAlone(q, v, reach.count).quorate) continue;
    if (!found || reach.count < found.count) found = reach;
  }
  if (!found) return undefined;
  const set: number[] = [];
  for (let r: Reach | undefined = found; r && r.count > 0; r = r.from) set.unshift(r.node);
  return set;
}
