import { deterministicUuid } from "../support/deterministic-id";
import type { ParsedInventory } from "./inventory-file";

export type NetworkType = "STANDARD_PORTGROUP" | "DISTRIBUTED_PORTGROUP" | "OPAQUE_NETWORK";

export interface ComputeManagerRecord {
  readonly id: string;
  readonly name: string;
  readonly server: string;
  /** vCenter's instance UUID, the prefix NSX puts before morefs in `external_id`s. */
  readonly instanceUuid: string;
  readonly datacenterMoref: string;
}

export interface DatastoreRecord {
  readonly manager: ComputeManagerRecord;
  readonly moref: string;
  readonly name: string;
}

export interface NetworkRecord {
  readonly manager: ComputeManagerRecord;
  readonly moref: string;
  readonly name: string;
  readonly type: NetworkType;
}

export interface HostRecord {
  readonly manager: ComputeManagerRecord;
  readonly clusterExternalId: string;
  readonly moref: string;
  readonly name: string;
  readonly externalId: string;
}

export interface ClusterRecord {
  readonly manager: ComputeManagerRecord;
  readonly name: string;
  readonly moref: string;
  /** `<vCenter instance UUID>:<moref>`, as NSX names compute collections. */
  readonly externalId: string;
  readonly hosts: readonly HostRecord[];
  readonly datastores: readonly DatastoreRecord[];
  readonly networks: readonly NetworkRecord[];
}

const MOREF_PREFIX: Readonly<Record<NetworkType, string>> = {
  DISTRIBUTED_PORTGROUP: "dvportgroup",
  STANDARD_PORTGROUP: "network",
  OPAQUE_NETWORK: "network",
};

/**
 * The fabric derived from the inventory file: what NSX discovers from its compute managers and
 * what vCenter reports. Morefs come from one counter over the whole file (vCenter-style, starting
 * at 7) so that they are unique even when the vCenter REST views of several compute managers are
 * served together; a datastore or port group named twice in one vCenter is one object.
 */
export class FabricInventory {
  readonly computeManagers: ComputeManagerRecord[] = [];
  readonly clusters: ClusterRecord[] = [];
  readonly datastores: DatastoreRecord[] = [];
  readonly networks: NetworkRecord[] = [];
  private nextMoref = 7;

  constructor(inventory: ParsedInventory) {
    for (const manager of inventory.computeManagers) {
      const record: ComputeManagerRecord = {
        id: deterministicUuid(`compute-manager:${manager.name}`),
        name: manager.name,
        server: manager.server ?? manager.name,
        instanceUuid: deterministicUuid(`vcenter-instance:${manager.name}`),
        datacenterMoref: this.moref("datacenter-"),
      };
      this.computeManagers.push(record);
      for (const cluster of manager.clusters) this.addCluster(record, cluster);
    }
  }

  get hosts(): HostRecord[] {
    return this.clusters.flatMap((cluster) => [...cluster.hosts]);
  }

  computeManager(id: string): ComputeManagerRecord | undefined {
    return this.computeManagers.find((manager) => manager.id === id);
  }

  /** A cluster of a compute manager, by its external id or its moref (`cm_local_id`). */
  cluster(managerId: string, id: string): ClusterRecord | undefined {
    return this.clusters.find(
      (cluster) =>
        cluster.manager.id === managerId && (cluster.externalId === id || cluster.moref === id),
    );
  }

  private moref(prefix: string): string {
    return `${prefix}${this.nextMoref++}`;
  }

  private addCluster(
    manager: ComputeManagerRecord,
    cluster: ParsedInventory["computeManagers"][number]["clusters"][number],
  ): void {
    const moref = this.moref("domain-c");
    const externalId = `${manager.instanceUuid}:${moref}`;
    const hosts = cluster.hosts.map((name) => {
      const hostMoref = this.moref("host-");
      return {
        manager,
        clusterExternalId: externalId,
        moref: hostMoref,
        name,
        externalId: `${manager.instanceUuid}:${hostMoref}`,
      };
    });
    const datastores = cluster.datastores.map((name) => this.datastore(manager, name));
    const networks = cluster.networks.map((network) =>
      typeof network === "string"
        ? this.network(manager, network, "DISTRIBUTED_PORTGROUP")
        : this.network(manager, network.name, network.type),
    );
    this.clusters.push({
      manager,
      name: cluster.name,
      moref,
      externalId,
      hosts,
      datastores,
      networks,
    });
  }

  private datastore(manager: ComputeManagerRecord, name: string): DatastoreRecord {
    const known = this.datastores.find((d) => d.manager === manager && d.name === name);
    if (known) return known;
    const record = { manager, moref: this.moref("datastore-"), name };
    this.datastores.push(record);
    return record;
  }

  private network(manager: ComputeManagerRecord, name: string, type: NetworkType): NetworkRecord {
    const known = this.networks.find((n) => n.manager === manager && n.name === name);
    if (known) return known;
    const record = { manager, moref: this.moref(`${MOREF_PREFIX[type]}-`), name, type };
    this.networks.push(record);
    return record;
  }
}
