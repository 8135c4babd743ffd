import type { InventoryFile } from "./inventory/inventory-file";

/** Transport zone types published for PolicyTransportZone.tz_type. */
export type TransportZoneType =
  "OVERLAY_STANDARD" | "OVERLAY_ENS" | "VLAN_BACKED" | "OVERLAY_BACKED" | "UNKNOWN";

export interface TransportZoneOption {
  readonly id: string;
  readonly displayName?: string;
  readonly tzType: TransportZoneType;
}

export interface PartnerOvf {
  /** The deployment spec's `name` (what `deployment_spec_name` refers to). */
  readonly name: string;
  readonly ovfUrl: string;
}

/** How `startNsxtSimulator` is configured; the CLI options map onto these one to one. */
export interface NsxtSimulatorOptions {
  /** TCP port on 127.0.0.1; 0 (the default) takes any free port. */
  readonly port?: number;
  /** HTTP basic-auth user and password for NSX and for the simulated vCenter. */
  readonly user: string;
  readonly password: string;
  /** Display name of the registered partner service definition; none when absent. */
  readonly partnerService?: string;
  /** The partner service's deployment specs (`--partner-ovf NAME=URL`). */
  readonly partnerOvfs?: readonly PartnerOvf[];
  /** Names of the partner service's vendor templates (`--partner-vendor-template NAME`). */
  readonly partnerVendorTemplates?: readonly string[];
  /** The estate, as the object the `--inventory` file holds. */
  readonly inventory?: InventoryFile;
  /** Milliseconds a deployment, upgrade or undeployment stays in progress. @default 1000 */
  readonly deployMs?: number;
  /** The first K requests (before authentication) answer 503. @default 0 */
  readonly unavailableFirst?: number;
  /**
   * Policy transport zones present at start, under /infra/sites/default/enforcement-points/default.
   * @default one overlay zone, id "1b3a2f36-bfd1-443e-a0f6-4de01abc963e"
   */
  readonly transportZones?: readonly TransportZoneOption[];
  /** The next service deployment ends in DEPLOYMENT_FAILED. @default false */
  readonly failNextDeployment?: boolean;
  /** Receives one line per request when set (the CLI's `--verbose` writes them to stderr). */
  readonly log?: (line: string) => void;
}

export const DEFAULT_TRANSPORT_ZONE: TransportZoneOption = {
  id: "1b3a2f36-bfd1-443e-a0f6-4de01abc963e",
  displayName: "nsx-overlay-transportzone",
  tzType: "OVERLAY_BACKED",
};

export const DEFAULT_DEPLOY_MS = 1000;
