import { App } from "cdktf";
import type { Estate, ManagerSpec } from "../lib/estate/schema";
import { NsxtProtectionStack } from "./nsxt-protection-stack";
import { NsxvProtectionStack } from "./nsxv-protection-stack";
import type { ProtectionStack, ProtectionStackProps } from "./protection-stack";

/** One stack per manager of a validated estate. */
export function addEstateStacks(app: App, estate: Estate): ProtectionStack[] {
  return estate.managers.map((manager: ManagerSpec) => {
    const { name, kind, ...settings } = manager;
    const props: ProtectionStackProps = {
      ...settings,
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
