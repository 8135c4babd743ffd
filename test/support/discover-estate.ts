import type { EstateManager } from "../../lib/discover";
import type { ClusterSpec } from "../../lib/estate";

/** A cluster of the estate as ksv discover reads it: datastore and network named after it. */
export const cluster = (
  name: string,
  hosts: string[],
  extra: Partial<ClusterSpec> = {},
): ClusterSpec => ({
  name,
  datastore: `ds-${name}`,
  network: "pg-mgmt",
  hosts,
  ...extra,
});

/** Three clusters, one host written in capitals (host names compare without case). */
export const dc1: EstateManager = {
  name: "dc1",
  clusters: [
    cluster("prod-a", ["esx-a1", "ESX-A2", "esx-a3"]),
    cluster("prod-b", ["esx-b1"]),
    cluster("prod-c", ["esx-c1", "esx-c2"]),
  ],
};
