import { App } from "cdktf";
import { ClusterInventory } from "../lib/estate/cluster-inventory";
import type { ManagerSpec } from "../lib/estate/schema";
import type { ValidatedEstate } from "../lib/estate/validated-estate";
import { NsxtProtectionStack } from "./nsxt-protection-stack";
import { NsxvProtectionStack } from "./nsxv-protection-stack";
import type { ProtectionStack, ProtectionStackProps } from "./protection-stack";

/** One stack per manager of a validated estate; its clusters are not validated again. */
export function addEstateStacks(app: App, estate: ValidatedEstate): ProtectionStack[] {
  return estate.managers.map((manager: ManagerSpec) => {
    const { name, kind, ...settings } = manager;
    const props: ProtectionStackProps = {
      ...settings,
      clusters: ClusterInventory.ofEstate(estate, name),
      ksc: estate.ksc,
      resourceType: estate.resourceType,
      backend: estate.backend,
      hooks: estate.hooks,
    };
    // NsxtProtectionStack's props do not admit monitoring; a validated estate has none, and the
    // protection rules stop the synth should one get here by another way.
    return kind === "nsx-v"
      ? new NsxvProtectionStack(app, name, props)
      : new NsxtProtectionStack(
          app,
          name,
          props as ProtectionStackProps & { trafficMode?: "standard" },
        );
  });
}
