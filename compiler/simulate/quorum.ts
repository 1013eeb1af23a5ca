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
 * The smallest set of nodes holding at most half of all votes (quorum disk votes counted on the
 * other side) that is quorate when it boots alone — a split-brain waiting to happen. Subset sums
 * by dynamic programming over the votes, so any cluster size is exact and fast.
 */
export function quorateMinority(q: QuorumInputs): number[] | undefined {
  if (q.twoNode) return undefined; // two_node is this on purpose; fencing decides (fence/race-no-delay)
  const total = q.votes.reduce((a, b) => a + b, 0) + q.qdiskVotes;
  // best[v] = the fewest nodes whose votes sum to v (and which nodes).
  const best: (number[] | undefined)[] = [[]];
  q.votes.forEach((v, i) => {
    for (let s = best.length - 1 + v; s >= v; s--) {
      const prev = best[s - v];
      if (prev && (!best[s] || best[s]!.length > prev.length + 1)) best[s] = [...prev, i];
    }
  });
  let found: number[] | undefined;
  for (let v = 1; v < best.length; v++) {
    const set = best[v];
    if (!set || set.length === 0 || set.length === q.votes.length) continue;
    if (2 * v > total) continue;
    if (!bootsAlone(q, v, set.length).quorate) continue;
    if (!found || set.length < found.length) found = set;
  }
  return found;
}
