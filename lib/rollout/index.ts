export * from "./waves";
export * from "./reviewed-subset";
export * from "./verify-wave";
