/*
 * Type tests: `npm run typecheck` (tsc) checks this file, jest never runs it. Each
 * @ts-expect-error below must be an error, or tsc fails with "Unused '@ts-expect-error'".
 */
import { App } from "cdktf";
import type { RoleTriggers } from "../../lib/contract";
import { NsxtProtectionStack } from "../../stacks/nsxt-protection-stack";
import { NsxvProtectionStack } from "../../stacks/nsxv-protection-stack";

const props = {
  address: "nsx.example.local",
  svmImageUrl: "https://repo.example.local/ksv/ntp-svm.ovf",
  ksc: { address: "ksc.example.local" },
  clusters: [{ name: "c1", datastore: "ds1", network: "net1", hosts: ["esx1.example.local"] }],
};

export function nsxtAcceptsNoMonitoring(app: App): void {
  new NsxtProtectionStack(app, "t", { ...props, trafficMode: "standard" });
  // @ts-expect-error monitoring is not an NSX-T traffic mode
  new NsxtProtectionStack(app, "t2", { ...props, trafficMode: "monitoring" });
  new NsxvProtectionStack(app, "v", { ...props, trafficMode: "monitoring" });
}

export const lockTriggers: RoleTriggers<"traffic-mode-lock"> = {
  manager: "m",
  traffic_mode: "standard",
};

// @ts-expect-error a role's triggers are exactly the keys of lib/contract: no key goes unread
export const extraKey: RoleTriggers<"traffic-mode-lock"> = { ...lockTriggers, extra: "x" };

// @ts-expect-error and none is missing
export const missingKey: RoleTriggers<"traffic-mode-lock"> = { manager: "m" };

export function onlyWarningsCanBeAcknowledged(app: App): void {
  new NsxtProtectionStack(app, "a", {
    ...props,
    acknowledge: [{ rule: "KSV-WEB-KSN", reason: "Global KSN is on" }],
  });
  new NsxtProtectionStack(app, "b", {
    ...props,
    // @ts-expect-error an error rule cannot be acknowledged
    acknowledge: [{ rule: "KSV-NSXT-STANDARD-ONLY", reason: "we know" }],
  });
  new NsxtProtectionStack(app, "c", {
    ...props,
    // @ts-expect-error a reason is required
    acknowledge: [{ rule: "KSV-WEB-KSN" }],
  });
}
