// Generates compiler/catalogue/catalogue.json from the reference material in ../shared (or
// $QUORATE_SHARED): the rgmanager resource-agent metadata, the RHEL 6 fence-agent metadata and
// the RelaxNG schema of cluster.conf. It extracts what the compiler needs (names, flags, types,
// defaults, one-line docs) and never copies a metadata file into the repository.
//
// What the metadata and the schema cannot say (that `token` is milliseconds, that cman reads
// `two_node` with atoi but `broadcast` as yes/no, the defaults the daemons really apply) comes
// from the hand-written overlay tables below; every entry cites ../shared/design/domain-facts.md.
//
//   node --import tsx scripts/gen-catalogue.ts        (npm run gen:catalogue)
//
// The output is deterministic: same inputs, byte-identical JSON. `generateCatalogue()` is
// exported for the test that regenerates and compares.

import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv';
import { create } from 'xmlbuilder2';
import type {
  ActionSpec,
  AttributeSpec,
  Catalogue,
  ChildTypeSpec,
  ElementSpec,
  FenceAgentSpec,
  ResourceAgentSpec,
  ValueType,
} from '../compiler/catalogue/types.ts';

const repoRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '..');
const outFile = join(repoRoot, 'compiler', 'catalogue', 'catalogue.json');
const schemaFile = join(repoRoot, 'compiler', 'catalogue', 'catalogue.schema.json');

// ---------------------------------------------------------------------------------------------
// Minimal DOM view of what xmlbuilder2 parses into (we walk the DOM, not the object view).

interface XNode {
  nodeType: number;
  childNodes: ArrayLike<XNode>;
  textContent: string | null;
}
interface XElement extends XNode {
  localName: string;
  nodeName: string;
  getAttribute(name: string): string | null;
}
const ELEMENT_NODE = 1;

function parseXml(text: string): XElement {
  const doc = create(text).node as unknown as { documentElement: XElement };
  return doc.documentElement;
}

function elementChildren(n: XNode, name?: string): XElement[] {
  const out: XElement[] = [];
  for (let i = 0; i < n.childNodes.length; i++) {
    const c = n.childNodes[i]!;
    if (c.nodeType !== ELEMENT_NODE) continue;
    const e = c as XElement;
    if (name === undefined || e.nodeName === name) out.push(e);
  }
  return out;
}

function firstChild(n: XNode, name: string): XElement | undefined {
  return elementChildren(n, name)[0];
}

function descendants(n: XNode, name: string, out: XElement[] = []): XElement[] {
  for (const e of elementChildren(n)) {
    if (e.nodeName === name) out.push(e);
    descendants(e, name, out);
  }
  return out;
}

/** Trimmed, whitespace-collapsed text. */
function collapse(s: string | null | undefined): string {
  return (s ?? '').replace(/\s+/g, ' ').trim();
}

/** The first sentence of a description ("Name of the cluster. cluster.conf(5)" → "Name of the cluster."). */
function firstSentence(s: string): string {
  const re = /[.!?](?=\s)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s))) {
    const before = s.slice(0, m.index + 1);
    if (/\b(e\.g|i\.e|etc|vs)\.$/i.test(before)) continue;
    return before;
  }
  return s;
}

/** rgmanager's flag parsing (resrules.c): true iff atoi(v) != 0 or v starts with 'y'. */
function rgFlag(v: string | null): boolean {
  if (v === null) return false;
  if (v.startsWith('y')) return true;
  return atoi(v) !== 0;
}

function atoi(v: string): number {
  const m = /^\s*([+-]?\d+)/.exec(v);
  return m ? parseInt(m[1]!, 10) : 0;
}

// ---------------------------------------------------------------------------------------------
// Overlay vocabulary.

const STRING: ValueType = { kind: 'string' };
const int = (min?: number, max?: number): ValueType => ({
  kind: 'integer',
  ...(min !== undefined ? { min } : {}),
  ...(max !== undefined ? { max } : {}),
});
const ms = (min?: number): ValueType => ({ kind: 'duration', unit: 'ms', ...(min !== undefined ? { min } : {}) });
const secs = (min?: number): ValueType => ({ kind: 'duration', unit: 's', ...(min !== undefined ? { min } : {}) });
const BOOL_10: ValueType = { kind: 'boolean', encoding: '1/0' };
const BOOL_YESNO: ValueType = { kind: 'boolean', encoding: 'yes/no' };
const BOOL_ONOFF: ValueType = { kind: 'boolean', encoding: 'on/off' };
const oneOf = (...values: string[]): ValueType => ({ kind: 'enum', values });

const SYSLOG_PRIORITIES = ['emerg', 'alert', 'crit', 'err', 'warning', 'notice', 'info', 'debug'];
// The facility keywords listed by the schema's rm/@log_facility description (cluster.rng).
const SYSLOG_FACILITIES = [
  'auth', 'authpriv', 'cron', 'daemon', 'kern', 'lpr', 'mail', 'news', 'syslog', 'user', 'uucp',
  'local0', 'local1', 'local2', 'local3', 'local4', 'local5', 'local6', 'local7',
];

/** A correction of one extracted attribute. `default: null` removes the schema's default. */
interface Patch {
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
const AGENT_FILE_WITHOUT_SH = new Set(['SAPDatabase', 'SAPInstance']);

function agentFile(name: string): string {
  // db2.sh declares name="db2.sh" itself (domain-facts §7.7 `db2.sh`; reference/README §2).
  if (name.endsWith('.sh') || AGENT_FILE_WITHOUT_SH.has(name)) return name;
  return `${name}.sh`;
}

/** Overlay for resource-agent parameters: agent → parameter → patch. */
const RESOURCE_OVERLAY: Record<string, Record<string, Patch>> = {
  service: {
    // §6.2: "restart (default, also any unrecognised value), relocate, disable, restart-disable".
    recovery: { type: oneOf('restart', 'relocate', 'disable', 'restart-disable') },
    // §6.2: depend_mode hard (default) | soft, honoured by central_processing only.
    depend_mode: { type: oneOf('hard', 'soft') },
    // §6.2: max_restarts is a count (restart counter only if > 0); metadata says "string".
    max_restarts: { type: int(0) },
    // §6.2 / §7.5: restart_expire_time goes through expand_time (seconds; 0 = never expire).
    restart_expire_time: { type: secs(0) },
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
  nfsclient: { svcname: { doc: 'Service name (inherited from the service).' } },
  // fs/clusterfs/netfs `fstype` deliberately stay strings (any mount type the kernel knows).
};

function metadataType(t: string | null, agent: string, param: string): ValueType {
  switch (t) {
    case 'string':
      return { kind: 'string' };
    case 'integer':
    case 'number': // postgres-8 startup_wait says "number" (§7.7 postgres-8)
      return { kind: 'integer' };
    case 'boolean':
      return { kind: 'boolean', encoding: '1/0' };
    default:
      throw new Error(`${agent}.${param}: unknown metadata content type ${JSON.stringify(t)}`);
  }
}

/** Names that must never be written inline (a password by any other name). */
function isSecretName(name: string): boolean {
  return /passw(or)?d/i.test(name) && !/_script$/i.test(name);
}

function applyPatch(spec: AttributeSpec, patch: Patch, where: string): AttributeSpec {
  const out: AttributeSpec = { ...spec };
  if (patch.type) out.type = patch.type;
  if (patch.required !== undefined) out.required = patch.required;
  if (patch.default === null) delete out.default;
  else if (patch.default !== undefined) out.default = patch.default;
  if (patch.doc !== undefined) out.doc = patch.doc;
  if (patch.longDoc !== undefined) out.longDoc = patch.longDoc;
  if (patch.deprecated !== undefined) out.deprecated = patch.deprecated;
  if (patch.secret !== undefined) out.secret = patch.secret;
  if (out.type.kind === 'enum' && out.default !== undefined && !out.type.values.includes(out.default)) {
    throw new Error(`${where}: default ${out.default} is not one of ${out.type.values.join('|')}`);
  }
  return out;
}

/** Key order of an AttributeSpec in the JSON (fixed, so the output is deterministic). */
function orderAttribute(a: AttributeSpec): AttributeSpec {
  const o: AttributeSpec = { name: a.name, type: orderType(a.type), required: a.required } as AttributeSpec;
  if (a.unique) o.unique = true;
  if (a.primary) o.primary = true;
  if (a.reconfig) o.reconfig = true;
  if (a.inherit !== undefined) o.inherit = a.inherit;
  if (a.default !== undefined) o.default = a.default;
  o.doc = a.doc;
  if (a.longDoc !== undefined && a.longDoc !== '' && a.longDoc !== a.doc) o.longDoc = a.longDoc;
  if (a.deprecated !== undefined) o.deprecated = a.deprecated;
  if (a.secret) o.secret = true;
  return o;
}

function orderType(t: ValueType): ValueType {
  switch (t.kind) {
    case 'string':
      return { kind: 'string' };
    case 'integer':
      return { kind: 'integer', ...(t.min !== undefined ? { min: t.min } : {}), ...(t.max !== undefined ? { max: t.max } : {}) };
    case 'duration':
      return { kind: 'duration', unit: t.unit, ...(t.min !== undefined ? { min: t.min } : {}), ...(t.max !== undefined ? { max: t.max } : {}) };
    case 'boolean':
      return { kind: 'boolean', encoding: t.encoding };
    case 'enum':
      return { kind: 'enum', values: [...t.values] };
  }
}

function parseResourceAgent(text: string, file: string): ResourceAgentSpec {
  const root = parseXml(text);
  if (root.nodeName !== 'resource-agent') throw new Error(`${file}: not a <resource-agent>`);
  const name = root.getAttribute('name');
  if (!name) throw new Error(`${file}: no name`);
  const shortdesc = collapse(firstChild(root, 'shortdesc')?.textContent);
  const longdesc = collapse(firstChild(root, 'longdesc')?.textContent);

  const params: AttributeSpec[] = [];
  let primary: string | undefined;
  for (const p of elementChildren(firstChild(root, 'parameters') ?? root, 'parameter')) {
    const pname = p.getAttribute('name');
    if (!pname) throw new Error(`${file}: parameter without a name`);
    if (params.some((q) => q.name === pname)) throw new Error(`${file}: duplicate parameter ${pname}`);
    const content = firstChild(p, 'content');
    const isPrimary = rgFlag(p.getAttribute('primary'));
    const inherit = p.getAttribute('inherit');
    const sd = collapse(firstChild(p, 'shortdesc')?.textContent);
    const ld = collapse(firstChild(p, 'longdesc')?.textContent);
    const spec: AttributeSpec = {
      name: pname,
      type: metadataType(content?.getAttribute('type') ?? 'string', name, pname),
      // primary implies required (§7.7 legend: rgmanager refuses a resource without it).
      required: rgFlag(p.getAttribute('required')) || isPrimary,
      doc: sd || firstSentence(ld),
    };
    if (rgFlag(p.getAttribute('unique'))) spec.unique = true;
    if (isPrimary) {
      if (primary) throw new Error(`${file}: multiple primary parameters`); // §7.1
      primary = pname;
      spec.primary = true;
    }
    if (rgFlag(p.getAttribute('reconfig'))) spec.reconfig = true;
    if (inherit) spec.inherit = inherit; // §7.1: the spec string is the stored value
    const def = content?.getAttribute('default');
    if (!inherit && def !== null && def !== undefined && def !== '') spec.default = def;
    if (ld) spec.longDoc = ld;
    if (isSecretName(pname)) spec.secret = true;
    params.push(spec);
  }
  // §7.1: the primary attribute is moved to index 0.
  if (primary) {
    const i = params.findIndex((p) => p.name === primary);
    params.unshift(...params.splice(i, 1));
  }
  const overlay = RESOURCE_OVERLAY[name] ?? {};
  for (const pname of Object.keys(overlay)) {
    const i = params.findIndex((p) => p.name === pname);
    if (i < 0) throw new Error(`overlay: ${name} has no parameter ${pname}`);
    params[i] = applyPatch(params[i]!, overlay[pname]!, `${name}.${pname}`);
  }

  // §7.1: <special tag="rgmanager"><attributes maxinstances init_on_add destroy_on_delete/> and <child/>.
  let maxInstances: number | undefined;
  let initOnAdd = true;
  let destroyOnDelete = true;
  const children: ChildTypeSpec[] = [];
  for (const special of elementChildren(root, 'special')) {
    if (special.getAttribute('tag') !== 'rgmanager') continue;
    for (const a of elementChildren(special, 'attributes')) {
      const mi = a.getAttribute('maxinstances');
      if (mi !== null && atoi(mi) > 0) maxInstances = atoi(mi);
      const ia = a.getAttribute('init_on_add');
      if (ia !== null) initOnAdd = rgFlag(ia);
      const dd = a.getAttribute('destroy_on_delete');
      if (dd !== null) destroyOnDelete = rgFlag(dd);
    }
    for (const c of elementChildren(special, 'child')) {
      const type = c.getAttribute('type');
      if (!type) throw new Error(`${file}: <child> without type`);
      const spec: ChildTypeSpec = { type };
      const start = c.getAttribute('start');
      const stop = c.getAttribute('stop');
      if (start !== null) spec.start = atoi(start);
      if (stop !== null) spec.stop = atoi(stop);
      if (rgFlag(c.getAttribute('forbid'))) spec.forbid = true;
      children.push(spec);
    }
  }

  const actions: ActionSpec[] = [];
  for (const a of elementChildren(firstChild(root, 'actions') ?? root, 'action')) {
    const an = a.getAttribute('name');
    if (!an) throw new Error(`${file}: action without a name`);
    const spec: ActionSpec = { name: an };
    for (const k of ['timeout', 'interval', 'depth'] as const) {
      const v = a.getAttribute(k);
      if (v !== null) spec[k] = v;
    }
    actions.push(spec);
  }

  const out: ResourceAgentSpec = {
    name,
    agentFile: agentFile(name),
    doc: shortdesc || firstSentence(longdesc),
    ...(longdesc && longdesc !== shortdesc ? { longDoc: longdesc } : {}),
    ...(maxInstances !== undefined ? { maxInstances } : {}),
    initOnAdd,
    destroyOnDelete,
    parameters: params.map(orderAttribute),
    ...(primary ? { primary } : {}),
    children,
    actions,
  };
  return out;
}

// ---------------------------------------------------------------------------------------------
// Fence agents (reference/fence-agents-rhel6/*.xml).

/** Fence parameters that must never be inline (domain-facts §10; brief). */
const FENCE_SECRETS = new Set(['passwd', 'snmp_priv_passwd']);

function parseFenceAgent(text: string, file: string): FenceAgentSpec {
  const root = parseXml(text);
  if (root.nodeName !== 'resource-agent') throw new Error(`${file}: not a <resource-agent>`);
  const name = root.getAttribute('name');
  if (!name) throw new Error(`${file}: no name`);
  const doc = collapse(root.getAttribute('shortdesc') ?? firstChild(root, 'shortdesc')?.textContent);
  const longdesc = collapse(firstChild(root, 'longdesc')?.textContent);
  const params: AttributeSpec[] = [];
  for (const p of elementChildren(firstChild(root, 'parameters') ?? root, 'parameter')) {
    const pname = p.getAttribute('name');
    if (!pname) throw new Error(`${file}: parameter without a name`);
    if (params.some((q) => q.name === pname)) throw new Error(`${file}: duplicate parameter ${pname}`);
    const content = firstChild(p, 'content');
    const ctype = content?.getAttribute('type') ?? 'string';
    let type: ValueType;
    if (ctype === 'boolean') type = BOOL_10;
    else if (ctype === 'select') {
      const values = elementChildren(content!, 'option').map((o) => o.getAttribute('value') ?? '');
      type = values.length > 0 ? oneOf(...values) : STRING;
    } else type = STRING;
    const spec: AttributeSpec = {
      name: pname,
      type,
      required: p.getAttribute('required') === '1',
      doc: collapse(firstChild(p, 'shortdesc')?.textContent),
    };
    const def = content?.getAttribute('default');
    if (def !== null && def !== undefined && def !== '') spec.default = def;
    const ld = collapse(firstChild(p, 'longdesc')?.textContent);
    if (ld) spec.longDoc = ld;
    if (FENCE_SECRETS.has(pname)) spec.secret = true;
    // fence-virt: `domain` is the deprecated spelling of `port` (§5.6, §10 fence_xvm/fence_virt).
    if (pname === 'domain' && (name === 'fence_xvm' || name === 'fence_virt')) spec.deprecated = 'use port';
    params.push(spec);
  }
  // §1 "Schema facts": FENCEDEVICEOPTIONS gives every agent the deprecated `option` attribute;
  // §5.3: `option=` is the deprecated spelling of `action=` (renamed on stdin by the agents).
  const option = params.find((p) => p.name === 'option');
  if (option) option.deprecated = 'use action';
  else {
    params.push({
      name: 'option',
      type: STRING,
      required: false,
      doc: 'Fencing action (deprecated spelling of action).',
      deprecated: 'use action',
    });
  }
  const actions = elementChildren(firstChild(root, 'actions') ?? root, 'action').map((a) => {
    const an = a.getAttribute('name');
    if (!an) throw new Error(`${file}: action without a name`);
    return an;
  });
  return {
    name,
    doc,
    ...(longdesc && longdesc !== doc ? { longDoc: longdesc } : {}),
    parameters: params.map(orderAttribute),
    actions,
  };
}

// ---------------------------------------------------------------------------------------------
// Core elements (reference/cluster.rng, the hand-written head part).

/** The elements, in catalogue order. */
const ELEMENTS = [
  'cluster', 'cman', 'multicast', 'altmulticast', 'totem', 'interface', 'uidgid', 'quorumd', 'heuristic',
  'fence_daemon', 'fence_xvmd', 'dlm', 'lockspace', 'master', 'gfs_controld', 'group', 'logging',
  'logging_daemon', 'clusternodes', 'clusternode', 'altname', 'fence', 'method', 'device', 'unfence',
  'fencedevices', 'fencedevice', 'rm', 'failoverdomains', 'failoverdomain', 'failoverdomainnode',
  'resources', 'resource-defaults', 'events', 'event', 'clvmd', 'action',
];

/** Children in the order ccs writes them / the compiler emits them, where it is not the schema's. */
const CHILD_ORDER: Record<string, string[]> = {
  // ccs's order of the <cluster> sections (the order `ccs` and luci write).
  cluster: [
    'fence_daemon', 'clusternodes', 'cman', 'totem', 'quorumd', 'fencedevices', 'rm', 'logging', 'dlm',
    'gfs_controld', 'uidgid', 'fence_xvmd', 'group', 'clvmd',
  ],
  rm: ['failoverdomains', 'resources', 'resource-defaults', 'events', 'service', 'vm'],
};

/** Schema defines that are not expanded (agent attribute groups, resource trees). */
const OPAQUE_REFS = new Set(['FENCEDEVICEOPTIONS', 'RESOURCEACTION', 'CHILDREN', 'SERVICE', 'VM']);
const ALL_RESOURCES = '*resources*';

interface RawElement {
  node: XElement;
  attributes: AttributeSpec[];
  children: string[];
}

function rngAttribute(a: XElement, required: boolean, where: string): AttributeSpec {
  const name = a.getAttribute('name');
  if (!name) throw new Error(`${where}: attribute without a name`);
  const description = collapse(a.getAttribute('rha:description'));
  let type: ValueType = STRING;
  const data = descendants(a, 'data')[0];
  const values = descendants(a, 'value').map((v) => collapse(v.textContent));
  if (data) {
    const t = data.getAttribute('type');
    if (t === 'positiveInteger') type = int(1);
    else if (t === 'nonNegativeInteger') type = int(0);
    else if (t === 'integer') type = int();
    // ID / IDREF stay strings (the checker resolves the names).
  } else if (values.length > 0) type = oneOf(...values);
  const spec: AttributeSpec = { name, type, required, doc: firstSentence(description) };
  const def = a.getAttribute('rha:default');
  if (def) spec.default = def;
  if (description) spec.longDoc = description;
  return spec;
}

function rngElement(node: XElement, defines: Map<string, XElement>): RawElement {
  const where = `cluster.rng <${node.getAttribute('name')}>`;
  const attributes: AttributeSpec[] = [];
  const children: string[] = [];
  const walk = (n: XNode, optional: boolean, seen: Set<string>): void => {
    for (const c of elementChildren(n)) {
      switch (c.localName) {
        case 'attribute': {
          const spec = rngAttribute(c, !optional, where);
          if (!attributes.some((a) => a.name === spec.name)) attributes.push(spec);
          break;
        }
        case 'element': {
          const cn = c.getAttribute('name')!;
          if (!children.includes(cn)) children.push(cn);
          break;
        }
        case 'optional':
        case 'zeroOrMore':
        case 'choice':
          walk(c, true, seen);
          break;
        case 'oneOrMore':
        case 'interleave':
        case 'group':
          walk(c, optional, seen);
          break;
        case 'ref': {
          const rn = c.getAttribute('name')!;
          if (OPAQUE_REFS.has(rn)) {
            if (rn === 'SERVICE') children.push('service');
            else if (rn === 'VM') children.push('vm');
            else if (rn === 'CHILDREN') children.push(ALL_RESOURCES);
            break;
          }
          if (seen.has(rn)) break;
          const d = defines.get(rn);
          if (!d) throw new Error(`${where}: undefined ref ${rn}`);
          walk(d, optional, new Set([...seen, rn]));
          break;
        }
        default:
          break; // text, data, value, empty, documentation
      }
    }
  };
  walk(node, false, new Set());
  return { node, attributes, children };
}

/** Element-attribute overlay: the daemons' real types and effective defaults. */
const ELEMENT_OVERLAY: Record<string, Record<string, Patch>> = {
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

function buildElements(rngText: string, resourceNames: string[]): Record<string, ElementSpec> {
  const grammar = parseXml(rngText);
  const defines = new Map<string, XElement>();
  for (const d of elementChildren(grammar, 'define')) defines.set(d.getAttribute('name')!, d);
  // Only the hand-written head part: everything except the agent definitions.
  const byName = new Map<string, XElement[]>();
  for (const e of descendants(grammar, 'element')) {
    const n = e.getAttribute('name');
    if (!n) continue;
    byName.set(n, [...(byName.get(n) ?? []), e]);
  }
  const out: Record<string, ElementSpec> = {};
  for (const name of ELEMENTS) {
    const nodes = byName.get(name) ?? [];
    if (nodes.length !== 1) throw new Error(`cluster.rng: expected exactly one <element name="${name}">, found ${nodes.length}`);
    const raw = rngElement(nodes[0]!, defines);
    let attributes = raw.attributes;
    const overlay = ELEMENT_OVERLAY[name] ?? {};
    for (const an of Object.keys(overlay)) {
      const i = attributes.findIndex((a) => a.name === an);
      if (i < 0) throw new Error(`overlay: <${name}> has no attribute ${an} in cluster.rng`);
      attributes[i] = applyPatch(attributes[i]!, overlay[an]!, `<${name}>/@${an}`);
    }
    attributes = attributes.map(orderAttribute);
    let children = raw.children.flatMap((c) => (c === ALL_RESOURCES ? resourceNames : [c]));
    const order = CHILD_ORDER[name];
    if (order) {
      const a = [...order].sort().join(',');
      const b = [...children].sort().join(',');
      if (a !== b) throw new Error(`child order for <${name}> (${a}) does not match cluster.rng (${b})`);
      children = [...order];
    }
    for (const c of children) {
      if (!ELEMENTS.includes(c) && !resourceNames.includes(c)) throw new Error(`<${name}> child <${c}> is not catalogued`);
    }
    const description = collapse(raw.node.getAttribute('rha:description'));
    out[name] = { name, doc: firstSentence(description), attributes, children };
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Resource meta attributes (§7.3, §7.5), docs from the schema's SERVICE definition.

const META_OVERLAY: [string, Patch][] = [
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

function buildMetaAttributes(rngText: string): AttributeSpec[] {
  const grammar = parseXml(rngText);
  const service = elementChildren(grammar, 'define').find((d) => d.getAttribute('name') === 'SERVICE');
  if (!service) throw new Error('cluster.rng: no SERVICE define');
  const found = new Map<string, string>();
  for (const a of descendants(service, 'attribute')) {
    const n = a.getAttribute('name')!;
    if (n.startsWith('__')) found.set(n, collapse(a.getAttribute('rha:description')));
  }
  if (found.size !== META_OVERLAY.length) throw new Error(`cluster.rng: expected ${META_OVERLAY.length} __ attributes, found ${found.size}`);
  return META_OVERLAY.map(([name, patch]) => {
    const description = found.get(name);
    if (description === undefined) throw new Error(`cluster.rng: no ${name} on <service>`);
    const base: AttributeSpec = { name, type: STRING, required: false, doc: firstSentence(description) };
    return orderAttribute(applyPatch(base, patch, name));
  });
}

// ---------------------------------------------------------------------------------------------

/** Case-insensitive order with a code-point tie-break (rgmanager sorts rules case-insensitively). */
function byNameCI(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  if (x !== y) return x < y ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

function xmlFiles(shared: string, dir: string): string[] {
  return readdirSync(join(shared, dir))
    .filter((f) => f.endsWith('.xml'))
    .sort()
    .map((f) => `${dir}/${f}`);
}

/** Builds the catalogue text (pretty JSON with a trailing newline) from a shared/ directory. */
export function generateCatalogue(sharedDir: string): string {
  const inputs: { path: string; text: string }[] = [];
  const read = (rel: string): string => {
    const text = readFileSync(join(sharedDir, rel), 'utf8');
    inputs.push({ path: rel, text });
    return text;
  };

  const resourceAgents: Record<string, ResourceAgentSpec> = {};
  const ras = xmlFiles(sharedDir, 'reference/resource-agents').map((rel) => parseResourceAgent(read(rel), rel));
  for (const ra of ras.sort((a, b) => byNameCI(a.name, b.name))) {
    if (resourceAgents[ra.name] || ra.name === 'action') throw new Error(`resource agent ${ra.name}: duplicate or reserved`);
    resourceAgents[ra.name] = ra;
  }

  const fenceAgents: Record<string, FenceAgentSpec> = {};
  const fas = xmlFiles(sharedDir, 'reference/fence-agents-rhel6').map((rel) => parseFenceAgent(read(rel), rel));
  for (const fa of fas.sort((a, b) => byNameCI(a.name, b.name))) {
    if (fenceAgents[fa.name]) throw new Error(`fence agent ${fa.name}: duplicate`);
    fenceAgents[fa.name] = fa;
  }

  const rng = read('reference/cluster.rng');
  const elements = buildElements(rng, Object.keys(resourceAgents));
  const resourceMetaAttributes = buildMetaAttributes(rng);

  const generatedFrom = inputs
    .map(({ path, text }) => ({ path, sha256: createHash('sha256').update(text, 'utf8').digest('hex') }))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));

  const catalogue: Catalogue = {
    version: 1,
    generatedFrom,
    elements,
    resourceAgents,
    fenceAgents,
    resourceMetaAttributes,
  };
  return JSON.stringify(catalogue, null, 2) + '\n';
}

/** Throws unless the text validates against catalogue.schema.json. */
export function validateCatalogueText(text: string): void {
  const schema = JSON.parse(readFileSync(schemaFile, 'utf8')) as object;
  const ajv = new Ajv({ allErrors: true });
  const validate = ajv.compile(schema);
  if (!validate(JSON.parse(text))) {
    throw new Error(`catalogue.json does not match catalogue.schema.json:\n${ajv.errorsText(validate.errors, { separator: '\n' })}`);
  }
}

export function defaultSharedDir(): string {
  return process.env.QUORATE_SHARED ? resolve(process.env.QUORATE_SHARED) : resolve(repoRoot, '..', 'shared');
}

function main(): void {
  const shared = defaultSharedDir();
  if (!existsSync(join(shared, 'reference'))) {
    console.error(`gen-catalogue: reference material not found in ${shared} (set QUORATE_SHARED)`);
    process.exit(2);
  }
  const text = generateCatalogue(shared);
  validateCatalogueText(text);
  writeFileSync(outFile, text);
  console.log(`gen-catalogue: wrote ${outFile}`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
