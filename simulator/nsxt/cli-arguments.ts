import { readInventoryFile } from "./inventory/inventory-file";
import {
  DEFAULT_TRANSPORT_ZONE,
  type NsxtSimulatorOptions,
  type PartnerOvf,
  type TransportZoneOption,
  type TransportZoneType,
} from "./simulator-options";

export const USAGE = `Usage: ksv-nsxt-simulator --user U --password P [options]

A stand-in for an NSX-T Manager (and the vCenter REST calls the hooks make) for tests and the
demo: not NSX. Prints its base URL on the first line of stdout, then serves until stopped.

  --port N                   TCP port on 127.0.0.1 (0, the default: any free port)
  --user U --password P      HTTP basic-auth credentials (NSX and vCenter), required
  --partner-service NAME     a registered partner service definition with that display name
  --partner-ovf NAME=URL     a deployment spec of the partner service (repeatable)
  --partner-vendor-template NAME  a vendor template of the partner service (repeatable)
  --inventory FILE           JSON: { "computeManagers": [ { "name", "clusters": [ { "name",
                             "hosts": [...], "datastores": [...], "networks": [...] } ] } ] }
  --deploy-ms MS             how long deploy, upgrade and undeploy stay in progress (1000)
  --unavailable-first K      the first K requests answer 503 (counted before authentication)
  --transport-zone ID=TYPE   another policy transport zone (TYPE: OVERLAY_BACKED, OVERLAY_STANDARD,
                             OVERLAY_ENS, VLAN_BACKED) (repeatable)
  --no-default-transport-zone  start without the default overlay transport zone
  --fail-next-deployment     the first service deployment ends in DEPLOYMENT_FAILED
  --verbose                  log each request to stderr
`;

export class CliUsageError extends Error {}

const TZ_TYPES: readonly TransportZoneType[] = [
  "OVERLAY_BACKED",
  "OVERLAY_STANDARD",
  "OVERLAY_ENS",
  "VLAN_BACKED",
];

function nonNegativeInteger(flag: string, value: string): number {
  if (!/^\d+$/.test(value))
    throw new CliUsageError(`${flag} needs a non-negative integer, got ${value}`);
  return Number(value);
}

function pair(flag: string, value: string): [string, string] {
  const at = value.indexOf("=");
  if (at <= 0 || at === value.length - 1)
    throw new CliUsageError(`${flag} needs NAME=VALUE, got ${value}`);
  return [value.slice(0, at), value.slice(at + 1)];
}

/** `ksv-nsxt-simulator` arguments as `startNsxtSimulator` options (verbose logging is the CLI's). */
export function parseCliArguments(
  argv: readonly string[],
): NsxtSimulatorOptions & { verbose: boolean } {
  const ovfs: PartnerOvf[] = [];
  const vendorTemplates: string[] = [];
  const zones: TransportZoneOption[] = [];
  const values: Record<string, string> = {};
  let defaultZone = true;
  let failNextDeployment = false;
  let verbose = false;
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    if (flag === "--no-default-transport-zone") defaultZone = false;
    else if (flag === "--fail-next-deployment") failNextDeployment = true;
    else if (flag === "--verbose") verbose = true;
    else if (
      [
        "--port",
        "--user",
        "--password",
        "--partner-service",
        "--partner-ovf",
        "--partner-vendor-template",
        "--inventory",
        "--deploy-ms",
        "--unavailable-first",
        "--transport-zone",
      ].includes(flag)
    ) {
      const value = argv[++i];
      if (value === undefined) throw new CliUsageError(`${flag} needs a value`);
      if (flag === "--partner-ovf") {
        const [name, ovfUrl] = pair(flag, value);
        ovfs.push({ name, ovfUrl });
      } else if (flag === "--partner-vendor-template") {
        vendorTemplates.push(value);
      } else if (flag === "--transport-zone") {
        const [id, type] = pair(flag, value);
        if (!TZ_TYPES.includes(type as TransportZoneType)) {
          throw new CliUsageError(
            `${flag} type must be one of ${TZ_TYPES.join(", ")}, got ${type}`,
          );
        }
        zones.push({ id, tzType: type as TransportZoneType });
      } else {
        if (values[flag] !== undefined) throw new CliUsageError(`${flag} is given twice`);
        values[flag] = value;
      }
    } else {
      throw new CliUsageError(`unknown argument ${flag}`);
    }
  }
  if (!values["--user"] || !values["--password"])
    throw new CliUsageError("--user and --password are required");
  if (ovfs.length > 0 && values["--partner-service"] === undefined) {
    throw new CliUsageError(
      "--partner-ovf needs --partner-service (they are its deployment specs)",
    );
  }
  if (vendorTemplates.length > 0 && values["--partner-service"] === undefined) {
    throw new CliUsageError(
      "--partner-vendor-template needs --partner-service (they are its vendor templates)",
    );
  }
  let inventory;
  if (values["--inventory"]) {
    try {
      inventory = readInventoryFile(values["--inventory"]);
    } catch (error) {
      throw new CliUsageError((error as Error).message);
    }
  }
  return {
    port: values["--port"] === undefined ? 0 : nonNegativeInteger("--port", values["--port"]),
    user: values["--user"],
    password: values["--password"],
    partnerService: values["--partner-service"],
    partnerOvfs: ovfs,
    partnerVendorTemplates: vendorTemplates,
    inventory,
    deployMs:
      values["--deploy-ms"] === undefined
        ? undefined
        : nonNegativeInteger("--deploy-ms", values["--deploy-ms"]),
    unavailableFirst:
      values["--unavailable-first"] === undefined
        ? undefined
        : nonNegativeInteger("--unavailable-first", values["--unavailable-first"]),
    transportZones: [...(defaultZone ? [DEFAULT_TRANSPORT_ZONE] : []), ...zones],
    failNextDeployment,
    verbose,
  };
}
