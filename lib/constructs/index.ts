export * from "./network-threat-protection";
export * from "./protection-service";
export * from "./service-segment";
export * from "./svm-fleet";
export * from "./nsx-objects";
export * from "./threat-action-policy";
export * from "./lifecycle-resource";
export * from "./manager-identity";
export * from "./terraform-data";
export * from "./state-backend";
export {
  environmentName,
  escapeTemplate,
  hookCommand,
  type HookCommand,
} from "./hook-provisioners";
