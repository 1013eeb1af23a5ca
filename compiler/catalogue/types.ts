// The shape of the generated agent/element catalogue (catalogue.json). The checker, the
// compiler, completion and hover all read this one artefact; scripts/gen-catalogue.ts writes it
// from ../shared/reference and catalogue.schema.json (ajv) guards its shape.

/** How a boolean attribute is spelled in cluster.conf: cman reads some with atoi, others as yes/no. */
export type BoolEncoding = '1/0' | 'yes/no' | 'on/off';

/**
 * How an agent's own code reads a boolean it is handed. rgmanager and fenced pass every value on
 * unchanged (as OCF_RESKEY_<name>, or as a name=value line on stdin), so the agent's script, not
 * cman or the metadata's `type="boolean"`, decides what `yes` means (../shared/design/agent-values.md).
 * Absent on the attributes cman and rgmanager read themselves (their `encoding` says it all).
 */
export interface BoolReading {
  /** Spellings the agent reads as on. */
  on: string[];
  /** Spellings the agent reads as off. */
  off: string[];
  /**
   * Any other spelling: on, off, refused (the agent logs an error and fails), or ignored
   * (the agent never reads the attribute, so no spelling changes anything).
   */
  otherwise: 'on' | 'off' | 'error' | 'unread';
  /** The spellings are compared without case (python `value.lower()`). */
  caseInsensitive?: boolean;
  /** The script that reads it, as messages name it (`fs-lib.sh`, `fencing.py`). */
  reader: string;
  /** The code that reads it: `repository@commit path:lines`. */
  source: string;
}

/**
 * How an agent converts an integer it is handed: python `int()` (anything but an optionally
 * signed decimal number raises, and the agent fails), a shell test (`[ "$x" -gt 0 ]`: a
 * non-integer is an error and the test is false), bash arithmetic (`[[ $x -eq 0 ]]`: the same),
 * C `atoi` or perl numification (the leading digits, the rest ignored: `1500ms` is 1500), or
 * `text` (pasted into a command line as is, where the command rejects a non-integer).
 */
export interface IntReading {
  conversion: 'python-int' | 'shell-test' | 'bash-arith' | 'atoi' | 'perl-number' | 'text';
  /** The script that reads it, as messages name it. */
  reader: string;
  /** What a value that does not convert does, as a clause ("the fence action fails"). */
  onNonInteger: string;
  /** The code that reads it: `repository@commit path:lines`. */
  source: string;
}

/** The type of an attribute value, as the language checks it. */
export type ValueType =
  | { kind: 'string' }
  /** `reading`: the id of how the agent converts it, in `Catalogue.readings.integers`. */
  | { kind: 'integer'; min?: number; max?: number; reading?: string }
  /**
   * A duration written with a unit (`10s`, `500ms`); emitted as an integer in `unit`. With
   * `bare`, a number without a unit is also accepted and taken in `unit` (fence `delay = 15`,
   * the agent's own spelling).
   */
  | { kind: 'duration'; unit: 'ms' | 's'; min?: number; max?: number; bare?: boolean; reading?: string }
  /** `reading`: the id of how the agent reads it, in `Catalogue.readings.booleans`. */
  | { kind: 'boolean'; encoding: BoolEncoding; reading?: string }
  | { kind: 'enum'; values: string[] };

export interface AttributeSpec {
  name: string;
  type: ValueType;
  /** cluster.conf (schema) or the agent itself requires it. */
  required: boolean;
  /** rgmanager resource-rule flags (resource agents only). */
  unique?: boolean;
  primary?: boolean;
  reconfig?: boolean;
  /** rgmanager inherit spec, e.g. "service%nfslock" or "mountpoint". */
  inherit?: string;
  /** The default as the daemon/agent applies it, as a cluster.conf string. */
  default?: string;
  /** One line (shortdesc / rha:description first sentence). */
  doc: string;
  /** Longer text (longdesc / full rha:description), may be empty. */
  longDoc?: string;
  /** Deprecated spelling (e.g. fence `option`, `domain`): accepted with a warning. */
  deprecated?: string;
  /** Never put the value inline in source (passwords). */
  secret?: boolean;
}

/** A core cluster.conf element that is not an agent (cman, totem, clusternode, ...). */
export interface ElementSpec {
  name: string;
  doc: string;
  attributes: AttributeSpec[];
  /** Element names allowed as children, in the order the compiler emits them. */
  children: string[];
}

export interface ChildTypeSpec {
  type: string;
  start?: number;
  stop?: number;
  forbid?: boolean;
}

export interface ActionSpec {
  name: string;
  timeout?: string;
  interval?: string;
  depth?: string;
}

export interface ResourceAgentSpec {
  /** Element / rule type name, e.g. "fs", "bind-mount", "SAPDatabase". */
  name: string;
  /** Script file name in /usr/share/cluster, e.g. "fs.sh", "SAPDatabase". */
  agentFile: string;
  doc: string;
  longDoc?: string;
  /** rgmanager maxinstances; absent = unlimited. */
  maxInstances?: number;
  initOnAdd: boolean;
  destroyOnDelete: boolean;
  /** In metadata order, primary first (as rgmanager stores them). */
  parameters: AttributeSpec[];
  primary?: string;
  /** Typed child declarations, in declaration order. */
  children: ChildTypeSpec[];
  actions: ActionSpec[];
}

export interface FenceAgentSpec {
  name: string;
  doc: string;
  longDoc?: string;
  parameters: AttributeSpec[];
  actions: string[];
}

/**
 * What a fence agent does to the node it is asked to fence, as its code does it (the table
 * FENCING at the end of scripts/catalogue/overlay.ts, each entry with its source):
 * `power` switches or resets the machine (BMC, PDU outlet, blade chassis, hypervisor);
 * `fabric` cuts it off shared storage or the network (SCSI-3 reservations, a switch port);
 * `observe` powers nothing off and reports success when it sees the node is already down
 * (fence_kdump: a message from the kdump kernel; fence_passive_nic: a link went down);
 * `delegate` hands the request to another fencing system (fence_pcmk: Pacemaker);
 * `manual` needs an operator (fence_manual, fence_ack_manual);
 * `none` does nothing to any node (fence_dummy writes a local file, fence_delay waits).
 */
export type FencingKind = 'power' | 'fabric' | 'observe' | 'delegate' | 'manual' | 'none';

/**
 * Who the victim is, for an agent: `per-node` — each node's `<device>` names its own target (a
 * port, plug, VM, switch port or key) or the device is one machine (a BMC), so two nodes with
 * the same target are a copy-paste error; `node-name` — the agent acts on the node fenced names
 * (its `nodename`), so one shared device for every node is right; `none` — it acts on no node.
 */
export type FencingVictim = 'per-node' | 'node-name' | 'none';

export interface FencingSpec {
  kind: FencingKind;
  victim: FencingVictim;
  /** Exit 0 ("fenced") is possible without the node being powered off or cut off. */
  successWithoutFencing: boolean;
  /** One line: what the agent does, from its code. */
  doc: string;
  /** Where the code says so (repository path and lines, or the reference file). */
  source: string;
}

export interface Catalogue {
  version: 1;
  /** Where it was generated from (paths relative to shared/, content hashes). */
  generatedFrom: { path: string; sha256: string }[];
  elements: Record<string, ElementSpec>;
  resourceAgents: Record<string, ResourceAgentSpec>;
  fenceAgents: Record<string, FenceAgentSpec>;
  /** `__independent_subtree`, `__enforce_timeouts`, ... accepted on every resource element. */
  resourceMetaAttributes: AttributeSpec[];
  /**
   * What each fence agent does to its victim: every agent of `fenceAgents`, plus the agents
   * RHEL 6 configurations name that ship outside fence-agents (fence_pcmk, fence_manual, …).
   */
  fencing: Record<string, FencingSpec>;
  /**
   * How the agents' own code reads values, each fact once (hundreds of fence options share
   * fencing.py's one reading), referred to by id from `ValueType.reading`.
   */
  readings: { booleans: Record<string, BoolReading>; integers: Record<string, IntReading> };
}
