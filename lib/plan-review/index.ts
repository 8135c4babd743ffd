export * from "./plan-json";
export * from "./policy-diff";
export * from "./analyze";
export * from "./finding-text";
export * from "./render-markdown";
export * from "./render-json";
export { main, parseArguments, renderReview, reviewCommand, FORMATS, USAGE } from "./cli";
export type { ParsedArguments, ReviewFormat, ReviewOptions } from "./cli";
