// The public API: constructs, stacks, the estate model and loader, the protection rules.
export * from "./constructs";
export * from "./estate";
export * from "./rules";
export * from "../stacks";
export { synthesizeEstate, type SynthesizedStack } from "./synth/synthesize-estate";
export * as planReview from "./plan-review";
export { UserError } from "./cli/user-error";
