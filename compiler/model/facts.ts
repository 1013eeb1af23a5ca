// Typed, read-only views of a cluster.conf model that the rules, the simulator and the plan
// share: nodes with their votes, the quorum inputs, fence methods, failover domains, services.
// Values are read the way the daemons read them (read.ts: atoi, their flag readers, defaults),
// not the way the schema types them, because that is what will happen on the real cluster.

import { attr, type ConfElement, child, children, getAttribute } from './conf.ts';
import { atoi, atoiFlag, rgmanagerAutostart, rgmanagerExclusive } from './read.ts';

export interface NodeFact {
  element: ConfElement;
  name: string;
  nodeid: number | undefined;
  votes: number;
  index: number;
}

export interface FenceDeviceRef {
  element: ConfElement;
  name: string;
  method: ConfElement;
}

export interface DomainFact {
  element: ConfElement;
  name: string;
  ordered: boolean;
  restricted: boolean;
  nofailback: boolean;
  /** As rgmanager loads them: stops at the first node listed twice. */
  members: { element: ConfElement; name: string; priority: number }[];
}

export interface ServiceFact {
  element: ConfElement;
  /** `service` or `vm`. */
  type: string;
  name: string;
  domainName: string | undefined;
  domain: DomainFact | undefined;
  autostart: boolean;
  exclusive: boolean;
  recovery: string;
  depend: string | undefined;
}

export class ClusterFacts {
  readonly nodes: NodeFact[];
  readonly cman: ConfElement | undefined;
  readonly totem: ConfElement | undefined;
  readonly quorumd: ConfElement | undefined;
  readonly rm: ConfElement | undefined;
  readonly fenceDevices: ConfElement[];
  readonly domains: DomainFact[];
  readonly services: ServiceFact[];

  constructor(readonly cluster: ConfElement) {
    this.cman = child(cluster, 'cman');
    this.totem = child(cluster, 'totem');
    this.quorumd = child(cluster, 'quorumd');
    this.rm = child(cluster, 'rm');
    const nodesEl = child(cluster, 'clusternodes');
    this.nodes = (nodesEl ? children(nodesEl, 'clusternode') : []).map((e, index) => {
      const id = attr(e, 'nodeid');
      return {
        element: e,
        name: attr(e, 'name') ?? '',
        nodeid: id !== undefined && /^\s*\d+\s*$/.test(id) ? Number(id) : undefined,
        votes: getAttribute(e, 'votes') ? atoi(attr(e, 'votes')) : 1,
        index,
      };
    });
    const fd = child(cluster, 'fencedevices');
    this.fenceDevices = fd ? children(fd, 'fencedevice') : [];
    this.domains = this.readDomains();
    this.services = this.readServices();
  }

  get clusterName(): string {
    return attr(this.cluster, 'name') ?? '';
  }

  get twoNode(): boolean {
    return atoiFlag(this.cman && attr(this.cman, 'two_node'));
  }

  get totalNodeVotes(): number {
    return this.nodes.reduce((s, n) => s + n.votes, 0);
  }

  /** expected_votes as cman reads it: the written value, else the sum of the node votes. */
  get expectedVotes(): number {
    const v = this.cman && attr(this.cman, 'expected_votes');
    return v !== undefined && atoi(v) > 0 ? atoi(v) : this.totalNodeVotes;
  }

  get expectedVotesWritten(): boolean {
    return !!(this.cman && getAttribute(this.cman, 'expected_votes'));
  }

  /** The quorum disk's votes: written, else qdiskd's automatic value (nodes − 1 when all have 1 vote). */
  get qdiskVotes(): number {
    if (!this.quorumd) return 0;
    const v = attr(this.quorumd, 'votes');
    if (v !== undefined) return atoi(v);
    return this.nodes.every((n) => n.votes === 1) ? Math.max(this.nodes.length - 1, 0) : 0;
  }

  /** totem token in ms as cman runs corosync (10000 when unset). */
  get token(): number {
    const v = this.totem && attr(this.totem, 'token');
    return v !== undefined && atoi(v) > 0 ? atoi(v) : 10000;
  }

  get tokenWritten(): boolean {
    return !!(this.totem && getAttribute(this.totem, 'token'));
  }

  get join(): number {
    const v = this.totem && attr(this.totem, 'join');
    return v !== undefined ? atoi(v) : 60;
  }

  /** consensus in ms: written, else cman's computed value (depends on the configured node count). */
  get consensus(): number {
    const v = this.totem && attr(this.totem, 'consensus');
    if (v !== undefined) return atoi(v);
    const count = this.nodes.length === 0 ? 3 : this.nodes.length;
    if (count > 2) return this.token + 2000;
    return Math.min(2000, Math.max(200, Math.floor(this.token * 0.2)));
  }

  get consensusWritten(): boolean {
    return !!(this.totem && getAttribute(this.totem, 'consensus'));
  }

  fenceDevice(name: string): ConfElement | undefined {
    return this.fenceDevices.find((d) => attr(d, 'name') === name);
  }

  /** The `<method>`s of a node's `<fence>`, in document order. */
  methods(node: NodeFact): ConfElement[] {
    const f = child(node.element, 'fence');
    return f ? children(f, 'method') : [];
  }

  /** Every `<device>` under a node's fence methods. */
  deviceRefs(node: NodeFact): FenceDeviceRef[] {
    const out: FenceDeviceRef[] = [];
    for (const m of this.methods(node)) for (const d of children(m, 'device')) out.push({ element: d, name: attr(d, 'name') ?? '', method: m });
    return out;
  }

  unfenceDevices(node: NodeFact): ConfElement[] {
    const u = child(node.element, 'unfence');
    return u ? children(u, 'device') : [];
  }

  domain(name: string | undefined): DomainFact | undefined {
    if (name === undefined) return undefined;
    const lower = name.toLowerCase();
    return this.domains.find((d) => d.name.toLowerCase() === lower);
  }

  private readDomains(): DomainFact[] {
    const fds = this.rm && child(this.rm, 'failoverdomains');
    const out: DomainFact[] = [];
    if (!fds) return out;
    for (const e of children(fds, 'failoverdomain')) {
      const name = attr(e, 'name') ?? '';
      // "#31: Domain defined multiple times": loading stops there.
      if (out.some((d) => d.name.toLowerCase() === name.toLowerCase())) break;
      const ordered = atoiFlag(attr(e, 'ordered'));
      const members: DomainFact['members'] = [];
      for (const m of children(e, 'failoverdomainnode')) {
        const mname = attr(m, 'name') ?? '';
        if (members.some((x) => x.name === mname)) break;
        let priority = 0;
        if (ordered) {
          const p = atoi(attr(m, 'priority'));
          priority = p >= 1 && p <= 100 ? p : 0;
        }
        members.push({ element: m, name: mname, priority });
      }
      out.push({ element: e, name, ordered, restricted: atoiFlag(attr(e, 'restricted')), nofailback: atoiFlag(attr(e, 'nofailback')), members });
    }
    return out;
  }

  private readServices(): ServiceFact[] {
    if (!this.rm) return [];
    return this.rm.children
      .filter((e) => e.tag === 'service' || e.tag === 'vm')
      .map((e) => {
        const domainName = attr(e, 'domain');
        return {
          element: e,
          type: e.tag,
          name: attr(e, 'name') ?? '',
          domainName,
          domain: this.domain(domainName),
          autostart: rgmanagerAutostart(attr(e, 'autostart')),
          exclusive: rgmanagerExclusive(attr(e, 'exclusive')),
          recovery: attr(e, 'recovery') ?? 'restart',
          depend: attr(e, 'depend'),
        };
      });
  }
}
