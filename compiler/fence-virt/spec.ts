// What fence_virtd (fence-virt 0.2/0.3 on RHEL 6; the same grammar in fence-agents 4.x) reads
// from fence_virt.conf: every block, every key, its type and the daemon's default. Source:
// ../shared/design/fence-virt.md §1–2 (checked against the real daemon). The language lowering,
// the emitter, the fence_virt.conf checker and the importer all read these tables.

export type FvType =
  | { kind: 'string' }
  | { kind: 'integer'; min: number; max?: number }
  | { kind: 'boolean' }
  | { kind: 'enum'; values: string[] };

export interface FvKey {
  name: string;
  type: FvType;
  /** What the daemon uses when the key is absent (documentation and cross-checks). */
  default?: string;
  /** The daemon reads it with atoi(): padding inside the quotes happens to work. */
  numeric?: boolean;
  /** The key may be repeated (groups: uuid, ip). */
  repeated?: boolean;
}

const STRING: FvType = { kind: 'string' };
const BOOL: FvType = { kind: 'boolean' };
const HASHES: FvType = { kind: 'enum', values: ['none', 'sha1', 'sha256', 'sha512'] };
const PORT: FvType = { kind: 'integer', min: 1, max: 65535 };

export const DAEMON_KEYS: FvKey[] = [
  { name: 'listener', type: STRING },
  { name: 'backend', type: STRING },
  { name: 'module_path', type: STRING },
  { name: 'foreground', type: BOOL, default: '0', numeric: true },
  { name: 'wait_for_init', type: BOOL, default: '0', numeric: true },
  { name: 'wait_for_backend', type: BOOL, default: '0', numeric: true },
  { name: 'debug', type: { kind: 'integer', min: 0 }, default: '0', numeric: true },
  { name: 'name_mode', type: { kind: 'enum', values: ['uuid', 'name'] } },
];

const KEY_FILE: FvKey = { name: 'key_file', type: STRING, default: '/etc/cluster/fence_xvm.key' };
const HASH: FvKey = { name: 'hash', type: HASHES, default: 'sha256' };
const AUTH: FvKey = { name: 'auth', type: HASHES, default: 'sha256' };
const FAMILY: FvKey = { name: 'family', type: { kind: 'enum', values: ['ipv4', 'ipv6'] }, default: 'ipv4' };
const LPORT: FvKey = { name: 'port', type: PORT, default: '1229', numeric: true };

/**
 * Listener plugins: the block under `listeners { }` and the value of fence_virtd/listener. A Map,
 * as every table here: they are looked up with names the user wrote (`constructor` is no plugin).
 */
export const LISTENERS: ReadonlyMap<string, FvKey[]> = new Map([
  ['multicast', [KEY_FILE, HASH, AUTH, FAMILY, { name: 'address', type: STRING, default: '225.0.0.12' }, LPORT, { name: 'interface', type: STRING }]],
  ['serial', [{ name: 'uri', type: STRING }, { name: 'path', type: STRING }, { name: 'mode', type: { kind: 'enum', values: ['serial', 'vmchannel'] }, default: 'serial' }]],
  ['tcp', [KEY_FILE, HASH, AUTH, FAMILY, { name: 'address', type: STRING, default: '127.0.0.1' }, LPORT]],
  ['vsock', [KEY_FILE, HASH, AUTH, LPORT]],
]);

const NAME_MODE: FvKey = { name: 'name_mode', type: { kind: 'enum', values: ['uuid', 'name'] }, default: 'name' };
const QPID: FvKey[] = [
  { name: 'host', type: STRING, default: '127.0.0.1' },
  { name: 'port', type: PORT, default: '49000', numeric: true },
  { name: 'username', type: STRING },
  { name: 'service', type: STRING },
  { name: 'gssapi', type: BOOL, default: '0', numeric: true },
];

/** Backend plugins: the block under `backends { }` and the value of fence_virtd/backend. */
export const BACKENDS: ReadonlyMap<string, FvKey[]> = new Map([
  ['libvirt', [{ name: 'uri', type: STRING }]],
  ['checkpoint', [{ name: 'uri', type: STRING }, NAME_MODE]],
  ['cpg', [{ name: 'uri', type: STRING }, NAME_MODE]],
  ['libvirt-qpid', QPID],
  ['libvirt-qmf', QPID],
  ['pm-fence', [{ name: 'pmlib_loglevel', type: { kind: 'enum', values: ['emerg', 'alert', 'crit', 'err', 'warning', 'notice', 'info', 'debug', 'debug2', 'debug3', 'debug4', 'debug5', 'debug6'] } }]],
  ['null', [{ name: 'message', type: STRING, default: 'Hi!' }]],
]);

/** Backends of RHEL 6's fence-virt that Debian's fence-virtd (fence-agents 4.x) no longer ships. */
export const RHEL6_ONLY_BACKENDS = ['checkpoint', 'libvirt-qpid', 'libvirt-qmf', 'pm-fence', 'null'];

export const GROUP_KEYS: FvKey[] = [
  { name: 'name', type: STRING },
  { name: 'uuid', type: STRING, repeated: true },
  { name: 'ip', type: STRING, repeated: true },
];

export function keyOf(keys: FvKey[], name: string): FvKey | undefined {
  return keys.find((k) => k.name === name);
}

export function describeFvType(t: FvType): string {
  switch (t.kind) {
    case 'string':
      return 'a string in double quotes';
    case 'integer':
      return t.max !== undefined ? `an integer from ${t.min} to ${t.max}` : `an integer ≥ ${t.min}`;
    case 'boolean':
      return '`true` or `false`';
    case 'enum':
      return `one of ${t.values.map((v) => '`' + v + '`').join(', ')}`;
  }
}

/** One line per key, for hover and completion in the editor. */
export const KEY_DOCS: ReadonlyMap<string, string> = new Map([
  ['listener', 'The listener plugin fence_virtd runs (needed when several listener blocks are given)'],
  ['backend', 'The backend plugin fence_virtd runs (needed when several backend blocks are given)'],
  ['module_path', 'Where fence_virtd looks for its plugins (RHEL 6 x86_64: /usr/lib64/fence-virt)'],
  ['foreground', 'Stay in the foreground instead of daemonising'],
  ['wait_for_init', 'Retry backend and listener initialisation every 5 s instead of exiting'],
  ['wait_for_backend', 'fence-virt 0.2 name of wait_for_init'],
  ['debug', 'Debug level (overridden by -d)'],
  ['name_mode', 'Identify guests by `name` or by `uuid`'],
  ['key_file', 'Shared key: must hold the same bytes as the fence_xvm key file on every guest'],
  ['hash', 'Packet hash; requests hashed more weakly are dropped'],
  ['auth', 'Challenge-response authentication; must equal the devices\' auth'],
  ['family', 'IP family of the listener'],
  ['address', 'Multicast group (tcp: address) to listen on; fence_xvm devices send to multicast_address'],
  ['port', 'Port to listen on; fence_xvm devices send to ipport'],
  ['interface', 'Network interface to listen on (none = all)'],
  ['uri', 'libvirt connection URI, e.g. qemu:///system'],
  ['path', 'Directory of the guests\' serial sockets'],
  ['mode', 'serial or vmchannel'],
  ['host', 'QMF broker host'],
  ['username', 'QMF broker user'],
  ['service', 'QMF broker service'],
  ['gssapi', 'Use GSSAPI with the QMF broker'],
  ['pmlib_loglevel', 'pm-fence log level'],
  ['message', 'What the null backend prints'],
  ['name', 'The group\'s name'],
  ['uuid', 'Guests (names or UUIDs) in this group'],
  ['ip', 'Hosts allowed to fence the guests of this group (vsock: CIDs)'],
]);
