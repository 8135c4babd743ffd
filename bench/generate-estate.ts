import * as fs from "fs";
import { stringify } from "yaml";
import { HOOK_NAMES } from "../lib/contract";

/*
 * Estates of a given size, built the way a large site writes them: managers of both kinds,
 * vSphere clusters of up to 64 hosts, FQDN host names (and a few hosts listed by IPv4 address),
 * every hook set to a command that costs nothing (`true`), so that an apply runs every
 * provisioner without measuring a site's scripts. `resourceType: terraform_data` (built into
 * Terraform: nothing to download) and the local backend. Deterministic: the same shape always
 * gives the same estate.
 */

export interface EstateShape {
  readonly hosts: number;
  readonly managers: number;
  /** @default "mixed" (nsx-v and nsx-t alternate, the first is nsx-v) */
  readonly kinds?: "mixed" | "nsx-v";
  /** Every hook set to `true`; false: no hooks. @default true */
  readonly hooks?: boolean;
  /** Managers (by name) in monitoring mode; the others are in standard mode. @default none */
  readonly monitoring?: readonly string[];
}

/** The largest cluster generated (vSphere 7 and 8 allow 96 hosts; 64 is a large real one). */
export const MAX_CLUSTER_HOSTS = 64;
const MIN_CLUSTER_HOSTS = 8;

/** The command every hook runs in a generated estate. */
export const CHEAP_HOOK = "true";

/** A small, fast PRNG (mulberry32): cluster sizes vary, runs repeat. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Splits `total` into cluster sizes of 8–64 (the last cluster takes the rest, at least 1). */
function clusterSizes(total: number, next: () => number): number[] {
  const sizes: number[] = [];
  let left = total;
  while (left > 0) {
    const spread = MAX_CLUSTER_HOSTS - MIN_CLUSTER_HOSTS + 1;
    const size = Math.min(left, MIN_CLUSTER_HOSTS + Math.floor(next() * spread));
    sizes.push(size);
    left -= size;
  }
  return sizes;
}

/** The stack name of the manager at `index` (0-based) of an estate of `shape`. */
function managerName(index: number, shape: Pick<EstateShape, "kinds">): string {
  const dc = `dc${String(index + 1).padStart(2, "0")}`;
  return `${dc}-${managerKind(index, shape) === "nsx-v" ? "nsxv" : "nsxt"}`;
}

function managerKind(index: number, shape: Pick<EstateShape, "kinds">): "nsx-v" | "nsx-t" {
  return shape.kinds === "nsx-v" || index % 2 === 0 ? "nsx-v" : "nsx-t";
}

function managerEntry(index: number, hosts: number, shape: EstateShape): Record<string, unknown> {
  const next = random(index + 1);
  const dc = `dc${String(index + 1).padStart(2, "0")}`;
  const kind = managerKind(index, shape);
  const name = managerName(index, shape);
  const clusters = clusterSizes(hosts, next).map((size, c) => {
    const tier = ["prod", "prod", "dmz", "vdi", "test"][c % 5];
    const cluster = `${tier}-cl${String(c + 1).padStart(3, "0")}`;
    return {
      name: `${dc.toUpperCase()}-${cluster}`,
      datastore: `vsan-${dc}-${cluster}`,
      network: kind === "nsx-v" ? `dvpg-${dc}-svm-mgmt` : `seg-${dc}-svm-mgmt`,
      // Half the clusters give their SVMs addresses from an IP pool, the others by DHCP.
      ...(c % 2 === 0 ? { ipPool: `pool-${dc}-${cluster}` } : {}),
      hosts: Array.from({ length: size }, (_, h) =>
        // About 1 host in 25 is listed by address, as older sites do.
        next() < 0.04
          ? `10.${index + 1}.${c % 250}.${Math.floor(c / 250) * 70 + h + 11}`
          : `esx-${cluster}-${String(h + 1).padStart(2, "0")}.${dc}.corp.example.com`,
      ),
    };
  });
  const monitoring = shape.monitoring?.includes(name) ?? false;
  return {
    name,
    kind,
    address: `nsx-mgr-01.${dc}.corp.example.com`,
    ...(kind === "nsx-v" ? { trafficMode: monitoring ? "monitoring" : "standard" } : {}),
    svmImageUrl: `https://repo.${dc}.corp.example.com/ksv/6.2/ntp-svm-${kind}.ovf`,
    clusters,
    policy: {
      networkAttack: { action: "terminate-and-block" },
      networkActivity: { monitor: true, categories: ["adware"], action: "terminate" },
      blockMinutes: 60,
      webAddresses: {
        enabled: true,
        action: "block",
        categories: ["malicious", "phishing"],
        trustedAddresses: [`https://intranet.${dc}.corp.example.com/*`],
      },
      exclusions: [
        { source: `10.${index + 1}.250.17`, vlan: "none", rule: "default" },
        { source: `10.${index + 1}.250.0/24`, vlan: "none", rule: "do-not-scan" },
        { source: "192.168.100.0/24", vlan: 100, rule: "do-not-block" },
      ],
    },
  };
}

/** The estate as the plain object a user writes (YAML or JSON). */
export function generateEstate(shape: EstateShape): Record<string, unknown> {
  if (shape.managers < 1 || shape.hosts < shape.managers) {
    throw new Error(`cannot spread ${shape.hosts} hosts over ${shape.managers} managers`);
  }
  const base = Math.floor(shape.hosts / shape.managers);
  const extra = shape.hosts % shape.managers;
  return {
    version: 1,
    resourceType: "terraform_data",
    backend: { type: "local" },
    ksc: { address: "ksc01.corp.example.com", port: 13000 },
    ...(shape.hooks === false
      ? {}
      : { hooks: Object.fromEntries(HOOK_NAMES.map((hook) => [hook, CHEAP_HOOK])) }),
    managers: Array.from({ length: shape.managers }, (_, m) =>
      managerEntry(m, base + (m < extra ? 1 : 0), shape),
    ),
  };
}

/** Writes the estate as YAML (what sites keep in version control); returns the file's size. */
export function writeEstate(file: string, estate: Record<string, unknown>): number {
  const text = stringify(estate, { lineWidth: 0 });
  fs.writeFileSync(file, text);
  return Buffer.byteLength(text);
}
