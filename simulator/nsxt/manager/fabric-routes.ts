import { ok, type SimRequest } from "../http/exchange";
import { MODULE, objectNotFound } from "../http/nsx-api-error";
import { PAGING_QUERY, parseQuery, type ParsedQuery } from "../http/query";
import type { RouteTable } from "../http/route-table";
import type {
  ClusterRecord,
  ComputeManagerRecord,
  FabricInventory,
  HostRecord,
} from "../inventory/fabric-inventory";
import { managedAudit } from "./managed-audit";
import { pagedList } from "./paged-list";

const IPV4 = /^(\d{1,3})(\.\d{1,3}){3}$/;

function computeManagerBody(manager: ComputeManagerRecord, since: number): Record<string, unknown> {
  return {
    resource_type: "ComputeManager",
    id: manager.id,
    display_name: manager.name,
    server: manager.server,
    origin_type: "vCenter",
    reverse_proxy_https_port: 443,
    set_as_oidc_provider: false,
    origin_properties: [{ key: "instanceUuid", value: manager.instanceUuid }],
    ...managedAudit({ created: since }),
  };
}

function computeCollectionBody(cluster: ClusterRecord, since: number): Record<string, unknown> {
  return {
    resource_type: "ComputeCollection",
    display_name: cluster.name,
    external_id: cluster.externalId,
    cm_local_id: cluster.moref,
    origin_id: cluster.manager.id,
    origin_type: "VC_Cluster",
    owner_id: cluster.manager.datacenterMoref,
    origin_properties: [],
    _last_sync_time: since,
  };
}

function discoveredNodeBody(host: HostRecord, since: number): Record<string, unknown> {
  return {
    resource_type: "DiscoveredNode",
    display_name: host.name,
    external_id: host.externalId,
    cm_local_id: host.moref,
    node_type: "HostNode",
    os_type: "ESXI",
    origin_id: host.manager.id,
    parent_compute_collection: host.clusterExternalId,
    ip_addresses: IPV4.test(host.name) ? [host.name] : [],
    stateless: false,
    origin_properties: [],
    _last_sync_time: since,
  };
}

/** Keeps the items whose field equals each filter the query sets (NSX's exact-match filters). */
function filtered(
  items: Record<string, unknown>[],
  query: ParsedQuery,
  filters: Readonly<Record<string, (item: Record<string, unknown>, value: string) => boolean>>,
): Record<string, unknown>[] {
  return Object.entries(filters).reduce((kept, [name, matches]) => {
    const value = query.string(name);
    return value === undefined ? kept : kept.filter((item) => matches(item, value));
  }, items);
}

const field = (name: string) => (item: Record<string, unknown>, value: string) =>
  item[name] === value;
const none = () => false;

/**
 * Manager API fabric inventory: compute managers, compute collections (clusters) and discovered
 * nodes (the ESXi hosts, each naming its cluster in `parent_compute_collection`). Read-only:
 * registration of compute managers is outside the simulated subset. `included_fields` is accepted
 * and ignored; `node_id` matches nothing because no transport nodes are simulated.
 */
export function addFabricRoutes(routes: RouteTable, fabric: FabricInventory, since: number): void {
  const managers = () => fabric.computeManagers.map((m) => computeManagerBody(m, since));
  const collections = () => fabric.clusters.map((c) => computeCollectionBody(c, since));
  const nodes = () => fabric.hosts.map((h) => discoveredNodeBody(h, since));
  const one = (
    items: Record<string, unknown>[],
    key: string,
    request: SimRequest,
    param: string,
    type: string,
  ) => {
    parseQuery(request.query, {});
    const found = items.find((item) => item[key] === request.params[param]);
    if (!found) throw objectNotFound(`${type}/${request.params[param]}`, MODULE.fabric);
    return ok(found);
  };

  routes.add("GET", "/api/v1/fabric/compute-managers", (request) => {
    const query = parseQuery(request.query, {
      ...PAGING_QUERY,
      origin_type: "string",
      server: "string",
    });
    const items = filtered(managers(), query, {
      origin_type: field("origin_type"),
      server: field("server"),
    });
    return ok(pagedList(items, query));
  });
  routes.add("GET", "/api/v1/fabric/compute-managers/{compute-manager-id}", (request) =>
    one(managers(), "id", request, "compute-manager-id", "ComputeManager"),
  );

  routes.add("GET", "/api/v1/fabric/compute-collections", (request) => {
    const query = parseQuery(request.query, {
      ...PAGING_QUERY,
      cm_local_id: "string",
      discovered_node_id: "string",
      display_name: "string",
      external_id: "string",
      node_id: "string",
      origin_id: "string",
      origin_type: "string",
      owner_id: "string",
    });
    const items = filtered(collections(), query, {
      cm_local_id: field("cm_local_id"),
      display_name: field("display_name"),
      external_id: field("external_id"),
      origin_id: field("origin_id"),
      origin_type: field("origin_type"),
      owner_id: field("owner_id"),
      node_id: none,
      discovered_node_id: (item, value) =>
        fabric.hosts.some(
          (h) => h.externalId === value && h.clusterExternalId === item.external_id,
        ),
    });
    return ok(pagedList(items, query));
  });
  routes.add("GET", "/api/v1/fabric/compute-collections/{cc-ext-id}", (request) =>
    one(collections(), "external_id", request, "cc-ext-id", "ComputeCollection"),
  );

  routes.add("GET", "/api/v1/fabric/discovered-nodes", (request) => {
    const query = parseQuery(request.query, {
      ...PAGING_QUERY,
      cm_local_id: "string",
      display_name: "string",
      external_id: "string",
      has_parent: "boolean",
      ip_address: "string",
      node_id: "string",
      node_type: "string",
      origin_id: "string",
      parent_compute_collection: "string",
    });
    const items = filtered(nodes(), query, {
      cm_local_id: field("cm_local_id"),
      display_name: field("display_name"),
      external_id: field("external_id"),
      has_parent: (item, value) =>
        (item.parent_compute_collection !== undefined) === (value === "true"),
      ip_address: (item, value) => (item.ip_addresses as string[]).includes(value),
      node_id: none,
      node_type: field("node_type"),
      origin_id: field("origin_id"),
      parent_compute_collection: field("parent_compute_collection"),
    });
    return ok(pagedList(items, query));
  });
  routes.add("GET", "/api/v1/fabric/discovered-nodes/{node-ext-id}", (request) =>
    one(nodes(), "external_id", request, "node-ext-id", "DiscoveredNode"),
  );
}
