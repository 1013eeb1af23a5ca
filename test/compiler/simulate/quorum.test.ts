// The quorum arithmetic on inputs a fuzzer or a broken file brings: vote values as large as an int
// holds must cost what small ones cost (the minority search once walked an array as long as the
// total of the votes, and a node with votes="2147483647" hung `quorate lint`).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { quorateMinority, type QuorumInputs } from '../../../compiler/simulate/quorum.ts';
import { lintSource } from '../../../compiler/lint.ts';

const inputs = (votes: number[], expectedVotes: number): QuorumInputs => ({ votes, expectedVotes, twoNode: false, qdiskVotes: 0 }) as QuorumInputs;

test('a quorate minority is found with small votes (5 nodes, expected_votes 3 against 5 votes)', () => {
  assert.deepEqual(quorateMinority(inputs([1, 1, 1, 1, 1], 3)), [0, 1]);
});

test('huge votes: the minority search answers at once and exactly (two 2147483647-vote nodes of four)', () => {
  const big = 2147483647;
  // Total 4·big; expected_votes 3 → quorum 2, so one big node (big ≤ half the total) is quorate alone.
  assert.deepEqual(quorateMinority(inputs([big, big, big, big], 3)), [0]);
  assert.equal(quorateMinority(inputs([big, big, big, big], 4 * big)), undefined);
});

test('many distinct huge votes: the search keeps at most MINORITY_SUM_LIMIT sums and still answers', () => {
  const votes = Array.from({ length: 40 }, (_, i) => 1_000_003 * (i + 1) + i * i * 7919);
  const total = votes.reduce((a, b) => a + b, 0);
  const found = quorateMinority(inputs(votes, total));
  assert.equal(found, undefined); // expected_votes = total: no minority is quorate
  const weak = quorateMinority(inputs(votes, 3));
  assert.deepEqual(weak, [0]); // the first node alone holds more than quorum 2 and less than half
});

test('the fuzzer\'s reproducer: a raw cluster.conf with votes="2147483648" lints (cman reads it as -2147483648)', () => {
  const conf = `<?xml version="1.0"?>
<cluster config_version="1" name="beekhof">
    <fence_daemon clean_start="0" post_fail_delay="0" post_join_delay="3"/>
    <clusternodes>
            <clusternode name="pcmk-1" nodeid="1" votes="2147483648">
                    <fence/>
            </clusternode>
            <clusternode name="pcmk-2" nodeid="2" votes="1">
`;
  const result = lintSource(conf, { kind: 'cluster-conf' });
  assert.equal(result.diagnostics.filter((d) => /internal/.test(d.rule)).length, 0);
  for (const hugeVotes of ['2147483647', '2147483648']) {
    const again = lintSource(conf.replace('2147483648', hugeVotes), { kind: 'cluster-conf' });
    assert.equal(again.diagnostics.filter((d) => /internal/.test(d.rule)).length, 0);
  }
});
