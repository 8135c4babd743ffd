export * from "./protection-stack";
export * from "./nsxv-protection-stack";
export * from "./nsxt-protection-stack";
export * from "./estate-stacks";
