// The rule catalogue: every rule, in id order. One file per rule under compiler/rules/<area>/,
// each imported here under the name of its id (`fence/race-no-delay` → fenceRaceNoDelay).
// To add a rule: write its file, import it here and list it below.

import agentMisreadValue from './agent/misread-value.ts';
import configClusterNameLength from './config/cluster-name-length.ts';
import configNodeid from './config/nodeid.ts';
import configVersion from './config/version.ts';
import domainPriority from './domain/priority.ts';
import domainUnknownNode from './domain/unknown-node.ts';
import fenceCleanStart from './fence/clean-start.ts';
import fenceDuplicateTarget from './fence/duplicate-target.ts';
import fenceKdump from './fence/kdump.ts';
import fenceManual from './fence/manual.ts';
import fenceMissingParameter from './fence/missing-parameter.ts';
import fenceNodeWithoutFencing from './fence/node-without-fencing.ts';
import fencePostJoinDelay from './fence/post-join-delay.ts';
import fenceNonIntegerOption from './fence/non-integer-option.ts';
import fenceRaceNoDelay from './fence/race-no-delay.ts';
import fenceSuccessWithoutFencing from './fence/success-without-fencing.ts';
import fenceUndefinedDevice from './fence/undefined-device.ts';
import fenceUnfence from './fence/unfence.ts';
import fenceUnknownParameter from './fence/unknown-parameter.ts';
import fenceUnusedDevice from './fence/unused-device.ts';
import fenceVirtAddressMismatch from './fence-virt/address-mismatch.ts';
import fenceVirtBackendNeedsHostCluster from './fence-virt/backend-needs-host-cluster.ts';
import fenceVirtEmptyDomain from './fence-virt/empty-domain.ts';
import fenceVirtHashMismatch from './fence-virt/hash-mismatch.ts';
import fenceVirtKeyFileMismatch from './fence-virt/key-file-mismatch.ts';
import fenceVirtPortMismatch from './fence-virt/port-mismatch.ts';
import fenceVirtSharedDomain from './fence-virt/shared-domain.ts';
import fenceVirtWrongListener from './fence-virt/wrong-listener.ts';
import gfs2Clvmd from './gfs2/clvmd.ts';
import nfsClientWithoutExport from './nfs/client-without-export.ts';
import nfsExportWithoutFsid from './nfs/export-without-fsid.ts';
import qdiskSetup from './qdisk/setup.ts';
import qdiskTokenTiming from './qdisk/token-timing.ts';
import quorumExpectedVotesMismatch from './quorum/expected-votes-mismatch.ts';
import quorumMinorityPartitionQuorate from './quorum/minority-partition-quorate.ts';
import quorumSingleFailureLosesQuorum from './quorum/single-failure-loses-quorum.ts';
import quorumTwoNodeExpectedVotes from './quorum/two-node-expected-votes.ts';
import quorumTwoNodeNodeCount from './quorum/two-node-node-count.ts';
import quorumTwoNodeWithQdisk from './quorum/two-node-with-qdisk.ts';
import resourceDuplicateUnique from './resource/duplicate-unique.ts';
import resourceForbiddenChild from './resource/forbidden-child.ts';
import resourceMaxInstances from './resource/max-instances.ts';
import resourceMissingParameter from './resource/missing-parameter.ts';
import resourceUndefinedRef from './resource/undefined-ref.ts';
import resourceUnknownParameter from './resource/unknown-parameter.ts';
import resourceUnused from './resource/unused.ts';
import serviceBooleanValue from './service/boolean-value.ts';
import serviceExclusiveOvercommit from './service/exclusive-overcommit.ts';
import serviceRecovery from './service/recovery.ts';
import serviceUndefinedDomain from './service/undefined-domain.ts';
import simulateServiceUnplaceable from './simulate/service-unplaceable.ts';
import totemConsensusJoin from './totem/consensus-join.ts';
import type { Rule } from './rule.ts';

export const rules: readonly Rule[] = [
  agentMisreadValue,
  configClusterNameLength,
  configNodeid,
  configVersion,
  domainPriority,
  domainUnknownNode,
  fenceCleanStart,
  fenceDuplicateTarget,
  fenceKdump,
  fenceManual,
  fenceMissingParameter,
  fenceNodeWithoutFencing,
  fencePostJoinDelay,
  fenceNonIntegerOption,
  fenceRaceNoDelay,
  fenceSuccessWithoutFencing,
  fenceUndefinedDevice,
  fenceUnfence,
  fenceUnknownParameter,
  fenceUnusedDevice,
  fenceVirtAddressMismatch,
  fenceVirtBackendNeedsHostCluster,
  fenceVirtEmptyDomain,
  fenceVirtHashMismatch,
  fenceVirtKeyFileMismatch,
  fenceVirtPortMismatch,
  fenceVirtSharedDomain,
  fenceVirtWrongListener,
  gfs2Clvmd,
  nfsClientWithoutExport,
  nfsExportWithoutFsid,
  qdiskSetup,
  qdiskTokenTiming,
  quorumExpectedVotesMismatch,
  quorumMinorityPartitionQuorate,
  quorumSingleFailureLosesQuorum,
  quorumTwoNodeExpectedVotes,
  quorumTwoNodeNodeCount,
  quorumTwoNodeWithQdisk,
  resourceDuplicateUnique,
  resourceForbiddenChild,
  resourceMaxInstances,
  resourceMissingParameter,
  resourceUndefinedRef,
  resourceUnknownParameter,
  resourceUnused,
  serviceBooleanValue,
  serviceExclusiveOvercommit,
  serviceRecovery,
  serviceUndefinedDomain,
  simulateServiceUnplaceable,
  totemConsensusJoin,
].sort(byId);

export function findRule(id: string): Rule | undefined {
  return rules.find((r) => r.id === id);
}

// Code-unit order: for ids (a-z, 0-9, '-', '/') the same as localeCompare, without starting ICU's
// collator, which costs every `quorate` start several milliseconds when done at load time.
function byId(a: { id: string }, b: { id: string }): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
