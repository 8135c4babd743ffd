// The library: constructs, the estate model and loader, the protection rules, the contract the
// plan review reads stacks by, and the plan review.
export * from "./constructs";
export * from "./estate";
export * from "./rules";
export * as contract from "./contract";
export * as planReview from "./plan-review";
export * as text from "./text";
export { UserError } from "./user-error";
