import { addAdminRoutes } from "./admin/admin-routes";
import { NsxAuthentication } from "./http/nsx-authentication";
import { RouteTable } from "./http/route-table";
import { parseInventory } from "./inventory/inventory-file";
import { FabricInventory } from "./inventory/fabric-inventory";
import { DeploymentLifecycle } from "./manager/deployment-lifecycle";
import { addFabricRoutes } from "./manager/fabric-routes";
import { partnerServiceFromOptions } from "./manager/partner-service";
import { addServiceInsertionRoutes } from "./manager/service-insertion-routes";
import { embeddedRules } from "./policy/embedded-rules";
import type { PolicyContext } from "./policy/policy-kind";
import { PolicyRoutes } from "./policy/policy-routes";
import { PolicyStore } from "./policy/policy-store";
import { ipPoolKind } from "./policy/ip-pool-kind";
import { groupKind, redirectionPolicyKind, redirectionRuleKind } from "./policy/security-kinds";
import {
  serviceChainKind,
  serviceProfileKind,
  serviceReferenceKind,
  serviceSegmentKind,
  transportZoneKind,
} from "./policy/service-insertion-kinds";
import {
  DEFAULT_DEPLOY_MS,
  DEFAULT_TRANSPORT_ZONE,
  type NsxtSimulatorOptions,
} from "./simulator-options";
import { addVcenterRoutes } from "./vcenter/vcenter-routes";

/** The route tables of one simulator, grouped by who may call them. */
export interface SimulatorRoutes {
  readonly authentication: NsxAuthentication;
  /** NSX paths that need no credentials (session creation). */
  readonly nsxPublic: RouteTable;
  readonly nsx: RouteTable;
  readonly vcenter: RouteTable;
  readonly admin: RouteTable;
  readonly deployments: DeploymentLifecycle;
}

const TRANSPORT_ZONES = "/infra/sites/default/enforcement-points/default/transport-zones";

function checkOptions(options: NsxtSimulatorOptions): void {
  if (!options.user || !options.password) throw new Error("a user and a password are required");
  for (const [name, value] of [
    ["deployMs", options.deployMs],
    ["unavailableFirst", options.unavailableFirst],
    ["port", options.port],
  ] as const) {
    if (value !== undefined && (!Number.isInteger(value) || value < 0)) {
      throw new Error(`${name} must be a non-negative integer, got ${value}`);
    }
  }
  const specs = (options.partnerOvfs ?? []).map((ovf) => ovf.name);
  if (specs.length > 0 && options.partnerService === undefined) {
    throw new Error("partner OVFs are the deployment specs of a partner service: name one");
  }
  const twice = specs.find((spec, i) => specs.indexOf(spec) !== i);
  if (twice) throw new Error(`partner OVF ${twice} is given twice`);
  const templates = options.partnerVendorTemplates ?? [];
  if (templates.length > 0 && options.partnerService === undefined) {
    throw new Error("vendor templates belong to a partner service: name one");
  }
  const templateTwice = templates.find((name, i) => templates.indexOf(name) !== i);
  if (templateTwice) throw new Error(`vendor template ${templateTwice} is given twice`);
}

/** Everything one simulator serves, built from its options. */
export function buildSimulatorRoutes(options: NsxtSimulatorOptions): SimulatorRoutes {
  checkOptions(options);
  const fabric = new FabricInventory(
    parseInventory(options.inventory ?? { computeManagers: [] }, "inventory"),
  );
  const partner = partnerServiceFromOptions(options);
  const services = partner ? [partner] : [];
  const store = new PolicyStore(options.user);
  const deployments = new DeploymentLifecycle(
    fabric,
    services,
    options.deployMs ?? DEFAULT_DEPLOY_MS,
    (id) => store.all(ipPoolKind.resourceType).some((pool) => pool.uniqueId === id),
  );
  if (options.failNextDeployment) deployments.armFailure("deploy");

  for (const zone of options.transportZones ?? [DEFAULT_TRANSPORT_ZONE]) {
    store.write(
      `${TRANSPORT_ZONES}/${zone.id}`,
      "PolicyTransportZone",
      {
        display_name: zone.displayName ?? zone.id,
        tz_type: zone.tzType,
        is_default: true,
        nested_nsx: false,
      },
      "/infra/sites/default/enforcement-points/default",
    );
  }
  const context: PolicyContext = { store, services };
  const kinds = [
    transportZoneKind,
    serviceSegmentKind,
    serviceReferenceKind,
    serviceProfileKind,
    serviceChainKind,
    groupKind,
    redirectionPolicyKind,
    redirectionRuleKind,
    ipPoolKind,
  ];

  const authentication = new NsxAuthentication(options.user, options.password);
  const nsxPublic = new RouteTable()
    .add("POST", "/api/session/create", (request) => authentication.createSession(request))
    .add("POST", "/api/session/destroy", (request) => authentication.destroySession(request));
  const nsx = new RouteTable();
  addServiceInsertionRoutes(nsx, deployments);
  addFabricRoutes(nsx, fabric, Date.now());
  new PolicyRoutes(
    context,
    kinds,
    embeddedRules(context, redirectionPolicyKind, redirectionRuleKind),
  ).register(nsx);
  const vcenter = new RouteTable();
  addVcenterRoutes(
    vcenter,
    fabric,
    (authorization) => authentication.basicMatches(authorization),
    options.user,
  );
  const admin = new RouteTable();
  addAdminRoutes(admin, deployments);
  return { authentication, nsxPublic, nsx, vcenter, admin, deployments };
}
