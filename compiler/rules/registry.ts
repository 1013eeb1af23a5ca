// The rule catalogue: every rule, in id order. One file per rule under compiler/rules/<area>/.
// To add a rule: write its file and add one import line here.

import l1 from './lint/suppression.ts';
import l2 from './lint/unused-suppression.ts';
import r1 from './config/cluster-name-length.ts';
import r2 from './config/nodeid.ts';
import r3 from './config/version.ts';
import r4 from './domain/priority.ts';
import r5 from './domain/unknown-node.ts';
import r6 from './fence/manual.ts';
import r7 from './fence/missing-parameter.ts';
import r8 from './fence/node-without-fencing.ts';
import r9 from './fence/race-no-delay.ts';
import r10 from './fence/undefined-device.ts';
import r11 from './fence/unfence.ts';
import r12 from './fence/unknown-parameter.ts';
import r13 from './fence/unused-device.ts';
import r14 from './qdisk/token-timing.ts';
import r15 from './quorum/expected-votes-mismatch.ts';
import r16 from './quorum/minority-partition-quorate.ts';
import r17 from './quorum/single-failure-loses-quorum.ts';
import r18 from './quorum/two-node-expected-votes.ts';
import r19 from './quorum/two-node-node-count.ts';
import r20 from './quorum/two-node-with-qdisk.ts';
import r21 from './resource/duplicate-unique.ts';
import r22 from './resource/forbidden-child.ts';
import r23 from './resource/max-instances.ts';
import r24 from './resource/missing-parameter.ts';
import r25 from './resource/undefined-ref.ts';
import r26 from './resource/unknown-parameter.ts';
import r27 from './resource/unused.ts';
import r28 from './service/boolean-value.ts';
import r29 from './service/exclusive-overcommit.ts';
import r30 from './service/recovery.ts';
import r31 from './service/undefined-domain.ts';
import r32 from './simulate/service-unplaceable.ts';
import r33 from './totem/consensus-join.ts';
import fenceVirt from './fence-virt/index.ts';
import x1 from './fence/duplicate-target.ts';
import x2 from './fence/kdump.ts';
import x3 from './fence/clean-start.ts';
import x4 from './qdisk/setup.ts';
import type { Rule } from './rule.ts';

export const rules: readonly Rule[] = [l1, l2, x1, x2, x3, x4, r1, r2, r3, r4, r5, r6, r7, r8, r9, r10, r11, r12, r13, r14, r15, r16, r17, r18, r19, r20, r21, r22, r23, r24, r25, r26, r27, r28, r29, r30, r31, r32, r33, ...fenceVirt].sort((a, b) => a.id.localeCompare(b.id));

export function findRule(id: string): Rule | undefined {
  return rules.find((r) => r.id === id);
}
