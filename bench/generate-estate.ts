import * as fs from "fs";
import { stringify } from "yaml";

/*
 * Estates of a given size, built the way a large site writes them: managers of both kinds,
 * clusters of 8–40 hosts, FQDN host names (and a few hosts listed by IPv4 address), hooks for
 * every step. Deterministic: the same size always gives the same estate.
 */

export interface EstateShape {
  readonly hosts: number;
  readonly managers: number;
  /** @default "mixed" (nsx-v and nsx-t alternate, the first is nsx-v) */
  readonly kinds?: "mixed" | "nsx-v";
  /** @default true */
  readonly hooks?: boolean;
}

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

const HOOKS = {
  register: "/opt/ksv/hooks/register-service.sh",
  unregister: "/opt/ksv/hooks/unregister-service.sh",
  deploySvm: "/opt/ksv/hooks/deploy-svm.sh",
  removeSvm: "/opt/ksv/hooks/remove-svm.sh",
  createObjects: "/opt/ksv/hooks/nsx-objects.sh create",
  removeObjects: "/opt/ksv/hooks/nsx-objects.sh remove",
  applyPolicy: "/opt/ksv/hooks/apply-policy.sh",
};

/** Splits `total` into cluster sizes of 8–40 (the last cluster takes the rest, at least 1). */
function clusterSizes(total: number, next: () => number): number[] {
  const sizes: number[] = [];
  let left = total;
  while (left > 0) {
    const size = Math.min(left, 8 + Math.floor(next() * 33));
    sizes.push(size);
    left -= size;
  }
  return sizes;
}

function managerEntry(index: number, hosts: number, shape: EstateShape): Record<string, unknown> {
  const next = random(index + 1);
  const dc = `dc${String(index + 1).padStart(2, "0")}`;
  const kind = shape.kinds === "nsx-v" || index % 2 === 0 ? "nsx-v" : "nsx-t";
  const name = `${dc}-${kind === "nsx-v" ? "nsxv" : "nsxt"}`;
  const clusters = clusterSizes(hosts, next).map((size, c) => {
    const tier = ["prod", "prod", "dmz", "vdi", "test"][c % 5];
    const cluster = `${tier}-cl${String(c + 1).padStart(3, "0")}`;
    return {
      name: `${dc.toUpperCase()}-${cluster}`,
      datastore: `vsan-${dc}-${cluster}`,
      network: kind === "nsx-v" ? `dvpg-${dc}-svm-mgmt` : `seg-${dc}-svm-mgmt`,
      hosts: Array.from({ length: size }, (_, h) =>
        // About 1 host in 25 is listed by address, as older sites do.
        next() < 0.04
          ? `10.${index + 1}.${c % 250}.${Math.floor(c / 250) * 50 + h + 11}`
          : `esx-${cluster}-${String(h + 1).padStart(2, "0")}.${dc}.corp.example.com`,
      ),
    };
  });
  // Monitoring managers report only, so their actions are ignore (no KSV-MONITORING-NO-ACTION).
  const monitoring = kind === "nsx-v" && index % 4 === 2;
  return {
    name,
    kind,
    address: `nsx-mgr-01.${dc}.corp.example.com`,
    ...(kind === "nsx-v" ? { trafficMode: monitoring ? "monitoring" : "standard" } : {}),
    svmImageUrl: `https://repo.${dc}.corp.example.com/ksv/6.2/ntp-svm-${kind}.ovf`,
    clusters,
    policy: monitoring
      ? {
          networkAttack: { action: "ignore" },
          networkActivity: { action: "ignore" },
          webAddresses: { action: "ignore" },
        }
      : {
          networkAttack: { action: "terminate-and-block", blockMinutes: 60 },
          networkActivity: { monitor: true, categories: ["adware"], action: "block" },
          webAddresses: { enabled: true, action: "block", categories: ["malicious", "phishing"] },
          exclusions: [
            { cidr: `10.${index + 1}.250.0/24`, direction: "both" },
            { cidr: "192.168.100.0/24", direction: "inbound" },
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
    ...(shape.hooks === false ? {} : { hooks: HOOKS }),
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
