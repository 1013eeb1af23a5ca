// The hand-written facts the reference metadata and the schema cannot say: that `token` is
// milliseconds, that cman reads `two_node` with atoi but `broadcast` as yes/no, the defaults the
// daemons really apply, the order ccs writes sections in. Data only, each entry citing its source
// (§ = ../shared/design/domain-facts.md); the readers in this folder apply it.

import type { BoolReading, IntReading, ValueType } from '../../compiler/catalogue/types.ts';

// ---------------------------------------------------------------------------------------------
// Overlay vocabulary.

export const STRING: ValueType = { kind: 'string' };
export const int = (min?: number, max?: number): ValueType => ({
  kind: 'integer',
  ...(min !== undefined ? { min } : {}),
  ...(max !== undefined ? { max } : {}),
});
export const ms = (min?: number): ValueType => ({ kind: 'duration', unit: 'ms', ...(min !== undefined ? { min } : {}) });
export const secs = (min?: number): ValueType => ({ kind: 'duration', unit: 's', ...(min !== undefined ? { min } : {}) });
export const BOOL_10: ValueType = { kind: 'boolean', encoding: '1/0' };
export const BOOL_YESNO: ValueType = { kind: 'boolean', encoding: 'yes/no' };
export const BOOL_ONOFF: ValueType = { kind: 'boolean', encoding: 'on/off' };
export const oneOf = (...values: string[]): ValueType => ({ kind: 'enum', values });

export const SYSLOG_PRIORITIES = ['emerg', 'alert', 'crit', 'err', 'warning', 'notice', 'info', 'debug'];
// The facility keywords listed by the schema's rm/@log_facility description (cluster.rng).
export const SYSLOG_FACILITIES = [
  'auth', 'authpriv', 'cron', 'daemon', 'kern', 'lpr', 'mail', 'news', 'syslog', 'user', 'uucp',
  'local0', 'local1', 'local2', 'local3', 'local4', 'local5', 'local6', 'local7',
];

/** A correction of one extracted attribute. `default: null` removes the schema's default. */
export interface Patch {
  type?: ValueType;
  default?: string | null;
  doc?: string;
  longDoc?: string;
  required?: boolean;
  deprecated?: string;
  secret?: boolean;
}

// ---------------------------------------------------------------------------------------------
// Resource agents (reference/resource-agents/*.xml).

/** Agents whose script in /usr/share/cluster has no `.sh` (domain-facts §7.7 headings). */
export const AGENT_FILE_WITHOUT_SH = new Set(['SAPDatabase', 'SAPInstance']);

/** Overlay for resource-agent parameters: agent → parameter → patch. */
export const RESOURCE_OVERLAY: Record<string, Record<string, Patch>> = {
  service: {
    // §6.2: "restart (default, also any unrecognised value), relocate, disable, restart-disable".
    recovery: { type: oneOf('restart', 'relocate', 'disable', 'restart-disable') },
    // §6.2: depend_mode hard (default) | soft, honoured by central_processing only.
    depend_mode: { type: oneOf('hard', 'soft') },
    // §6.2: max_restarts is a count (restart counter only if > 0); metadata says "string".
    max_restarts: { type: int(0) },
    // §6.2 / §7.5: restart_expire_time goes through expand_time (seconds; 0 = never expire).
    restart_expire_time: { type: secs(0) },
    // Only inherited into nfsclient's use_cache (nfsclient.xml inherit="service%nfs_client_cache"),
    // which nfsclient.sh reads as on for "1" only: a 1/0 boolean, not a count.
    nfs_client_cache: { type: BOOL_10 },
  },
  vm: {
    // §6.2: same recovery semantics as service; rgmanager's default is restart (vm.xml has none).
    recovery: { type: oneOf('restart', 'relocate', 'disable', 'restart-disable'), default: 'restart' },
    // §6.2.
    depend_mode: { type: oneOf('hard', 'soft') },
    // §6.2: the restart counter applies to vm roots exactly as to services.
    max_restarts: { type: int(0) },
    // §6.2 / §7.5.
    restart_expire_time: { type: secs(0) },
    // §6.2: migrate live|pause, default live.
    migrate: { type: oneOf('live', 'pause') },
    // vm.xml shortdesc: "If set to 1, vm.sh will use the virsh command" (vm.sh compares "1"/"0";
    // absent = auto-detect), so a 1/0 boolean rather than a free integer.
    use_virsh: { type: BOOL_10 },
  },
  ip: {
    // ip.xml longdesc: "Value is specified in seconds. Default value is 10." (§7.7 ip).
    sleeptime: { type: secs(0), default: '10' },
  },
  // §7.7: "Wait X seconds for correct end of service shutdown/startup" — seconds.
  apache: { shutdown_wait: { type: secs(0) } },
  mysql: { shutdown_wait: { type: secs(0) }, startup_wait: { type: secs(0) } },
  'postgres-8': { startup_wait: { type: secs(0) } }, // metadata type "number"
  'tomcat-5': { shutdown_wait: { type: secs(0) } },
  'tomcat-6': { shutdown_wait: { type: secs(0) } },
  samba: { shutdown_wait: { type: secs(0) } },
  openldap: { shutdown_wait: { type: secs(0) } },
  named: { shutdown_wait: { type: secs(0) } },
  // ASEHAagent.xml longdescs: "The maximum seconds to wait for …" (§7.7 ASEHAagent).
  ASEHAagent: {
    shutdown_timeout: { type: secs(0) },
    start_timeout: { type: secs(0) },
    deep_probe_timeout: { type: secs(0) },
  },
  // SAPInstance.xml longdesc: "After that time in seconds a monitor operation is executed" (§7.7).
  SAPInstance: { START_WAITTIME: { type: secs(0) } },
  // nfsclient.xml gives svcname no description; §7.6: it inherits the service name.
  // use_cache is "integer" in the metadata but nfsclient.sh only tests `= "1"` (RESOURCE_READINGS).
  nfsclient: { svcname: { doc: 'Service name (inherited from the service).' }, use_cache: { type: BOOL_10 } },
  // fs/clusterfs/netfs `fstype` deliberately stay strings (any mount type the kernel knows).
};

// ---------------------------------------------------------------------------------------------
// How the resource agents read their values (../shared/design/agent-values.md, completed in
// docs/agent-values.md). rgmanager hands each attribute to the agent unchanged as
// OCF_RESKEY_<name> (restree.c build_env()), so the script's own test decides what `yes` means.
// Sources: ClusterLabs/resource-agents at 26b01125 (`ra` in domain-facts §0: the commit the
// reference metadata comes from; the lines cited for v3.9.5 in agent-values.md read the same).

const RA = 'ra@26b01125 rgmanager/src/resources/';
/** On for exactly these spellings, off for anything else (`[ "$x" = "yes" ] || [ "$x" = "1" ]`). */
const onlyFor = (on: string[], reader: string, where: string): BoolReading => ({ on, off: [], otherwise: 'off', reader, source: RA + where });
/** Off for exactly these spellings, on for anything else (`[ "$x" = "no" ] || [ "$x" = "0" ]` → off). */
const allBut = (off: string[], reader: string, where: string): BoolReading => ({ on: [], off, otherwise: 'on', reader, source: RA + where });
/** A boolean the agent never reads: inherited or declared in the metadata, used by nothing. */
const unread = (reader: string, where: string): BoolReading => ({ on: [], off: [], otherwise: 'unread', reader, source: RA + where });
/** A shell-test integer: a non-integer makes `[ -gt ]` an error, i.e. false. */
const shellInt = (reader: string, where: string, onNonInteger: string): IntReading => ({ conversion: 'shell-test', reader, onNonInteger, source: RA + where });

const FS_LIB_FORCE_UNMOUNT = onlyFor(['yes', 'on', 'true', '1'], 'fs-lib.sh', 'utils/fs-lib.sh.in:971-976');
const FS_LIB_SELF_FENCE = onlyFor(['yes', 'on', 'true', '1'], 'fs-lib.sh', 'utils/fs-lib.sh.in:983-988');
const FS_LIB_USE_FINDMNT = allBut(['0', 'false', 'no', 'off'], 'fs-lib.sh', 'utils/fs-lib.sh.in:228-232');
const STOP_GENERIC = (agent: string, line: number) =>
  shellInt('ra-skelet.sh', `${agent}.sh.in:${line} → utils/ra-skelet.sh.in:51,89-96 stop_generic()`, 'the stop never times out: `[ $count -gt $stop_timeout ]` is an error, so stop waits until the process exits');
// SAP agents: `case` with both spellings of each word; anything else is "not a boolean value!" and exit OCF_ERR_ARGS.
const SAP_BOOL = (agent: string, where: string): BoolReading => ({
  on: ['1', 'true', 'TRUE', 'yes', 'YES'],
  off: ['0', 'false', 'FALSE', 'no', 'NO'],
  otherwise: 'error',
  reader: agent,
  source: RA + where,
});

/** Agent → parameter → how its script reads it. The parameter's type must be boolean for a BoolReading, integer or duration for an IntReading. */
export const RESOURCE_READINGS: Record<string, Record<string, BoolReading | IntReading>> = {
  ip: {
    monitor_link: allBut(['no', '0'], 'ip.sh', 'ip.sh.in:974-978'),
    disable_rdisc: onlyFor(['yes', '1'], 'ip.sh', 'ip.sh.in:682-683,768-769'),
    nfslock: onlyFor(['yes', '1'], 'ip.sh', 'ip.sh.in:993-994'),
    sleeptime: shellInt('ip.sh', 'ip.sh.in:1014-1018', 'ip.sh does not sleep: `[ "$x" -gt "0" ]` is an error'),
  },
  fs: {
    force_unmount: FS_LIB_FORCE_UNMOUNT,
    self_fence: FS_LIB_SELF_FENCE,
    quick_status: onlyFor(['1'], 'fs-lib.sh', 'utils/fs-lib.sh.in:76-77,1160'),
    force_fsck: onlyFor(['yes', '1'], 'fs.sh', 'fs.sh.in:419-420'),
    nfslock: onlyFor(['yes', '1'], 'fs.sh', 'fs.sh.in:443-444,456-457'),
    nfsrestart: onlyFor(['yes', '1'], 'fs.sh', 'fs.sh.in:470-471'),
    use_findmnt: FS_LIB_USE_FINDMNT,
  },
  clusterfs: {
    force_unmount: FS_LIB_FORCE_UNMOUNT,
    self_fence: FS_LIB_SELF_FENCE,
    nfslock: onlyFor(['yes', '1'], 'clusterfs.sh', 'clusterfs.sh.in:300-301'),
    nfsrestart: onlyFor(['yes', '1'], 'clusterfs.sh', 'clusterfs.sh.in:320-321'),
    use_findmnt: FS_LIB_USE_FINDMNT,
  },
  netfs: {
    force_unmount: FS_LIB_FORCE_UNMOUNT,
    self_fence: FS_LIB_SELF_FENCE,
    no_unmount: onlyFor(['yes', 'YES', 'true', 'TRUE', 'on', 'ON', '1'], 'fs-lib.sh', 'utils/fs-lib.sh.in:1036-1037'),
    use_findmnt: FS_LIB_USE_FINDMNT,
  },
  // bind-mount.sh.in:35 exports use_findmnt=0 itself; its force_unmount goes through fs-lib.
  'bind-mount': { force_unmount: FS_LIB_FORCE_UNMOUNT },
  lvm: {
    self_fence: onlyFor(['yes', '1'], 'lvm.sh', 'lvm_by_vg.sh.in:414-418,471-475; lvm_by_lv.sh.in:282-286'),
    // Inherited from the service (service%nfslock); no lvm script reads it.
    nfslock: unread('lvm.sh', 'lvm.sh.in, lvm_by_vg.sh.in, lvm_by_lv.sh.in (no read of OCF_RESKEY_nfslock)'),
  },
  service: {
    nfslock: onlyFor(['yes', '1'], 'service.sh', 'service.sh.in:268-269'),
    // service.sh does not read it: nfsclient inherits it as use_cache (nfsclient.sh.in:142).
    nfs_client_cache: onlyFor(['1'], 'nfsclient.sh', 'nfsclient.sh.in:142 (inherit), 385,416,425,435'),
  },
  nfsclient: {
    allow_recover: allBut(['0', 'no', 'false'], 'nfsclient.sh', 'nfsclient.sh.in:445-447'),
    use_cache: onlyFor(['1'], 'nfsclient.sh', 'nfsclient.sh.in:385,416,425,435'),
  },

  nfsserver: {
    statdport: { conversion: 'text', reader: 'nfsserver.sh', onNonInteger: 'rpc.statd refuses the port and NFS locking does not start', source: RA + 'nfsserver.sh.in:443-444 (rpc.statd -p); its check at 194 is a broken `[ … && … ]`' },
  },
  vm: {
    use_virsh: { on: ['1'], off: ['0'], otherwise: 'off', reader: 'vm.sh', source: RA + 'vm.sh.in:582,604,730,804,871' },
    no_kill: onlyFor(['yes', 'true', '1', 'YES', 'TRUE', 'on', 'ON'], 'vm.sh', 'vm.sh.in:974-977,1157'),
  },
  named: {
    named_sdb: unread('named.sh', 'named.sh.in (no read of OCF_RESKEY_named_sdb: metadata only)'),
    shutdown_wait: STOP_GENERIC('named', 167),
  },
  apache: { shutdown_wait: STOP_GENERIC('apache', 230) },
  openldap: { shutdown_wait: STOP_GENERIC('openldap', 170) },
  samba: { shutdown_wait: STOP_GENERIC('samba', 161) },
  'tomcat-5': { shutdown_wait: STOP_GENERIC('tomcat-5', 213) },
  'tomcat-6': { shutdown_wait: STOP_GENERIC('tomcat-6', 188) },
  mysql: {
    shutdown_wait: STOP_GENERIC('mysql', 139),
    startup_wait: shellInt('mysql.sh', 'mysql.sh.in:159-171', 'the status check gives up at once: `[ "$i" -gt 0 ]` is an error'),
  },
  'postgres-8': {
    startup_wait: shellInt('postgres-8.sh', 'postgres-8.sh.in:37-38,163,171', 'the start never times out: `[ "$count" -gt "$x" ]` is an error'),
  },
  ASEHAagent: {
    shutdown_timeout: { conversion: 'bash-arith', reader: 'ASEHAagent.sh', onNonInteger: 'bash arithmetic fails in `[[ $x -eq 0 ]]`', source: RA + 'ASEHAagent.sh.in:333,533,552' },
    start_timeout: { conversion: 'bash-arith', reader: 'ASEHAagent.sh', onNonInteger: 'bash arithmetic fails in `[[ $x -eq 0 ]]`', source: RA + 'ASEHAagent.sh.in:340,450,468' },
    deep_probe_timeout: { conversion: 'bash-arith', reader: 'ASEHAagent.sh', onNonInteger: 'bash arithmetic fails in `[[ $x -eq 0 ]]`', source: RA + 'ASEHAagent.sh.in:347,816,839' },
  },
  SAPInstance: {
    START_WAITTIME: shellInt('SAPInstance', 'SAPInstance:587-589,320,326', 'the start check never times out: `[ … -ge $x ]` is an error'),
    AUTOMATIC_RECOVER: SAP_BOOL('SAPInstance', 'SAPInstance:593-600'),
  },
  SAPDatabase: {
    DBJ2EE_ONLY: SAP_BOOL('SAPDatabase', 'SAPDatabase:885-897'),
    STRICT_MONITORING: SAP_BOOL('SAPDatabase', 'SAPDatabase:909-917'),
    AUTOMATIC_RECOVER: SAP_BOOL('SAPDatabase', 'SAPDatabase:984-992'),
  },
};

// ---------------------------------------------------------------------------------------------
// How the fence agents read their values. fenced writes each attribute as a name=value line on
// the agent's stdin (domain-facts §5.3). Sources: ClusterLabs/fence-agents branch RHEL6 at
// 6343ca58 (`fa6` in domain-facts §0).

const FA = 'fa6@6343ca58 fence/agents/';

/** The agents that do not use fencing.py (C: fence_xvm/fence_virt/fence_kdump; perl: the rest). */
export const FENCE_NOT_FENCING_PY = new Set(['fence_xvm', 'fence_virt', 'fence_kdump', 'fence_scsi', 'fence_drac', 'fence_egenera']);

/**
 * fencing.py `_parse_input_stdin()`: a boolean option is set to "1" only when
 * `value.lower() in ["1", "yes", "on", "true"]`; any other value leaves it unset, and
 * `_set_default_values()` then gives it its default — so an option whose default is 1 stays on.
 */
export const fencingPyBoolean = (defaultOn: boolean): BoolReading => ({
  on: ['1', 'yes', 'on', 'true'],
  off: [],
  otherwise: defaultOn ? 'on' : 'off',
  caseInsensitive: true,
  reader: 'fencing.py',
  source: FA + (defaultOn ? 'lib/fencing.py.py:1320-1323 (stdin), 1224-1228 (an unset option takes its default 1)' : 'lib/fencing.py.py:1320-1323'),
});

const PY_INT_FAILS = 'python int() raises ValueError and the fence action fails';

/** fencing.py options converted with int(), all in seconds except retry_on (a count). */
export const FENCING_PY_INTEGERS: Record<string, { type: ValueType; where: string }> = {
  // run_delay(): time.sleep(int(options["--delay"])), only for off and reboot.
  delay: { type: { kind: 'duration', unit: 's', min: 0, bare: true }, where: 'lib/fencing.py.py:967-971 run_delay()' },
  // time.sleep(int(options["--power-wait"])) after each power change.
  power_wait: { type: { kind: 'duration', unit: 's', min: 0, bare: true }, where: 'lib/fencing.py.py:763' },
  // for _ in xrange(int(options["--power-timeout"])) (and float() in run_command(), 936-937).
  power_timeout: { type: { kind: 'duration', unit: 's', min: 0, bare: true }, where: 'lib/fencing.py.py:765, 936-937' },
  // pexpect timeouts: int(options["--shell-timeout"]) / int(options["--login-timeout"]).
  shell_timeout: { type: { kind: 'duration', unit: 's', min: 0, bare: true }, where: 'lib/fencing.py.py:1082,1088,1093,1098' },
  login_timeout: { type: { kind: 'duration', unit: 's', min: 0, bare: true }, where: 'lib/fencing.py.py:1055,1060,1064,1078' },
  // set_multi_power_fn(..., 1 + int(options["--retry-on"])): a count of attempts.
  retry_on: { type: { kind: 'integer', min: 0 }, where: 'lib/fencing.py.py:843,855,872' },
};

export const fencingPyInteger = (where: string): IntReading => ({ conversion: 'python-int', reader: 'fencing.py', onNonInteger: PY_INT_FAILS, source: FA + where });

/** ipport/udpport: pasted into the telnet/ssh/gnutls-cli/snmp command line, which refuses a non-number. */
export const FENCING_PY_PORT: IntReading = {
  conversion: 'text',
  reader: 'fencing.py',
  onNonInteger: 'telnet/ssh/snmp refuse the port and the fence action fails',
  source: FA + 'lib/fencing.py.py:1028,1047,1076,1123; lib/fencing_snmp.py.py:83',
};

/** The delay of the agents outside fencing.py: C atoi (fence_xvm/fence_virt), perl numification (the rest). */
// fence_xvm/fence_virt `ipport` stays a string: `args->net.port = atoi(value)` (options.c:136)
// takes any leading digits, and the fence-virt rules compare it as a number already.

export const FENCE_OTHER_DELAY: Record<string, IntReading> = {
  fence_xvm: { conversion: 'atoi', reader: 'fence_xvm', onNonInteger: 'atoi reads the leading digits only', source: 'fv@5ac1d635 client/options.c:333-340 assign_delay()' },
  fence_virt: { conversion: 'atoi', reader: 'fence_virt', onNonInteger: 'atoi reads the leading digits only', source: 'fv@5ac1d635 client/options.c:333-340 assign_delay()' },
  fence_scsi: { conversion: 'perl-number', reader: 'fence_scsi', onNonInteger: 'perl sleeps for the leading digits only (and not at all without them)', source: FA + 'scsi/fence_scsi.pl:667-668,843-844' },
  fence_drac: { conversion: 'perl-number', reader: 'fence_drac', onNonInteger: 'perl sleeps for the leading digits only', source: FA + 'drac/fence_drac.pl:656-658,523' },
  fence_egenera: { conversion: 'perl-number', reader: 'fence_egenera', onNonInteger: 'perl sleeps for the leading digits only', source: FA + 'egenera/fence_egenera.pl:231-233,454,481' },
};

// ---------------------------------------------------------------------------------------------
// Fence agents (reference/fence-agents-rhel6/*.xml).

/** Fence parameters that must never be inline (domain-facts §10; brief). */
/**
 * Parameters an agent reads that its RHEL 6 metadata does not list. fencing.py takes a stdin
 * line only for an option in the agent's `device_opt` (fencing.py.py l.1314-1318 at fence-agents
 * RHEL6 6343ca58: anything else is "Ignoring unknown option"), and these two list `uuid` there
 * (fence_vmware_soap.py l.216, fence_xenapi.py l.202); fencing.py defines it (l.412-418) and
 * reads it as another spelling of `port` (l.695-698).
 */
export const FENCE_EXTRA_PARAMETERS: Record<string, { name: string; doc: string }[]> = {
  fence_vmware_soap: [{ name: 'uuid', doc: 'The UUID of the virtual machine to fence (read as another spelling of port).' }],
  fence_xenapi: [{ name: 'uuid', doc: 'The UUID of the virtual machine to fence (read as another spelling of port).' }],
};

export const FENCE_SECRETS = new Set(['passwd', 'snmp_priv_passwd']);

/** Parameters whose spelling is deprecated: agent → parameter → what to use instead. */
export const FENCE_DEPRECATED: Record<string, Record<string, string>> = {
  // fence-virt: `domain` is the deprecated spelling of `port` (§5.6, §10 fence_xvm/fence_virt).
  fence_xvm: { domain: 'use port' },
  fence_virt: { domain: 'use port' },
};

// §1 "Schema facts": FENCEDEVICEOPTIONS gives every agent the deprecated `option` attribute;
// §5.3: `option=` is the deprecated spelling of `action=` (renamed on stdin by the agents).
// Every fence agent has it; an agent whose metadata lacks it gets this one.
export const FENCE_OPTION_DEPRECATED = 'use action';
export const FENCE_OPTION_DOC = 'Fencing action (deprecated spelling of action).';

// ---------------------------------------------------------------------------------------------
// Core elements (reference/cluster.rng, the hand-written head part).

/** The elements, in catalogue order. */
export const ELEMENTS = [
  'cluster', 'cman', 'multicast', 'altmulticast', 'totem', 'interface', 'uidgid', 'quorumd', 'heuristic',
  'fence_daemon', 'fence_xvmd', 'dlm', 'lockspace', 'master', 'gfs_controld', 'group', 'logging',
  'logging_daemon', 'clusternodes', 'clusternode', 'altname', 'fence', 'method', 'device', 'unfence',
  'fencedevices', 'fencedevice', 'rm', 'failoverdomains', 'failoverdomain', 'failoverdomainnode',
  'resources', 'resource-defaults', 'events', 'event', 'clvmd', 'action',
];

/** Children in the order ccs writes them / the compiler emits them, where it is not the schema's. */
export const CHILD_ORDER: Record<string, string[]> = {
  // ccs's order of the <cluster> sections (the order `ccs` and luci write).
  cluster: [
    'fence_daemon', 'clusternodes', 'cman', 'totem', 'quorumd', 'fencedevices', 'rm', 'logging', 'dlm',
    'gfs_controld', 'uidgid', 'fence_xvmd', 'group', 'clvmd',
  ],
  rm: ['failoverdomains', 'resources', 'resource-defaults', 'events', 'service', 'vm'],
};

/** Element-attribute overlay: the daemons' real types and effective defaults. */
export const ELEMENT_OVERLAY: Record<string, Record<string, Patch>> = {
  cluster: {
    // §2.4: cman refuses names longer than 15 characters (checked by the linter, not the type).
    name: { doc: 'Name of the cluster (at most 15 characters).' },
    // §2.4 / §8: a revision number that must increase on every deployed change.
    config_version: { type: int(0) },
  },
  cman: {
    // §2.3: two_node is read as an int (atoi); 1 = two-node mode.
    two_node: { type: BOOL_10, default: '0' },
    // §2.1: default = Σ node votes; schema: positiveInteger.
    expected_votes: { type: int(1) },
    // §3.4: upgrading "yes/on" ⇒ RHEL 5 compatibility mode.
    upgrading: { type: BOOL_YESNO, default: 'no' },
    // §3.4: Disallowed mode, 0 by default.
    disallowed: { type: BOOL_10, default: '0' },
    // §2.2 / §3.4: milliseconds; default = the totem token in effect (10000 when token is unset).
    quorum_dev_poll: {
      type: ms(0),
      doc: 'Milliseconds without a qdiskd poll before cman drops the quorum disk votes (default: the totem token).',
    },
    // §3.4: ms, 5000.
    shutdown_timeout: { type: ms(0), default: '5000' },
    // §3.4: config poll interval, ms, 1000.
    ccsd_poll: { type: ms(0), default: '1000', doc: 'Configuration poll interval in milliseconds.' },
    // §3.2: the multicast port (ring 0 receives on port, sends on port−1), default 5405.
    port: { type: int(1, 65535), default: '5405', doc: 'UDP port of ring 0 (corosync also uses port−1).' },
    // §3.2: 16-bit cluster id; 0/absent ⇒ derived from the cluster name.
    cluster_id: { type: int(1, 65535), doc: 'Cluster id (16 bit); derived from the cluster name when absent.' },
    // §3.2: "yes"/"on" ⇒ FNV hash id; the default differs between upstream and RHEL 6.0 (uncertain).
    hash_cluster_id: { type: BOOL_YESNO },
    // §3.4: broadcast yes ⇒ transport udpb.
    broadcast: { type: BOOL_YESNO, default: 'no' },
    // §3.4 / §2.4: udp (default), udpb, udpu, rdma.
    transport: { default: 'udp' },
    // §3.4: absent ⇒ the cluster name is the key.
    keyfile: { doc: 'Path of the corosync key file (default: the cluster name is used as the key).' },
    // §3.4: 0 by default.
    disable_openais: { type: BOOL_10, default: '0', doc: 'Do not load the openais services.' },
    debug_mask: { doc: 'cman debug mask.' },
  },
  multicast: {
    // §3.2: ttl default 1, 0..255 ("TTL value (%u) out of range (0 - 255)", §2.4).
    ttl: { type: int(0, 255), default: '1' },
    // §3.2: default 5405.
    port: { type: int(1, 65535), default: '5405', doc: 'UDP port of ring 0.' },
  },
  altmulticast: {
    // §3.2: ring 1 defaults to the ring-0 ttl.
    ttl: { type: int(0, 255), default: null },
    // §3.2: default 5405 (5407 with broadcast).
    port: { type: int(1, 65535), doc: 'UDP port of ring 1.' },
  },
  totem: {
    // §3.1 / §3.4: cman sets token to 10000 ms when unset; §3.3: every timeout ≥ 30 ms.
    token: { type: ms(30), default: '10000' },
    // §3.1: join 60 ms when unset (bz#214290).
    join: { type: ms(30), default: '60' },
    // §3.1: computed (≤ 2 nodes: token×0.2 clamped to [200, 2000]; else token + 2000).
    consensus: {
      type: ms(30),
      default: null,
      doc: 'Milliseconds to wait for consensus before starting a new membership round (default computed from token and node count).',
    },
    // §3.1: 2500 when unset (bz#587078).
    fail_recv_const: {
      type: int(1),
      default: '2500',
      doc: 'Token rotations without receiving expected messages before a processor is declared failed.',
    },
    // §3.3 corosync defaults.
    seqno_unchanged_const: { type: int(1), default: '30' },
    netmtu: { type: int(1), default: '1500' },
    window_size: { type: int(1), default: '50' },
    max_messages: { type: int(1), default: '17' },
    token_retransmits_before_loss_const: { type: int(1), default: '4' },
    miss_count_const: { type: int(1), default: '5' },
    // §3.3: none | active | passive; cman's default depends on the number of rings (§3.1).
    rrp_mode: { type: oneOf('none', 'active', 'passive') },
    // §3.3: ≥ 2; cman default 3 with more than one ring.
    rrp_problem_count_threshold: { type: int(2), default: '3' },
    // §3.1: secauth on unless set.
    secauth: { type: BOOL_ONOFF, default: 'on' },
    keyfile: { doc: 'Path of the corosync key file.' },
  },
  interface: {
    // §3.4: overridden by cman-generated interfaces.
    ringnumber: { type: int(0, 1) },
    mcastport: { type: int(1, 65535) },
    broadcast: { type: BOOL_YESNO },
  },
  quorumd: {
    // §4.1: interval in seconds, default 1, <1 → 1.
    interval: { type: secs(1), default: '1' },
    // §4.1: a count of missed cycles; default auto ((token/1000 − interval)/2).
    tko: { type: int(1) },
    // §4.1: default auto (nodes − 1).
    votes: { type: int(0) },
    // §4.1: 0 ⇒ floor((n+1)/2) of the heuristic scores.
    min_score: { type: int(0), default: '0' },
    // §4.1: scheduler rr by default.
    scheduler: { default: 'rr' },
    // §4.1: the qdiskd flags are read with atoi.
    reboot: { type: BOOL_10, default: '1' },
    priority: { type: int(), default: '1' },
    tko_up: { type: int(1) },
    upgrade_wait: { type: int(1), default: '2' },
    use_uptime: { type: BOOL_10, default: '1' },
    stop_cman: { type: BOOL_10, default: '0' },
    paranoid: { type: BOOL_10, default: '0' },
    allow_kill: { type: BOOL_10, default: '1' },
    max_error_cycles: { type: int(0), default: '0' },
    io_timeout: { type: BOOL_10, default: '0' },
    // §4.1: off, auto-enabled in the 2-node / no-heuristics / auto-votes case.
    master_wins: { type: BOOL_10 },
  },
  heuristic: {
    // §4.1: score default 1 (≤0 → 1).
    score: { type: int(1), default: '1' },
    // §4.1: interval auto-computed when unset (the schema's "2" is not what qdiskd does).
    interval: { type: secs(1), default: null },
    // §4.1: tko auto-computed when unset.
    tko: { type: int(1) },
  },
  fence_daemon: {
    // §5.1: seconds; defaults 6 / 0; negative values are ignored from cluster.conf.
    post_join_delay: { type: secs(0), default: '6' },
    post_fail_delay: { type: secs(0), default: '0' },
    override_path: { default: '/var/run/cluster/fenced_override' },
    override_time: { type: secs(0), default: '3' },
    clean_start: { type: BOOL_10, default: '0' },
    // §5.1: in the schema, but fenced never reads it from cluster.conf.
    skip_undefined: {
      type: BOOL_10,
      default: '0',
      longDoc: 'Set to 1 to disable startup fencing of nodes with no fence methods defined. Note: fenced only honours the -s command-line option; it never reads this attribute (domain-facts §5.1).',
    },
  },
  // The dom0-side daemon of the old fence_xvm protocol: the schema leaves every description
  // empty; the keys mean what the fence_xvm parameters of the same name mean (§5.6).
  fence_xvmd: {
    debug: { type: int(0), doc: 'Debug level.' },
    port: { type: int(1, 65535), doc: 'Multicast port to listen on (fence_xvm ipport).' },
    use_uuid: { type: BOOL_10, doc: 'Treat domain names as UUIDs.' },
    multicast_address: { doc: 'Multicast address to listen on.' },
    multicast_interface: { doc: 'Network interface for multicast.' },
    auth: { doc: 'Authentication type (none, sha1, sha256, sha512).' },
    hash: { doc: 'Packet hash strength (none, sha1, sha256, sha512).' },
    key_file: { doc: 'Shared key file.' },
    uri: { doc: 'libvirt URI of the hypervisor.' },
  },
  dlm: {
    // cluster.rng descriptions: "Set to 1 to enable …" / "Set to 1/0 to enable/disable …".
    log_debug: { type: BOOL_10 },
    plock_debug: { type: BOOL_10 },
    plock_ownership: { type: BOOL_10 },
    enable_fencing: { type: BOOL_10 },
    enable_quorum: { type: BOOL_10 },
    enable_deadlk: { type: BOOL_10 },
    enable_plock: { type: BOOL_10 },
    // cluster.rng: "Number of centiseconds …" — a plain count.
    timewarn: { type: int(0) },
    plock_rate_limit: { type: int(0) },
    drop_resources_time: { type: int(0) },
    drop_resources_count: { type: int(0) },
    drop_resources_age: { type: int(0) },
  },
  lockspace: { nodir: { type: BOOL_10 } },
  master: { weight: { type: int(0) } },
  gfs_controld: {
    enable_withdraw: { type: BOOL_10 },
    enable_plock: { type: BOOL_10 },
    plock_debug: { type: BOOL_10 },
    plock_ownership: { type: BOOL_10 },
    plock_rate_limit: { type: int(0) },
    drop_resources_time: { type: int(0) },
    drop_resources_count: { type: int(0) },
    drop_resources_age: { type: int(0) },
  },
  logging: {
    // §3.5: yes/no, on/off, priorities and facility with their defaults.
    to_syslog: { type: BOOL_YESNO, default: 'yes' },
    to_logfile: { type: BOOL_YESNO, default: 'yes' },
    syslog_facility: { type: oneOf(...SYSLOG_FACILITIES), default: 'local4' },
    syslog_priority: { type: oneOf(...SYSLOG_PRIORITIES), default: 'info' },
    logfile_priority: { type: oneOf(...SYSLOG_PRIORITIES), default: 'info' },
    debug: { type: BOOL_ONOFF, default: 'off' },
  },
  logging_daemon: {
    // §3.5: the daemons that read <logging_daemon>; the rest default to the global <logging>.
    name: { type: oneOf('corosync', 'qdiskd', 'groupd', 'fenced', 'dlm_controld', 'gfs_controld', 'rgmanager') },
    subsys: { doc: 'A corosync subsystem name (CLM, CPG, MAIN, SERV, CMAN, TOTEM, QUORUM, CONFDB, CKPT, EVT).' },
    to_syslog: { type: BOOL_YESNO },
    to_logfile: { type: BOOL_YESNO },
    syslog_facility: { type: oneOf(...SYSLOG_FACILITIES) },
    syslog_priority: { type: oneOf(...SYSLOG_PRIORITIES) },
    logfile_priority: { type: oneOf(...SYSLOG_PRIORITIES) },
    debug: { type: BOOL_ONOFF },
  },
  clusternode: {
    // §2.1: votes default 1, > 255 refused by cman; the schema makes it positiveInteger.
    votes: { type: int(1, 255), default: '1' },
    // §1 / §2.1: nodeid required, positiveInteger.
    nodeid: { type: int(1) },
    weight: { type: int(0) },
  },
  altname: {
    // §3.2 / §2.4.
    port: { type: int(1, 65535) },
    ttl: { type: int(0, 255) },
  },
  rm: {
    // §6.1 (deprecated: use <logging>).
    log_level: { type: int(0, 7), default: '5', deprecated: 'use <logging>' },
    log_facility: { type: oneOf(...SYSLOG_FACILITIES), default: 'daemon', deprecated: 'use <logging>' },
    status_child_max: { type: int(1), default: '5' },
    // §6.1: seconds.
    status_poll_interval: { type: secs(1), default: '10' },
    transition_throttling: { type: secs(0), default: '5' },
    central_processing: { type: BOOL_10, default: '0' },
    disabled: { type: BOOL_10, default: '0' },
  },
  failoverdomain: {
    // §6.3: atoi(value) != 0 (so "yes" is false): 1/0 booleans.
    ordered: { type: BOOL_10, default: '0' },
    restricted: { type: BOOL_10, default: '0' },
    nofailback: { type: BOOL_10, default: '0' },
  },
  failoverdomainnode: {
    // §6.3: valid 1..100, read only in ordered domains.
    priority: { type: int(1, 100) },
  },
  event: {
    // cluster.rng descriptions: "Order (1..99) of event", "Event class (service, node)".
    priority: { type: int(1, 99) },
    class: { type: oneOf('service', 'node') },
    service_state: { type: oneOf('started', 'stopped', 'disabled', 'failed') },
    node_id: { type: int(1) },
    node_state: { type: BOOL_10 },
    node_clean: { type: BOOL_10 },
    node_local: { type: BOOL_10 },
  },
  action: {
    // §7.5: interval/timeout go through expand_time (seconds; "1m" = 60); depth is N or "*".
    interval: { type: secs(0) },
    timeout: { type: secs(0) },
  },
};

// ---------------------------------------------------------------------------------------------
// Resource meta attributes (§7.3, §7.5), docs from the schema's SERVICE definition.

export const META_OVERLAY: [string, Patch][] = [
  // §7.3/§7.5: 1/yes ⇒ independent subtree, 2/non-critical ⇒ non-critical (implies independent).
  [
    '__independent_subtree',
    {
      type: oneOf('0', '1', '2'),
      default: '0',
      longDoc: '0 = part of the parent (default); 1 = independent subtree: a failure restarts only this subtree; 2 = non-critical: on failure the subtree is stopped and marked disabled while the service keeps running (RHEL 6.1+). Ignored on a service/vm root.',
    },
  ],
  // §7.5: >0 or "yes" ⇒ the action timeouts are enforced.
  ['__enforce_timeouts', { type: BOOL_10, default: '0' }],
  // §7.3/§7.5: atoi; both __max_failures and __failure_expire_time non-zero ⇒ failure counter.
  ['__max_failures', { type: int(0), default: '0' }],
  ['__failure_expire_time', { type: secs(0), default: '0' }],
  // §7.3/§7.5: only for independent subtrees, both > 0 ⇒ restart counter.
  ['__max_restarts', { type: int(0), default: '0' }],
  ['__restart_expire_time', { type: secs(0), default: '0' }],
];

// ---------------------------------------------------------------------------------------------
// What each fence agent does to the node it is asked to fence (issue 12: agents that power
// nothing off). fenced runs the agent with no arguments and the device's options on stdin,
// adding `nodename=<victim>` (krichter722/cluster fence/libfence/agent.c l.95, l.156-159), and
// takes exit 0 as "fenced". Every agent of reference/fence-agents-rhel6 has an entry (the
// generator refuses a catalogue without one), plus the agents RHEL 6 configurations name that
// ship elsewhere. "fa" = ClusterLabs/fence-agents, RHEL6 branch (6343ca58).

type FencingSpec = import('../../compiler/catalogue/types.ts').FencingSpec;

/** Power agents on the fencing library: `off` switches the power and waits for the state. */
const FENCING_PY_POWER = 'fa fence/agents/lib/fencing.py.py fence_action l.793-870 (off/reboot set the power state and wait for it) on the port/plug of the node\'s device, or on the one machine the device is';

const power = (doc: string, source = FENCING_PY_POWER): FencingSpec => ({ kind: 'power', victim: 'per-node', successWithoutFencing: false, doc, source });
const fabricPort = (doc: string, source: string): FencingSpec => ({ kind: 'fabric', victim: 'per-node', successWithoutFencing: false, doc, source });

export const FENCING: Record<string, FencingSpec> = {
  fence_alom: power('powers a Sun server off through its ALOM'),
  fence_amt: power('powers a machine off through Intel AMT'),
  fence_apc: power('switches an APC PDU outlet (port) off'),
  fence_apc_snmp: power('switches an APC/Tripplite PDU outlet (port) off over SNMP'),
  fence_bladecenter: power('powers an IBM BladeCenter blade (port) off'),
  fence_brocade: fabricPort('disables the node\'s FC switch port (port) on a Brocade switch: the node keeps running, cut off its storage', 'fa fence/agents/brocade/fence_brocade.py set_power_status l.15-22 (portCfgPersistentDisable PORT)'),
  fence_cisco_mds: fabricPort('shuts the node\'s FC switch port (port) down on a Cisco MDS over SNMP: the node keeps running, cut off its storage', 'fa fence/agents/cisco_mds/fence_cisco_mds.py set_power_status l.51-52 (port admin status down)'),
  fence_cisco_ucs: power('powers a Cisco UCS service profile (port) off'),
  fence_docker: power('stops a Docker container (port)'),
  fence_drac: power('powers a Dell server off through its DRAC (one device = one machine)'),
  fence_drac5: power('powers a Dell server or CMC module (port) off through its DRAC 5'),
  fence_dummy: {
    kind: 'none', victim: 'none', successWithoutFencing: true,
    doc: 'a test agent: `off` writes "off" into a local status file and reports success; nothing is powered off',
    source: 'fa fence/agents/dummy/fence_dummy.py set_power_status_file l.32-40 (type "file", the default)',
  },
  fence_eaton_snmp: power('switches an Eaton PDU outlet (port) off over SNMP'),
  fence_egenera: power('powers an Egenera BladeFrame pServer (port) off'),
  fence_emerson: power('switches an Emerson PDU outlet (port) off over SNMP'),
  fence_eps: power('switches an ePowerSwitch outlet (port) off'),
  fence_hds_cb: power('powers a Hitachi Compute Blade (port) off'),
  fence_hpblade: power('powers an HP BladeSystem blade (port) off'),
  fence_ibmblade: power('powers an IBM BladeCenter blade (port) off over SNMP'),
  fence_idrac: power('powers a Dell server off through its iDRAC (IPMI; one device = one machine)'),
  fence_ifmib: fabricPort('sets the node\'s switch port (port) administratively down over the IF-MIB: the node keeps running, cut off that network', 'fa fence/agents/ifmib/fence_ifmib.py set_power_status l.69-75 (IF-MIB::ifAdminStatus down)'),
  fence_ilo: power('powers an HP server off through its iLO (one device = one machine)'),
  fence_ilo2: power('powers an HP server off through its iLO 2 (one device = one machine)'),
  fence_ilo3: power('powers an HP server off through its iLO 3 (IPMI; one device = one machine)'),
  fence_ilo3_ssh: power('powers an HP server off through its iLO 3 over SSH'),
  fence_ilo4: power('powers an HP server off through its iLO 4 (IPMI; one device = one machine)'),
  fence_ilo4_ssh: power('powers an HP server off through its iLO 4 over SSH'),
  fence_ilo_moonshot: power('powers an HP Moonshot cartridge (port) off'),
  fence_ilo_mp: power('powers an HP server off through its iLO MP'),
  fence_ilo_ssh: power('powers an HP server off through its iLO over SSH'),
  fence_imm: power('powers an IBM server off through its IMM (IPMI; one device = one machine)'),
  fence_intelmodular: power('powers an Intel Modular Server blade (port) off'),
  fence_ipdu: power('switches an IBM iPDU outlet (port) off over SNMP'),
  fence_ipmilan: power('powers a server off through its BMC over IPMI (one device = one machine)'),
  fence_kdump: {
    kind: 'observe', victim: 'node-name', successWithoutFencing: true,
    doc: 'powers nothing off: waits for the victim (the nodename fenced passes) to send a message from its kdump kernel, and reports success when it does',
    source: 'fa fence/agents/kdump/fence_kdump.c do_action_off l.146-175 (select on the socket for the message), nodename l.466-467 and l.514-519',
  },
  fence_ldom: power('stops a Sun LDOM guest (port)'),
  fence_lpar: power('powers an IBM LPAR (port) off through the HMC'),
  fence_mpath: fabricPort('removes the victim\'s SCSI-3 reservation key (the `key` of its device entry) from the multipath devices: the node keeps running, cut off its storage', 'fa fence/agents/mpath/fence_mpath.py set_status l.36-70 (off: preempt_abort of --key on every device)'),
  fence_netio: power('switches a Koukaam NETIO outlet (port) off'),
  fence_ovh: power('reboots an OVH dedicated server (port) into rescue mode through the OVH API'),
  fence_pve: power('stops a Proxmox VE guest (port)'),
  fence_raritan: power('switches a Raritan PX outlet (port) off'),
  fence_rhevm: power('stops a RHEV guest (port) through the RHEV-M API'),
  fence_rsa: power('powers an IBM server off through its RSA card (one device = one machine)'),
  fence_rsb: power('powers a Fujitsu-Siemens server off through its RSB (one device = one machine)'),
  fence_sanbox2: fabricPort('takes the node\'s FC switch port (port) offline on a QLogic SANbox2: the node keeps running, cut off its storage', 'fa fence/agents/sanbox2/fence_sanbox2.py set_power_status l.49-57 (set port PORT state offline)'),
  fence_scsi: {
    kind: 'fabric', victim: 'node-name', successWithoutFencing: false,
    doc: 'removes the victim\'s SCSI-3 registration from the shared devices; the key is made from the cluster id and the node id of the nodename fenced passes, so one device serves every node',
    source: 'fa fence/agents/scsi/fence_scsi.pl get_key/get_node_id l.417-440 (key = cluster id + `cman_tool nodes -n NODE -F id`)',
  },
  fence_tripplite_snmp: power('switches a Tripplite PDU outlet (port) off over SNMP'),
  fence_virsh: power('destroys a libvirt guest (port) over SSH'),
  fence_virt: power('asks fence_virtd on the host to destroy the guest (port)', '../shared/design/domain-facts.md §5.6 (fence-virt client: the port names the libvirt domain the host destroys)'),
  fence_vmware_soap: power('powers a VMware guest (port) off through vCenter/ESX'),
  fence_wti: power('switches a WTI power switch outlet (port) off'),
  fence_xenapi: power('powers a XenServer guest (port) off over XenAPI'),
  fence_xvm: power('asks fence_virtd on the host to destroy the guest (port) over multicast', '../shared/design/domain-facts.md §5.6 (fence-virt client: the port names the libvirt domain the host destroys)'),
  fence_zvmip: power('deactivates a z/VM guest (port) over SMAPI'),
  // Agents outside reference/fence-agents-rhel6 that RHEL 6 configurations name.
  fence_pcmk: {
    kind: 'delegate', victim: 'per-node', successWithoutFencing: false,
    doc: 'hands the request to Pacemaker: runs `stonith_admin --reboot|--fence PORT`, so Pacemaker\'s stonith devices fence, with their own delays; other options, delay among them, become environment variables it ignores',
    source: 'ClusterLabs/pacemaker fencing/fence_pcmk (at 7a9891f2^) l.144 (unknown options go to %ENV), l.195-210 (exec stonith_admin)',
  },
  fence_passive_nic: {
    kind: 'observe', victim: 'none', successWithoutFencing: true,
    doc: 'powers nothing off: checks the link of a NIC of the node that runs it (port, e.g. eth1) and reports the peer fenced when the link is down; its author: "This fence agent can not actually fence a node!"',
    source: 'digimer/fence_passive_nic@6a44645 fence_passive_nic l.363 (ethtool on the local device), l.541-553 (off/reboot succeed when the link is down); README.md',
  },
  fence_manual: {
    kind: 'manual', victim: 'none', successWithoutFencing: true,
    doc: 'powers nothing off: waits until an operator runs fence_ack_manual, then reports success',
    source: '../shared/design/field-rules.md fence/manual-agent (sx clusterevaluator.py l.213-218); domain-facts §5.1 override_path',
  },
  fence_ack_manual: {
    kind: 'manual', victim: 'none', successWithoutFencing: false,
    doc: 'the operator\'s command, not an agent: it wants the node name as an argument and a typed "absolutely", but fenced gives agents no arguments, so it prints its usage and exits 1; fencing fails until someone acknowledges by hand',
    source: 'krichter722/cluster fence/libfence/agent.c l.95 (execlp without arguments), fence/fenced/recover.c l.450-461 (the override FIFO that fence_ack_manual writes)',
  },
  fence_delay: {
    kind: 'none', victim: 'none', successWithoutFencing: false,
    doc: 'waits, then always fails, so that fenced retries the earlier methods after the delay (Striker\'s last method)',
    source: 'digimer/fence_delay@2705584a README.md ("a fence agent that always fails after a given delay")',
  },
  fence_sanlock: {
    kind: 'fabric', victim: 'node-name', successWithoutFencing: false,
    doc: 'takes the victim\'s sanlock lease (the host of the nodename fenced passes) so that its watchdog resets it; one device serves every node',
    source: '../shared/design/field-rules.md §1 STORAGE agents (sx l.237); fenced passes nodename (krichter722/cluster fence/libfence/agent.c l.156-159)',
  },
};
