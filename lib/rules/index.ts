export * from "./rule";
export * from "./all-rules";
export * from "./protection-rules";
export { monitoringTakesNoAction } from "./monitoring-takes-no-action";
export { nsxtIpv4Exclusions } from "./nsxt-ipv4-exclusions";
export { nsxtStandardOnly } from "./nsxt-standard-only";
export { webCategoriesNeedKsn } from "./web-categories-need-ksn";
