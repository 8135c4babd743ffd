import { randomUUID } from "crypto";
import type { SimRequest, SimResponse } from "../http/exchange";
import { NsxApiError } from "../http/nsx-api-error";
import { parseQuery, type QuerySpec } from "../http/query";
import type { RouteTable } from "../http/route-table";
import type { FabricInventory } from "../inventory/fabric-inventory";
import { unauthenticated, VapiError } from "./vapi-error";

const SESSION_HEADER = "vmware-api-session-id";
const TIB = 1024 ** 4;

/** A summary as the API returns it, with what it is filtered by but does not show. */
interface Listed {
  readonly summary: Record<string, unknown>;
  readonly hidden: Readonly<Record<string, string>>;
}

/** Keeps the summaries every given filter accepts; an empty filter accepts all, as published. */
function filter(
  items: Listed[],
  request: SimRequest,
  spec: Readonly<Record<string, string>>,
): Record<string, unknown>[] {
  const querySpec: QuerySpec = Object.fromEntries(
    [...Object.keys(spec), "datacenters", "folders"].map((name) => [name, "strings"]),
  );
  let query;
  try {
    query = parseQuery(request.query, querySpec);
  } catch (error) {
    throw new VapiError(400, "INVALID_ARGUMENT", (error as NsxApiError).message);
  }
  // No folders are simulated, so a folder filter matches nothing.
  if (query.strings("folders").length > 0) return [];
  const byField = { ...spec, datacenters: "datacenter" };
  return items
    .filter((item) =>
      Object.entries(byField).every(([param, field]) => {
        const wanted = query.strings(param);
        const value = item.hidden[field] ?? item.summary[field];
        return wanted.length === 0 || wanted.includes(String(value));
      }),
    )
    .map((item) => item.summary);
}

/**
 * The vSphere Automation REST API subset the hooks use (7.0U2+ `/api` paths): sessions, and the
 * datacenter, cluster, host, datastore and network lists with their published filters. All compute
 * managers' vCenters are served here together, one datacenter each (named after the compute
 * manager), so `datacenters=` tells them apart; morefs are unique over the whole inventory.
 */
export function addVcenterRoutes(
  routes: RouteTable,
  fabric: FabricInventory,
  credentialsMatch: (authorization: string | undefined) => boolean,
  user: string,
): void {
  const sessions = new Map<string, { created: string; lastAccessed: string }>();
  const session = (request: SimRequest): string => {
    const id = request.headers[SESSION_HEADER];
    if (typeof id !== "string" || !sessions.has(id)) {
      throw unauthenticated("This method requires authentication.");
    }
    sessions.get(id)!.lastAccessed = new Date().toISOString();
    return id;
  };
  const list =
    (items: () => Listed[], spec: Readonly<Record<string, string>>) =>
    (request: SimRequest): SimResponse => {
      session(request);
      return { status: 200, body: filter(items(), request, spec) };
    };

  routes.add("POST", "/api/session", (request) => {
    if (!credentialsMatch(request.headers.authorization)) {
      throw unauthenticated("Authentication required: the user name or password is incorrect.");
    }
    const id = randomUUID().replace(/-/g, "");
    const now = new Date().toISOString();
    sessions.set(id, { created: now, lastAccessed: now });
    return { status: 201, body: id };
  });
  routes.add("GET", "/api/session", (request) => {
    const info = sessions.get(session(request))!;
    return {
      status: 200,
      body: { user, created_time: info.created, last_accessed_time: info.lastAccessed },
    };
  });
  routes.add("DELETE", "/api/session", (request) => {
    sessions.delete(session(request));
    return { status: 204 };
  });

  routes.add(
    "GET",
    "/api/vcenter/datacenter",
    list(
      () =>
        fabric.computeManagers.map((m) => ({
          summary: { datacenter: m.datacenterMoref, name: m.name },
          hidden: {},
        })),
      {
        datacenters: "datacenter",
        names: "name",
      },
    ),
  );
  routes.add(
    "GET",
    "/api/vcenter/cluster",
    list(
      () =>
        fabric.clusters.map((c) => ({
          summary: { cluster: c.moref, name: c.name, ha_enabled: false, drs_enabled: false },
          hidden: { datacenter: c.manager.datacenterMoref },
        })),
      { clusters: "cluster", names: "name" },
    ),
  );
  routes.add(
    "GET",
    "/api/vcenter/host",
    list(
      () =>
        fabric.clusters.flatMap((c) =>
          c.hosts.map((h) => ({
            summary: {
              host: h.moref,
              name: h.name,
              connection_state: "CONNECTED",
              power_state: "POWERED_ON",
            },
            hidden: { datacenter: c.manager.datacenterMoref, cluster: c.moref },
          })),
        ),
      { hosts: "host", names: "name", clusters: "cluster", connection_states: "connection_state" },
    ),
  );
  routes.add(
    "GET",
    "/api/vcenter/datastore",
    list(
      () =>
        fabric.datastores.map((d) => ({
          summary: {
            datastore: d.moref,
            name: d.name,
            type: "VMFS",
            free_space: TIB,
            capacity: 2 * TIB,
          },
          hidden: { datacenter: d.manager.datacenterMoref },
        })),
      { datastores: "datastore", names: "name", types: "type" },
    ),
  );
  routes.add(
    "GET",
    "/api/vcenter/network",
    list(
      () =>
        fabric.networks.map((n) => ({
          summary: { network: n.moref, name: n.name, type: n.type },
          hidden: { datacenter: n.manager.datacenterMoref },
        })),
      { networks: "network", names: "name", types: "type" },
    ),
  );
}
