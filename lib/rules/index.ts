export * from "./rule";
export * from "./all-rules";
export * from "./protection-rules";
export { monitoringTakesNoAction } from "./ksv-monitoring-no-action";
export { nsxtIpv4Exclusions } from "./ksv-nsxt-ipv4-only";
export { nsxtStandardOnly } from "./ksv-nsxt-standard-only";
export { webCategoriesNeedKsn } from "./ksv-web-ksn";
