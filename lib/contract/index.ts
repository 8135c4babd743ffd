/*
 * The contract between the stacks and everything that reads their plans and state (the plan
 * review, ksv adopt and ksv drift). Constructs write each resource under the name and with the
 * keys given here, in the order given here; readers find resources by the same names and keys.
 * It imports nothing: both sides depend on it, it depends on neither.
 */
export * from "./vocabulary";
export * from "./roles";
export * from "./apply-order";
export * from "./keys";
export * from "./introspection";
export * from "./rule-ids";
